import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../../src/core/logger.js';
import type { ChangeFeed } from '../../../src/storage/change-feed.js';
import { createPgChangeFeed } from '../../../src/storage/postgres/pg-change-feed.js';
import type { SqlDb } from '../../../src/storage/sql-db.js';
import { postgresAvailable, TEST_DATABASE_URL, useTestStores, type TestStoreHandle } from '../../helpers/store-backends.js';
import { waitFor } from '../../helpers/wait-for.js';

describe.skipIf(!postgresAvailable)('PostgreSQL change feed (LISTEN/NOTIFY)', () => {
  const stores = useTestStores('postgres');
  let handle: TestStoreHandle;
  const feeds: ChangeFeed[] = [];
  const warnings: string[] = [];
  const logger: Logger = { info() {}, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) };

  beforeEach(async () => {
    handle = await stores.create();
    warnings.length = 0;
  });
  afterEach(async () => {
    for (const f of feeds.splice(0)) await f.close();
  });

  /** A feed with its own pool and its own listener connection, named so a test can find it. */
  async function feed(schema = handle.schema): Promise<{ feed: ChangeFeed; db: SqlDb; applicationName: string }> {
    const db = await handle.open([]);
    const applicationName = `feed_${randomBytes(4).toString('hex')}`;
    const f = createPgChangeFeed({ db, connection: { url: TEST_DATABASE_URL, ...(schema ? { schema } : {}), applicationName }, logger, minBackoffMs: 20, maxBackoffMs: 200 });
    feeds.push(f);
    return { feed: f, db, applicationName };
  }

  async function terminate(applicationName: string): Promise<number> {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      const r = await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
      return r.rowCount ?? 0;
    } finally {
      await client.end();
    }
  }

  it('a publish on one instance reaches the subscribers of both, the publisher included; unsubscribe stops it', async () => {
    const a = await feed();
    const b = await feed();
    const seenA: string[] = [];
    const seenB: string[] = [];
    a.feed.subscribe('tickets', (p) => seenA.push(p));
    const offB = b.feed.subscribe('tickets', (p) => seenB.push(p));
    b.feed.subscribe('other', (p) => seenB.push(`other:${p}`));
    await Promise.all([a.feed.ready(), b.feed.ready()]);

    await a.feed.publish('tickets', 'T-1');
    await waitFor(() => seenA.length === 1 && seenB.length === 1, 5000, 'both deliveries');
    expect(seenA).toEqual(['T-1']);
    expect(seenB).toEqual(['T-1']);

    offB();
    await b.feed.ready();
    await a.feed.publish('tickets', 'T-2');
    await b.feed.publish('other', 'O-1');
    // Both publishes come from connections of the same database, in order: once B has the later
    // one, it would have had T-2 already if it were still subscribed.
    await waitFor(() => seenB.includes('other:O-1') && seenA.includes('T-2'), 5000, 'later deliveries');
    expect(seenB).toEqual(['T-1', 'other:O-1']);
    expect(seenA).toEqual(['T-1', 'T-2']);
  });

  it('feeds on different schemas of one database do not hear each other', async () => {
    const a = await feed();
    const other = await stores.create();
    const db = await other.open([]);
    const c = createPgChangeFeed({ db, connection: { url: TEST_DATABASE_URL, ...(other.schema ? { schema: other.schema } : {}) }, logger });
    feeds.push(c);
    const seenA: string[] = [];
    const seenC: string[] = [];
    a.feed.subscribe('tickets', (p) => seenA.push(p));
    c.subscribe('tickets', (p) => seenC.push(p));
    await Promise.all([a.feed.ready(), c.ready()]);
    await c.publish('tickets', 'from-c');
    await a.feed.publish('tickets', 'from-a');
    await waitFor(() => seenA.length === 1 && seenC.length === 1, 5000, 'deliveries');
    expect(seenA).toEqual(['from-a']);
    expect(seenC).toEqual(['from-c']);
  });

  it('after its listener connection is killed, an instance reconnects, resyncs and receives later publishes', async () => {
    const a = await feed();
    const b = await feed();
    const seenB: string[] = [];
    let resyncs = 0;
    b.feed.subscribe('tickets', (p) => seenB.push(p));
    b.feed.onResync(() => (resyncs += 1));
    await b.feed.ready();

    expect(await terminate(b.applicationName)).toBe(1);
    await waitFor(() => resyncs === 1, 10_000, 'the resync');
    await b.feed.ready();
    expect(warnings.some((w) => w.includes('lost'))).toBe(true);

    await a.feed.publish('tickets', 'after');
    await waitFor(() => seenB.includes('after'), 5000, 'the delivery after reconnecting');
    expect(resyncs).toBe(1);
  });

  it('keeps retrying, without throwing, while the database refuses connections', async () => {
    const db = await handle.open([]);
    // Nothing listens on port 1: every attempt fails until the feed is closed.
    const f = createPgChangeFeed({ db, connection: { url: 'postgres://postgres@127.0.0.1:1/test' }, logger, minBackoffMs: 10, maxBackoffMs: 20 });
    feeds.push(f);
    await waitFor(() => warnings.filter((w) => w.includes('could not connect')).length >= 3, 5000, 'several attempts');
    await f.close();
  });
});
