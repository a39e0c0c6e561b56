import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { latency, round } from './measure.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

/** One row of the chat-API load table. */
export interface ChatApiRow {
  /** What ran: store and number of instances. */
  setup: string;
  /** Answers completed per second, all instances together. */
  answersPerSecond: number;
  /** Latency of one POST (message in, answer out), ms. */
  p50: number;
  p95: number;
  /** Requests that failed (non-2xx or network). */
  errors: number;
}

/** How to run one setup. */
export interface LoadSetup {
  /** Row label. */
  setup: string;
  /** Instances to start. */
  instances: number;
  /** PostgreSQL URL, or undefined for SQLite (one instance only). */
  postgresUrl?: string;
}

interface Started {
  child: ChildProcess;
  base: string;
}

async function startInstance(env: Record<string, string>): Promise<Started> {
  // Each instance is its own process (its own event loop and core), as in a deployment.
  const child = spawn(TSX, ['src/main.ts'], { cwd: ROOT, env: { ...process.env, PORT: '0', LOG_LEVEL: 'error', ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => void (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => void (out += d.toString()));
  const deadline = Date.now() + 120_000;
  for (;;) {
    const base = /open (http:\/\/127\.0\.0\.1:\d+)\//u.exec(out)?.[1];
    if (base) return { child, base };
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`instance did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function stop(s: Started): void {
  if (s.child.exitCode === null && s.child.pid) {
    try {
      process.kill(-s.child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

/**
 * Runs `connections` simulated people for `seconds`, spread over the instances round-robin: each
 * opens a conversation and sends the questions one after another (one conversation per connection).
 */
async function drive(bases: string[], questions: string[], connections: number, seconds: number): Promise<Omit<ChatApiRow, 'setup'>> {
  const ms: number[] = [];
  let errors = 0;
  let done = 0;
  const warmUntil = Date.now() + 1000;
  const endAt = warmUntil + seconds * 1000;
  let measuredFrom = 0;
  const person = async (i: number): Promise<void> => {
    const base = bases[i % bases.length]!;
    const created = await fetch(`${base}/api/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const { id, token } = (await created.json()) as { id: string; token: string };
    for (let n = 0; Date.now() < endAt; n++) {
      const text = questions[(i * 7 + n) % questions.length]!;
      const started = performance.now();
      try {
        const res = await fetch(`${base}/api/conversations/${id}/messages`, {
          method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ text }),
        });
        await res.arrayBuffer();
        if (!res.ok) errors += 1;
        else if (Date.now() > warmUntil) {
          measuredFrom ||= Date.now();
          ms.push(performance.now() - started);
          done += 1;
        }
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, (_, i) => person(i)));
  const elapsed = (Date.now() - (measuredFrom || warmUntil)) / 1000;
  return { answersPerSecond: round(done / Math.max(elapsed, 0.001)), ...latency(ms), errors };
}

/** Starts each setup's instances on a fresh store, drives them, stops them; one row per setup. */
export async function measureChatApi(setups: LoadSetup[], questions: string[], options: { connections: number; seconds: number }): Promise<ChatApiRow[]> {
  const rows: ChatApiRow[] = [];
  for (const setup of setups) {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'qxz-load-'));
    const schema = setup.postgresUrl ? `bench_${randomBytes(4).toString('hex')}` : undefined;
    let admin: pg.Client | undefined;
    const started: Started[] = [];
    try {
      if (setup.postgresUrl && schema) {
        admin = new pg.Client({ connectionString: setup.postgresUrl });
        await admin.connect();
        await admin.query(`CREATE SCHEMA ${schema}`);
      }
      const env = (i: number): Record<string, string> => ({
        DATA_DIR: path.join(dataDir, String(i)),
        INSTANCE_ID: `bench-${i}`,
        RATE_LIMIT_PER_MINUTE: '100000',
        CONVERSATION_RATE_LIMIT_PER_MINUTE: '10000',
        ...(setup.postgresUrl && schema ? { DATABASE_URL: setup.postgresUrl, DATABASE_SCHEMA: schema } : { DATABASE_URL: '' }),
      });
      // The first instance migrates; the others start after it (they would wait on the migration lock anyway).
      started.push(await startInstance(env(0)));
      started.push(...(await Promise.all(Array.from({ length: setup.instances - 1 }, (_, i) => startInstance(env(i + 1))))));
      rows.push({ setup: setup.setup, ...(await drive(started.map((s) => s.base), questions, options.connections, options.seconds)) });
    } finally {
      for (const s of started) stop(s);
      await new Promise((r) => setTimeout(r, 500));
      if (admin && schema) {
        await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
        await admin.end();
      }
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  return rows;
}
