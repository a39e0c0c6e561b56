import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createOfficerRepo } from '../../src/handoff/officer-repo.js';
import { verifyPassword } from '../../src/handoff/passwords.js';
import { openStore } from '../../src/storage/open-store.js';
import { STORE_MIGRATIONS } from '../../src/store-migrations.js';
import { useTempDirs } from '../helpers/temp-dir.js';

// `npm run officer` as a newcomer runs it: a child process with a password piped in, or at a terminal.
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const CLI = 'src/cli/officer.ts';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(dataDir: string, args: string[], stdin: string | null): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(TSX, [CLI, ...args], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    if (stdin !== null) child.stdin.write(stdin);
    child.stdin.end();
  });
}

async function storedHash(dataDir: string, login: string): Promise<{ hash: string | null; name?: string; role?: string; onDuty?: boolean }> {
  const db = await openStore({ kind: 'sqlite', dataDir }, STORE_MIGRATIONS);
  try {
    const repo = createOfficerRepo(db);
    const o = await repo.get(login);
    return { hash: (await repo.credentials(login))?.hash ?? null, ...(o ? { name: o.name, role: o.role, onDuty: o.onDuty } : {}) };
  } finally {
    await db.close();
  }
}

describe('npm run officer -- add, password from a pipe', () => {
  const temp = useTempDirs();

  it('creates the seeded lead from a piped line and the password logs in', { timeout: 30_000 }, async () => {
    const dir = await temp();
    const r = await run(dir, ['add', 'zhou.lan', '--team', '综合', '--lead'], 'a-long-password\n');
    expect(r.stderr).not.toContain('No password');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Created officer zhou.lan (周岚, 综合, lead)');
    expect(r.stdout + r.stderr).not.toContain('a-long-password');
    const stored = await storedHash(dir, 'zhou.lan');
    expect(stored).toMatchObject({ name: '周岚', role: 'lead', onDuty: false });
    expect(await verifyPassword('a-long-password', stored.hash ?? '')).toBe(true);
  });

  it('takes a last line without a newline, and says so when resetting', { timeout: 30_000 }, async () => {
    const dir = await temp();
    expect((await run(dir, ['add', 'li.na', '--team', '补贴兑现'], 'first-password')).code).toBe(0);
    const again = await run(dir, ['add', 'li.na'], 'second-password\r\n');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Password reset for officer li.na (李娜, 补贴兑现)');
    expect(await verifyPassword('second-password', (await storedHash(dir, 'li.na')).hash ?? '')).toBe(true);
  });

  it('refuses a short password, an unknown team and an empty stdin, each with its reason and nothing stored', { timeout: 30_000 }, async () => {
    const dir = await temp();
    const short = await run(dir, ['add', 'li.na', '--team', '补贴兑现'], 'short\n');
    const team = await run(dir, ['add', 'li.na', '--team', '补贴'], 'a-long-password\n');
    const empty = await run(dir, ['add', 'li.na', '--team', '补贴兑现'], null);
    const blank = await run(dir, ['add', 'li.na', '--team', '补贴兑现'], '\n');
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('too short; it needs at least 10 characters');
    expect(team.code).toBe(1);
    expect(team.stderr).toContain('Unknown team "补贴"');
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain("No password on stdin: pipe one, e.g.  printf '%s\\n'");
    expect(blank.code).toBe(1);
    expect(blank.stderr).toContain('The password is empty');
    expect((await storedHash(dir, 'li.na')).hash).toBeNull();
  });
});

// util-linux `script` runs the command on a pseudo-terminal: the prompt, no echo, and the confirmation.
const hasScript = spawnSync('script', ['--version']).status === 0;

function runAtTerminal(dataDir: string, args: string[], typed: [string, string]): Promise<Run> {
  return new Promise((resolve) => {
    const command = [TSX, CLI, ...args].map((a) => `'${a}'`).join(' ');
    const child = spawn('script', ['-qefc', command, '/dev/null'], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let step = 0;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (step === 0 && stdout.includes('Password (at least 10 characters): ')) {
        step = 1;
        child.stdin.write(`${typed[0]}\r`);
      }
      if (step === 1 && stdout.includes('Repeat the password: ')) {
        step = 2;
        child.stdin.write(`${typed[1]}\r`);
      }
    });
    child.on('close', (code) => resolve({ code, stdout, stderr: '' }));
  });
}

describe.skipIf(!hasScript)('npm run officer -- add at a terminal', () => {
  const temp = useTempDirs();

  it('prompts, does not echo, asks again and creates the officer', { timeout: 30_000 }, async () => {
    const dir = await temp();
    const r = await runAtTerminal(dir, ['add', 'wang.fang', '--team', '安居落户'], ['typed-at-tty-1', 'typed-at-tty-1']);
    expect(r.stdout).toContain('Repeat the password: ');
    expect(r.stdout).toContain('Created officer wang.fang (王芳, 安居落户)');
    expect(r.stdout).not.toContain('typed-at-tty-1');
    expect(r.code).toBe(0);
    expect(await verifyPassword('typed-at-tty-1', (await storedHash(dir, 'wang.fang')).hash ?? '')).toBe(true);
  });

  it('refuses two different passwords', { timeout: 30_000 }, async () => {
    const dir = await temp();
    const r = await runAtTerminal(dir, ['add', 'wang.fang', '--team', '安居落户'], ['typed-at-tty-1', 'typed-at-tty-2']);
    expect(r.stdout).toContain('The two passwords differ');
    expect(r.code).toBe(1);
    expect((await storedHash(dir, 'wang.fang')).hash).toBeNull();
  });
});
