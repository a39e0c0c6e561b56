import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../helpers/temp-dir.js';

// `npm run ask` as a person types it: a child process, the conversation piped on stdin for --chat.
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(dataDir: string, args: string[], stdin = ''): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(TSX, ['src/cli/ask.ts', ...args], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', OPENAI_BASE_URL: '', OPENAI_API_KEY: '' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('npm run ask (child process)', () => {
  const tempDir = useTempDirs();

  it('prints its usage for --help and exits 0', async () => {
    const r = await run(await tempDir(), ['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: npm run ask');
    expect(r.stderr).toBe('');
  });

  it('without a question says how to use it in one line, with no stack trace, and exits 1', async () => {
    const r = await run(await tempDir(), []);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('Usage: npm run ask');
  });

  it('answers one question with its sources', { timeout: 60_000 }, async () => {
    const r = await run(await tempDir(), ['硕士生活补贴多少钱']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('3万元');
    expect(r.stdout).toMatch(/来源 sources: .*qt25-5/u);
  });

  it('--chat keeps one conversation over piped lines and ends at the end of input', { timeout: 60_000 }, async () => {
    const r = await run(await tempDir(), ['--chat'], '博士租房补贴每年多少\n\n那硕士呢\n');
    expect(r.code).toBe(0);
    const answers = r.stdout.split('钱小智> ').slice(1);
    expect(answers).toHaveLength(2);
    expect(answers[0]).toContain('3万元');
    // The follow-up keeps the topic (rent subsidy) and asks it of 硕士.
    expect(answers[1]).toContain('2万元');
    expect(answers[1]).toContain('qt25-6');
  });
});
