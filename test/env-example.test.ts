import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENV_NAMES } from '../src/config.js';
import { REPO_ROOT } from './helpers/services.js';

// .env.example is the operator's list of settings: every variable config.ts reads must be in it,
// set or commented out, and nothing it lists may be ignored by the program.
const documented = new Set(
  readFileSync(path.join(REPO_ROOT, '.env.example'), 'utf8')
    .split('\n')
    .flatMap((line) => /^#?\s*([A-Z][A-Z0-9_]*)=/u.exec(line)?.[1] ?? []),
);

describe('.env.example', () => {
  it('lists every variable src/config.ts reads', () => {
    expect(ENV_NAMES.length).toBeGreaterThan(20);
    expect(ENV_NAMES.filter((name) => !documented.has(name))).toEqual([]);
  });

  it('lists no variable the program does not read', () => {
    expect([...documented].filter((name) => !ENV_NAMES.includes(name))).toEqual([]);
  });
});
