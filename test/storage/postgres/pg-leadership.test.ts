import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Leadership } from '../../../src/storage/leadership.js';
import { createPgLeadership, leadershipKey } from '../../../src/storage/postgres/pg-leadership.js';
import { postgresAvailable, TEST_DATABASE_URL, useTestStores } from '../../helpers/store-backends.js';
import { waitFor } from '../../helpers/wait-for.js';

describe.skipIf(!postgresAvailable)('PostgreSQL leadership (advisory lock)', () => {
  const stores = useTestStores('postgres');
  let schema: string;
  const started: Leadership[] = [];
  const warnings: string[] = [];

  beforeEach(async () => {
    schema = (await stores.create()).schema ?? '';
    warnings.length = 0;
  });
  afterEach(async () => {
    for (const l of started.splice(0)) await l.stop();
  });

  function leadership(name = 'sla-sweep'): { leadership: Leadership; applicationName: string } {
    const applicationName = `lead_${randomBytes(4).toString('hex')}`;
    const l = createPgLeadership({
      name,
      connection: { url: TEST_DATABASE_URL, schema, applicationName },
      logger: { info() {}, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) },
      pollMs: 30,
    });
    started.push(l);
    l.start();
    return { leadership: l, applicationName };
  }

  const leaders = (ls: Leadership[]): number => ls.filter((l) => l.isLeader()).length;

  it('the key is stable, and differs by name and by schema', () => {
    expect(leadershipKey('sla', 's1')).toBe(leadershipKey('sla', 's1'));
    expect(leadershipKey('sla', 's1')).not.toBe(leadershipKey('outbox', 's1'));
    expect(leadershipKey('sla', 's1')).not.toBe(leadershipKey('sla', 's2'));
    expect(BigInt(leadershipKey('sla', undefined))).toBeLessThan(2n ** 63n);
  });

  it('of two instances exactly one leads; when it stops, the other takes over', async () => {
    const a = leadership();
    const b = leadership();
    const changesB: boolean[] = [];
    b.leadership.onChange((v) => changesB.push(v));
    await waitFor(() => leaders([a.leadership, b.leadership]) === 1, 5000, 'a leader');
    // Let several more polls pass: the follower keeps failing to take the lock.
    const first = a.leadership.isLeader() ? a.leadership : b.leadership;
    const second = first === a.leadership ? b.leadership : a.leadership;
    await new Promise((r) => setTimeout(r, 200));
    expect(first.isLeader()).toBe(true);
    expect(second.isLeader()).toBe(false);

    await first.stop();
    expect(first.isLeader()).toBe(false);
    await waitFor(() => second.isLeader(), 5000, 'the other to lead');
    expect(leaders([a.leadership, b.leadership])).toBe(1);
    if (second === b.leadership) expect(changesB).toEqual([true]);
  });

  it('different names lead independently', async () => {
    const a = leadership('sla-sweep');
    const b = leadership('outbox');
    await waitFor(() => a.leadership.isLeader() && b.leadership.isLeader(), 5000, 'both to lead');
  });

  it('when the leader’s connection is killed it stops leading and another instance takes over', async () => {
    const a = leadership();
    await waitFor(() => a.leadership.isLeader(), 5000, 'a to lead');
    const b = leadership();
    const c = leadership();
    await new Promise((r) => setTimeout(r, 100));
    expect(leaders([a.leadership, b.leadership, c.leadership])).toBe(1);

    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      const r = await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [a.applicationName]);
      expect(r.rowCount).toBe(1);
    } finally {
      await client.end();
    }
    await waitFor(() => !a.leadership.isLeader() && (b.leadership.isLeader() || c.leadership.isLeader()), 5000, 'a new leader');
    expect(warnings.some((w) => w.includes('lost'))).toBe(true);
    // A reconnects as a follower: never two leaders.
    await new Promise((r) => setTimeout(r, 200));
    expect(leaders([a.leadership, b.leadership, c.leadership])).toBe(1);
  });
});
