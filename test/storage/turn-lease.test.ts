import { beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/core/ports/clock.js';
import { CLUSTER_MIGRATIONS } from '../../src/storage/cluster-migrations.js';
import type { SqlDb } from '../../src/storage/sql-db.js';
import { createTurnLeases } from '../../src/storage/turn-lease.js';
import { STORE_BACKENDS, useTestStores, type TestStoreHandle } from '../helpers/store-backends.js';

const T0 = Date.UTC(2026, 11, 1, 2, 0, 0);
const at = (ms: number): Clock => ({ now: () => new Date(T0 + ms) });
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe.each(STORE_BACKENDS)('turn leases on $name', ({ name, skip }) => {
  const stores = useTestStores(name);
  let handle: TestStoreHandle;
  let a: SqlDb;
  let b: SqlDb;

  beforeEach(async ({ skip: skipTest }) => {
    if (skip) return skipTest();
    handle = await stores.create();
    // Two connections (pools on PostgreSQL) to one store: two instances.
    a = await handle.open(CLUSTER_MIGRATIONS);
    b = await handle.open(CLUSTER_MIGRATIONS);
  });

  it('20 turns of one conversation from two instances never overlap', async () => {
    const leasesA = createTurnLeases({ db: a, owner: 'a', retryMs: 5 });
    const leasesB = createTurnLeases({ db: b, owner: 'b', retryMs: 5 });
    const log: string[] = [];
    let inside = 0;
    let maxInside = 0;
    const turn = async (i: number): Promise<void> => {
      const lease = await (i % 2 === 0 ? leasesA : leasesB).acquire('c1', { waitMs: 15_000 });
      if (!lease) throw new Error(`turn ${i} got no lease`);
      inside += 1;
      maxInside = Math.max(maxInside, inside);
      log.push(`enter ${i}`);
      await sleep(2);
      log.push(`exit ${i}`);
      inside -= 1;
      await lease.release();
    };
    await Promise.all(Array.from({ length: 20 }, (_, i) => turn(i)));
    expect(maxInside).toBe(1);
    expect(log).toHaveLength(40);
    for (let k = 0; k < 40; k += 2) {
      const i = log[k]?.split(' ')[1];
      expect(log[k]).toBe(`enter ${i}`);
      expect(log[k + 1]).toBe(`exit ${i}`);
    }
    expect(await a.get('SELECT COUNT(*) AS n FROM turn_leases')).toEqual({ n: 0 });
  });

  it('different conversations do not wait for each other', async () => {
    const leasesA = createTurnLeases({ db: a, owner: 'a' });
    const leasesB = createTurnLeases({ db: b, owner: 'b' });
    const one = await leasesA.acquire('c1', { waitMs: 0 });
    const two = await leasesB.acquire('c2', { waitMs: 0 });
    const three = await leasesA.acquire('c3', { waitMs: 0 });
    expect([one, two, three].every((l) => l !== undefined)).toBe(true);
  });

  it('a held lease is not granted elsewhere within waitMs, in this process or another', async () => {
    const leasesA = createTurnLeases({ db: a, owner: 'a', retryMs: 5 });
    const leasesB = createTurnLeases({ db: b, owner: 'b', retryMs: 5 });
    const held = await leasesA.acquire('c1', { waitMs: 0 });
    expect(held).toBeDefined();
    expect(await leasesA.acquire('c1', { waitMs: 30 })).toBeUndefined();
    expect(await leasesB.acquire('c1', { waitMs: 30 })).toBeUndefined();
    await held?.release();
    const next = await leasesB.acquire('c1', { waitMs: 0 });
    expect(next).toBeDefined();
    expect(await a.get('SELECT owner FROM turn_leases WHERE conversation_id = ?', ['c1'])).toEqual({ owner: 'b' });
  });

  it('a waiter in this process gets the turn when the holder releases', async () => {
    const leases = createTurnLeases({ db: a, owner: 'a' });
    const first = await leases.acquire('c1', { waitMs: 0 });
    const second = leases.acquire('c1', { waitMs: 10_000 });
    await sleep(20);
    await first?.release();
    const lease = await second;
    expect(lease).toBeDefined();
    expect(await a.get('SELECT token FROM turn_leases WHERE conversation_id = ?', ['c1'])).toEqual({ token: lease?.token });
  });

  it('an expired lease (its instance died) is taken over; releasing the stale token does not free the new holder’s', async () => {
    const dead = createTurnLeases({ db: a, owner: 'dead', clock: at(0), leaseMs: 1000 });
    const stale = await dead.acquire('c1', { waitMs: 0 });
    expect(stale).toBeDefined();

    // Before the expiry the lease stands.
    expect(await createTurnLeases({ db: b, owner: 'b', clock: at(999), leaseMs: 1000 }).acquire('c1', { waitMs: 0 })).toBeUndefined();

    const later = createTurnLeases({ db: b, owner: 'b', clock: at(1001), leaseMs: 1000 });
    const taken = await later.acquire('c1', { waitMs: 0 });
    expect(taken).toBeDefined();
    expect(await b.get('SELECT owner, token FROM turn_leases WHERE conversation_id = ?', ['c1'])).toEqual({ owner: 'b', token: taken?.token });

    await stale?.release();
    expect(await b.get('SELECT owner, token FROM turn_leases WHERE conversation_id = ?', ['c1'])).toEqual({ owner: 'b', token: taken?.token });
    expect(await createTurnLeases({ db: a, owner: 'c', clock: at(1002), leaseMs: 1000 }).acquire('c1', { waitMs: 0 })).toBeUndefined();

    await taken?.release();
    expect(await a.get('SELECT COUNT(*) AS n FROM turn_leases')).toEqual({ n: 0 });
  });

  it('a long turn keeps its lease by renewing it', async () => {
    // Real time here: the lease lasts 400 ms and is renewed every 40 ms while held, and the other instance waits 1 s.
    const holder = createTurnLeases({ db: a, owner: 'a', leaseMs: 400, renewMs: 40 });
    const other = createTurnLeases({ db: b, owner: 'b', leaseMs: 400, retryMs: 10 });
    const lease = await holder.acquire('c1', { waitMs: 0 });
    expect(await other.acquire('c1', { waitMs: 1000 })).toBeUndefined();
    await lease?.release();
    expect(await other.acquire('c1', { waitMs: 0 })).toBeDefined();
  });
});
