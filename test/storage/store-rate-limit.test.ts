import type { AddressInfo } from 'node:net';
import express from 'express';
import { rateLimit } from 'express-rate-limit';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/core/ports/clock.js';
import { CLUSTER_MIGRATIONS } from '../../src/storage/cluster-migrations.js';
import type { SqlDb } from '../../src/storage/sql-db.js';
import { createRateLimitCounters, createSqlRateLimitStore } from '../../src/storage/store-rate-limit.js';
import { STORE_BACKENDS, useTestStores } from '../helpers/store-backends.js';

const T0 = Date.UTC(2026, 11, 1, 2, 0, 0);

describe.each(STORE_BACKENDS)('rate limit counters on $name', ({ name, skip }) => {
  const stores = useTestStores(name);
  let a: SqlDb;
  let b: SqlDb;
  let offset: number;
  const clock: Clock = { now: () => new Date(T0 + offset) };

  beforeEach(async ({ skip: skipTest }) => {
    if (skip) return skipTest();
    const handle = await stores.create();
    // Two connections (pools on PostgreSQL) to one store: two instances.
    a = await handle.open(CLUSTER_MIGRATIONS);
    b = await handle.open(CLUSTER_MIGRATIONS);
    offset = 0;
  });

  it('counts hits in a fixed window that starts at the first hit and starts over after it', async () => {
    const counters = createRateLimitCounters({ db: a, clock });
    expect(await counters.hit('k', 1000)).toEqual({ totalHits: 1, resetTime: new Date(T0 + 1000) });
    offset = 500;
    expect(await counters.hit('k', 1000)).toEqual({ totalHits: 2, resetTime: new Date(T0 + 1000) });
    offset = 999;
    expect((await counters.hit('k', 1000)).totalHits).toBe(3);
    expect(await counters.get('k', 1000)).toEqual({ totalHits: 3, resetTime: new Date(T0 + 1000) });
    offset = 1000;
    expect(await counters.get('k', 1000)).toBeUndefined();
    expect(await counters.hit('k', 1000)).toEqual({ totalHits: 1, resetTime: new Date(T0 + 2000) });
    expect((await counters.hit('other', 1000)).totalHits).toBe(1);
  });

  it('consume allows up to the limit, then refuses until the window ends', async () => {
    const counters = createRateLimitCounters({ db: a, clock });
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await counters.consume('conversation:c1', 3, 60_000));
    expect(results.map((r) => [r.allowed, r.remaining, r.totalHits])).toEqual([
      [true, 2, 1],
      [true, 1, 2],
      [true, 0, 3],
      [false, 0, 4],
    ]);
    offset = 60_000;
    expect(await counters.consume('conversation:c1', 3, 60_000)).toMatchObject({ allowed: true, totalHits: 1 });
  });

  it('decrement, reset, resetPrefix and prune', async () => {
    const counters = createRateLimitCounters({ db: a, clock });
    await counters.hit('x:1', 1000);
    await counters.hit('x:1', 1000);
    await counters.decrement('x:1', 1000);
    expect((await counters.get('x:1', 1000))?.totalHits).toBe(1);
    await counters.reset('x:1');
    expect(await counters.get('x:1', 1000)).toBeUndefined();
    await counters.hit('x:2', 1000);
    await counters.hit('x%:3', 1000);
    await counters.hit('y:1', 1000);
    await counters.resetPrefix('x:');
    expect(await a.all('SELECT key FROM rate_limit_hits ORDER BY key')).toEqual([{ key: 'x%:3' }, { key: 'y:1' }]);
    offset = 500;
    await counters.hit('z', 1000);
    offset = 1200;
    expect(await counters.prune(1000)).toBe(2);
    expect(await a.all('SELECT key FROM rate_limit_hits')).toEqual([{ key: 'z' }]);
  });

  it('two instances share one counter: 30 concurrent hits count 1 to 30, each once', async () => {
    const ca = createRateLimitCounters({ db: a, clock });
    const cb = createRateLimitCounters({ db: b, clock });
    const hits = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? ca : cb).hit('shared', 60_000)));
    expect(hits.map((h) => h.totalHits).sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(hits.filter((h) => h.totalHits === 30)).toHaveLength(1);
    expect((await cb.get('shared', 60_000))?.totalHits).toBe(30);
  });

  it('express-rate-limit on two apps (two instances) with the store limits a client across both', async () => {
    const servers: Array<{ url: string; close(): Promise<void> }> = [];
    for (const db of [a, b]) {
      const app = express();
      app.use(rateLimit({ windowMs: 60_000, limit: 3, standardHeaders: 'draft-7', legacyHeaders: false, store: createSqlRateLimitStore({ db, prefix: 'api:', clock }) }));
      app.get('/ping', (_req, res) => void res.json({ ok: true }));
      const server = app.listen(0, '127.0.0.1');
      await new Promise<void>((resolve) => server.once('listening', resolve));
      const { port } = server.address() as AddressInfo;
      servers.push({ url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) });
    }
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await fetch(`${servers[i % 2]?.url}/ping`)).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const rows = await a.all<{ key: string; hits: number }>('SELECT key, hits FROM rate_limit_hits');
      expect(rows).toHaveLength(1);
      expect(rows[0]?.key.startsWith('api:')).toBe(true);
      expect(rows[0]?.hits).toBe(5);
      offset = 60_000;
      expect((await fetch(`${servers[1]?.url}/ping`)).status).toBe(200);
    } finally {
      for (const s of servers) await s.close();
    }
  });
});
