import { describe, expect, it } from 'vitest';
import { createLocalTurnLeases } from '../../src/storage/local-turn-leases.js';

describe('local turn leases', () => {
  it('runs the turns of one conversation one at a time, in arrival order', async () => {
    const leases = createLocalTurnLeases();
    const log: string[] = [];
    const turn = async (name: string): Promise<void> => {
      const lease = await leases.acquire('c1', { waitMs: 5000 });
      expect(lease).toBeDefined();
      log.push(`${name}+`);
      await new Promise((r) => setTimeout(r, 5));
      log.push(`${name}-`);
      await lease!.release();
    };
    await Promise.all(['a', 'b', 'c', 'd'].map(turn));
    expect(log).toEqual(['a+', 'a-', 'b+', 'b-', 'c+', 'c-', 'd+', 'd-']);
  });

  it('does not hold other conversations back', async () => {
    const leases = createLocalTurnLeases();
    const held = await leases.acquire('c1', { waitMs: 10 });
    const other = await leases.acquire('c2', { waitMs: 10 });
    expect(held).toBeDefined();
    expect(other).toBeDefined();
  });

  it('gives up after waitMs, and a waiter that gave up is skipped when the turn frees', async () => {
    const leases = createLocalTurnLeases();
    const first = await leases.acquire('c1', { waitMs: 10 });
    expect(await leases.acquire('c1', { waitMs: 20 })).toBeUndefined();
    const third = leases.acquire('c1', { waitMs: 5000 });
    await first!.release();
    await first!.release();
    const lease = await third;
    expect(lease).toBeDefined();
    await lease!.release();
    // Free again: the next acquire is granted at once.
    expect(await leases.acquire('c1', { waitMs: 0 })).toBeDefined();
  });
});
