import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from './helpers/temp-dir.js';

// `npm start` on a fresh data folder, as a newcomer runs it (it compiles src/ into dist/ first when
// dist/ is missing or older): what it prints, and the first officer.
const ROOT = path.resolve(import.meta.dirname, '..');

interface Started {
  child: ChildProcess;
  output(): string;
  /** Resolves when the output contains `text` (rejects when the process ends first). */
  waitFor(text: string): Promise<void>;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

const running: ChildProcess[] = [];
afterEach(() => {
  // npm ends by the signal (signalCode set, exitCode null) when the test stopped it already.
  for (const c of running.splice(0)) if (c.exitCode === null && c.signalCode === null && c.pid) process.kill(-c.pid, 'SIGTERM');
});

function start(env: Record<string, string>): Started {
  // Its own process group, so the test can stop npm and the node process it runs together.
  const child = spawn('npm', ['start'], { cwd: ROOT, env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  running.push(child);
  let out = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const onData = (d: Buffer): void => {
    out += d.toString();
    for (const w of waiters.splice(0)) if (out.includes(w.text)) w.resolve();
    else waiters.push(w);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  return {
    child, exited,
    output: () => out,
    waitFor: (text) => new Promise<void>((resolve, reject) => {
      if (out.includes(text)) return resolve();
      waiters.push({ text, resolve });
      void exited.then(() => (out.includes(text) ? resolve() : reject(new Error(`ended without "${text}":\n${out}`))));
    }),
  };
}

function shell(command: string, env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', command], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => resolve({ code, out }));
  });
}

describe('npm start on a fresh data folder', () => {
  const temp = useTempDirs();

  it('prints a command for the first officer that works when pasted as it is', { timeout: 90_000 }, async () => {
    const dir = await temp();
    const app = start({ DATA_DIR: dir });
    await app.waitFor('and start again.');
    const lines = app.output().split('\n');
    const hint = lines.findIndex((l) => l.startsWith('No helper officer can log in yet.'));
    expect(hint).toBeGreaterThan(-1);
    const command = lines.slice(hint + 1).map((l) => l.trim()).find((l) => l.startsWith('npm run officer'));
    expect(command).toBe('npm run officer -- add zhou.lan --team 综合 --lead');
    process.kill(-(app.child.pid ?? 0), 'SIGTERM');
    await app.exited;
    // Pasted with a password piped in (a terminal would prompt for it).
    const created = await shell(`printf '%s\\n' 'a-long-password' | ${command ?? 'false'}`, { DATA_DIR: dir });
    expect(created.out).toContain('Created officer zhou.lan (周岚, 综合, lead)');
    expect(created.code).toBe(0);
  });

  it('creates the first lead from OFFICER_BOOTSTRAP_* without logging the password, and the lead can log in', { timeout: 90_000 }, async () => {
    const dir = await temp();
    const password = 'container-secret-42';
    const app = start({ DATA_DIR: dir, OFFICER_BOOTSTRAP_LOGIN: 'zhou.lan', OFFICER_BOOTSTRAP_PASSWORD: password });
    await app.waitFor('钱小智 is running: open ');
    const url = /open (http:\/\/\S+?)\/ /u.exec(app.output())?.[1];
    const res = await fetch(`${url}/api/officer/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login: 'zhou.lan', password }) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { officer: { name: string; role: string; team: string } }).officer).toMatchObject({ name: '周岚', role: 'lead', team: '综合' });
    expect(app.output()).toContain('first lead created from OFFICER_BOOTSTRAP_LOGIN');
    expect(app.output()).not.toContain('No helper officer can log in yet');
    expect(app.output()).not.toContain(password);
  });

  it('refuses a short bootstrap password at start, naming the variable but not the value', { timeout: 60_000 }, async () => {
    const dir = await temp();
    const app = start({ DATA_DIR: dir, OFFICER_BOOTSTRAP_LOGIN: 'zhou.lan', OFFICER_BOOTSTRAP_PASSWORD: 'short-pw' });
    expect(await app.exited).toBe(1);
    expect(app.output()).toContain('Invalid OFFICER_BOOTSTRAP_PASSWORD: the password needs at least 10 characters');
    expect(app.output()).not.toContain('short-pw');
  });
});
