import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { LoadOrder, LoadResult } from './load-driver.js';
import { median, round } from './measure.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

/** One row of the chat-API load table: the medians of the repeated runs of one target at one load. */
export interface ChatApiRow extends LoadResult {
  /** What ran: the hello-world baseline, or a store and number of instances. */
  setup: string;
  /** Simultaneous connections (one conversation each). */
  connections: number;
  /** Runs the medians are of. */
  runs: number;
}

/** How to run one setup. */
export interface LoadSetup {
  /** Row label. */
  setup: string;
  /** Instances to start. */
  instances: number;
  /** PostgreSQL URL, or undefined for SQLite (one instance only). */
  postgresUrl?: string;
  /** Extra environment of the instances (e.g. SQLITE_SYNCHRONOUS). */
  env?: Record<string, string>;
}

/** The label of the express hello-world baseline's rows. */
export const HELLO_SETUP = 'express hello-world';

interface Started {
  child: ChildProcess;
  base: string;
}

async function startProcess(args: string[], env: Record<string, string>): Promise<Started> {
  // Each server is its own process (its own event loop and core), as in a deployment.
  const child = spawn(TSX, args, { cwd: ROOT, env: { ...process.env, PORT: '0', LOG_LEVEL: 'error', ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => void (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => void (out += d.toString()));
  const deadline = Date.now() + 120_000;
  for (;;) {
    const base = /open (http:\/\/127\.0\.0\.1:\d+)\//u.exec(out)?.[1];
    if (base) return { child, base };
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start:\n${out}`);
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

/** Runs the load generator as a process of its own and returns what it measured. */
function driveInChild(order: LoadOrder): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [path.join('src', 'cli', 'bench', 'load-driver.ts')], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => void (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => void (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as LoadResult);
      else reject(new Error(`load driver failed (${code}):\n${err}`));
    });
    child.stdin.end(JSON.stringify(order));
  });
}

/** The row of medians of one target's repeated runs. */
function medianRow(setup: string, connections: number, runs: LoadResult[]): ChatApiRow {
  const m = (pick: (r: LoadResult) => number): number => round(median(runs.map(pick)));
  return {
    setup, connections, runs: runs.length,
    answersPerSecond: m((r) => r.answersPerSecond), p50: m((r) => r.p50), p95: m((r) => r.p95), p99: m((r) => r.p99),
    shed: m((r) => r.shed), errors: m((r) => r.errors),
  };
}

/**
 * Starts the hello-world baseline and each setup's instances (each on a fresh store), then, `repeats`
 * times, drives every target at every connection count in turn, so a change in the machine's other
 * load touches all of them alike; one row of medians per target and connection count.
 */
export async function measureChatApi(setups: LoadSetup[], questions: string[], options: { connections: number[]; seconds: number; repeats: number }): Promise<ChatApiRow[]> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'qxz-load-'));
  const started: Started[] = [];
  const schemas: { admin: pg.Client; schema: string }[] = [];
  try {
    const targets: { setup: string; bases: string[] }[] = [];
    const hello = await startProcess([path.join('src', 'cli', 'bench', 'hello-server.ts')], {});
    started.push(hello);
    targets.push({ setup: HELLO_SETUP, bases: [hello.base] });
    for (const [n, setup] of setups.entries()) {
      let schema: string | undefined;
      if (setup.postgresUrl) {
        schema = `bench_${randomBytes(4).toString('hex')}`;
        const admin = new pg.Client({ connectionString: setup.postgresUrl });
        await admin.connect();
        await admin.query(`CREATE SCHEMA ${schema}`);
        schemas.push({ admin, schema });
      }
      const env = (i: number): Record<string, string> => ({
        DATA_DIR: path.join(dataDir, `${n}-${i}`),
        INSTANCE_ID: `bench-${n}-${i}`,
        RATE_LIMIT_PER_MINUTE: '100000',
        CONVERSATION_RATE_LIMIT_PER_MINUTE: '10000',
        ...(setup.postgresUrl && schema ? { DATABASE_URL: setup.postgresUrl, DATABASE_SCHEMA: schema } : { DATABASE_URL: '' }),
        ...setup.env,
      });
      // The first instance migrates; the others start after it (they would wait on the migration lock anyway).
      const first = await startProcess(['src/main.ts'], env(0));
      const rest = await Promise.all(Array.from({ length: setup.instances - 1 }, (_, i) => startProcess(['src/main.ts'], env(i + 1))));
      started.push(first, ...rest);
      targets.push({ setup: setup.setup, bases: [first.base, ...rest.map((s) => s.base)] });
    }
    const runs = new Map<string, LoadResult[]>();
    for (let r = 0; r < options.repeats; r++) {
      for (const connections of options.connections) {
        for (const target of targets) {
          const key = `${target.setup}\u0000${connections}`;
          const result = await driveInChild({ bases: target.bases, questions, connections, seconds: options.seconds });
          runs.set(key, [...(runs.get(key) ?? []), result]);
        }
      }
    }
    return options.connections.flatMap((connections) => targets.map((t) => medianRow(t.setup, connections, runs.get(`${t.setup}\u0000${connections}`) ?? [])));
  } finally {
    for (const s of started) stop(s);
    await new Promise((r) => setTimeout(r, 500));
    for (const { admin, schema } of schemas) {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
      await admin.end();
    }
    await rm(dataDir, { recursive: true, force: true });
  }
}
