import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/services.js';

// `npm run X` prints a "> pkg@version X" banner on stdout: a documented command whose output a
// program reads (--json, a pipe) must use `npm run -s`.
describe('README command examples', () => {
  it('every npm run example with machine-read output is silent (-s)', () => {
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const examples = [...readme.matchAll(/npm run [^`\n]*/gu)].map((m) => m[0]);
    const parsed = examples.filter((e) => /--json|\\?\|\s*\w/u.test(e));
    expect(parsed.length).toBeGreaterThan(0);
    expect(parsed.filter((e) => !e.startsWith('npm run -s '))).toEqual([]);
  });
});
