import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { build, needsBuild } from '../../../scripts/build.mjs';
import { latency } from './measure.js';

/** Start-up of the server as `npm start` runs it. */
export interface StartupRow {
  /** Milliseconds from spawning the process to the first 200 from /healthz, per run. */
  runs: number[];
  p50: number;
  /** Resident set size of the idle server two seconds after its first 200, median of the runs. */
  idleRssMiB: number;
}

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function rssMiBOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = Number(/^VmRSS:\s+(\d+)/mu.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Spawns `node scripts/start.mjs` (what `npm start` runs, without npm's own start-up) `runs` times
 * on `dataDir` (whose index is already built), after one unmeasured run that creates the store, and
 * polls /healthz every 10 ms. dist/ is compiled first when stale, so no run includes a build.
 */
export async function measureStartup(dataDir: string, runs = 5): Promise<StartupRow> {
  if (await needsBuild()) await build();
  const times: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const port = await freePort();
    const started = performance.now();
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.mjs')], {
      cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' }, stdio: 'ignore',
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      let ms: number | undefined;
      while (ms === undefined) {
        if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode} before /healthz answered`);
        const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status === 200, () => false);
        if (ok) ms = performance.now() - started;
        else await sleep(10);
      }
      await sleep(2_000);
      // Run 0 creates and migrates the store: not measured.
      if (i > 0) {
        times.push(ms);
        rss.push(await rssMiBOf(child.pid ?? 0));
      }
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  }
  const sortedRss = [...rss].sort((a, b) => a - b);
  return { runs: times.map(Math.round), p50: latency(times).p50, idleRssMiB: sortedRss[Math.floor(sortedRss.length / 2)] ?? 0 };
}
