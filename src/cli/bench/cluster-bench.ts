/**
 * Measures the primitives instances share a store with: NOTIFY round trip between two processes'
 * worth of connections, and turn-lease acquire/release on SQLite and PostgreSQL.
 * `npx tsx src/cli/bench/cluster-bench.ts [postgres://…]` (default: the local test database).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { silentLogger } from '../../core/logger.js';
import { CLUSTER_MIGRATIONS } from '../../storage/cluster-migrations.js';
import { openStore } from '../../storage/open-store.js';
import { createPgChangeFeed } from '../../storage/postgres/pg-change-feed.js';
import type { SqlDb } from '../../storage/sql-db.js';
import { createTurnLeases } from '../../storage/turn-lease.js';
import { latency, round } from './measure.js';

const url = process.argv[2] ?? 'postgres://postgres@127.0.0.1:5432/test';

async function notifyRoundTrip(schema: string, count: number): Promise<{ p50: number; p95: number }> {
  const dbA = await openStore({ kind: 'postgres', url, schema }, []);
  const dbB = await openStore({ kind: 'postgres', url, schema }, []);
  const a = createPgChangeFeed({ db: dbA, connection: { url, schema }, logger: silentLogger });
  const b = createPgChangeFeed({ db: dbB, connection: { url, schema }, logger: silentLogger });
  const waiting = new Map<string, () => void>();
  b.subscribe('bench', (payload) => waiting.get(payload)?.());
  await Promise.all([a.ready(), b.ready()]);
  const times: number[] = [];
  for (let i = 0; i < count + 20; i++) {
    const id = String(i);
    const started = performance.now();
    const received = new Promise<void>((resolve) => waiting.set(id, resolve));
    await a.publish('bench', id);
    await received;
    waiting.delete(id);
    if (i >= 20) times.push(performance.now() - started); // the first ones warm the connections up
  }
  await Promise.all([a.close(), b.close(), dbA.close(), dbB.close()]);
  return latency(times);
}

async function leaseCost(db: SqlDb, other: SqlDb, count: number): Promise<Record<string, unknown>> {
  const leases = createTurnLeases({ db, owner: 'a' });
  const acquire: number[] = [];
  const release: number[] = [];
  for (let i = 0; i < count + 20; i++) {
    const t0 = performance.now();
    const lease = await leases.acquire(`c${i % 50}`, { waitMs: 1000 });
    const t1 = performance.now();
    await lease?.release();
    const t2 = performance.now();
    if (i >= 20) {
      acquire.push(t1 - t0);
      release.push(t2 - t1);
    }
  }
  // Contended: 40 turns of one conversation alternating between two instances, default retry.
  const leasesB = createTurnLeases({ db: other, owner: 'b' });
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: 40 }, async (_, i) => {
      const lease = await (i % 2 === 0 ? leases : leasesB).acquire('hot', { waitMs: 30_000 });
      await lease?.release();
    }),
  );
  const contended = (performance.now() - t0) / 40;
  return { acquire: latency(acquire), release: latency(release), contendedMsPerTurn: round(contended) };
}

const schema = `bench_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: url });
await admin.connect();
await admin.query(`CREATE SCHEMA ${schema}`);
const dir = await mkdtemp(path.join(os.tmpdir(), 'qxz-bench-'));
try {
  console.log('NOTIFY round trip A→B, ms (200 messages):', await notifyRoundTrip(schema, 200));
  const sqliteA = await openStore({ kind: 'sqlite', dataDir: dir }, CLUSTER_MIGRATIONS);
  const sqliteB = await openStore({ kind: 'sqlite', dataDir: dir }, CLUSTER_MIGRATIONS);
  console.log('turn lease on SQLite, ms (500):', await leaseCost(sqliteA, sqliteB, 500));
  await Promise.all([sqliteA.close(), sqliteB.close()]);
  const pgA = await openStore({ kind: 'postgres', url, schema }, CLUSTER_MIGRATIONS);
  const pgB = await openStore({ kind: 'postgres', url, schema }, CLUSTER_MIGRATIONS);
  console.log('turn lease on PostgreSQL, ms (500):', await leaseCost(pgA, pgB, 500));
  await Promise.all([pgA.close(), pgB.close()]);
} finally {
  await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  await admin.end();
  await rm(dir, { recursive: true, force: true });
}
