import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../helpers/temp-dir.js';

// `npm run eval` as a developer types it: a child process with the flags on the command line.
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(dataDir: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(TSX, ['src/cli/eval.ts', ...args], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', OPENAI_BASE_URL: '', OPENAI_API_KEY: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run eval (child process)', () => {
  const tempDir = useTempDirs();

  it('prints its usage for --help and runs nothing', async () => {
    const r = await run(await tempDir(), ['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: npm run eval/u);
    expect(r.stdout).not.toMatch(/hit@1/u);
  });

  it('refuses a mistyped option with its name and the usage, instead of running the default sets', async () => {
    const r = await run(await tempDir(), ['--fiel', 'x.jsonl']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('unknown option --fiel');
    expect(r.stderr).toContain('Usage: npm run eval');
    expect(r.stdout).toBe('');
  });

  it('says which option lacks its value', async () => {
    const r = await run(await tempDir(), ['--file']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--file needs a value');
    expect(r.stderr).not.toMatch(/\n\s+at /u);
  });

  it('runs one file and writes one JSON line per item', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'one.jsonl');
    await writeFile(file, `${JSON.stringify({ id: 'x-1', question: '硕士生活补贴多少', expect: { cite: ['qt25-5'], contains: ['3万'] } })}\n`);
    const out = path.join(dir, 'out.jsonl');
    const r = await run(dir, ['--file', file, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('items 1');
    const lines = (await readFile(out, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { id: string; citations: string[] });
    expect(lines.map((l) => l.id)).toEqual(['x-1']);
    expect(lines[0]?.citations[0]).toBe('qt25-5');
  });
}, 120_000);
