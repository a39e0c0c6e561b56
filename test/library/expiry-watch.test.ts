import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchExpiry } from '../../src/library/expiry-watch.js';

const quiet = { info: () => {}, warn: () => {}, error: vi.fn() };

describe('watchExpiry', () => {
  afterEach(() => vi.useRealTimers());

  it('reloads once when a text in use expires with the day in China, not on every check', async () => {
    vi.useFakeTimers();
    // 23:58 in China (UTC+8) on 30 November, the last day in force of one text.
    let now = new Date('2026-11-30T15:58:00Z');
    const reload = vi.fn(async () => {});
    const stop = watchExpiry({ clock: { now: () => now }, expiries: async () => ['2026-11-30', '2027-06-30'], reload, logger: quiet, everyMs: 60_000 });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(reload).not.toHaveBeenCalled();
    now = new Date('2026-11-30T16:01:00Z'); // 00:01 on 1 December in China
    await vi.advanceTimersByTimeAsync(60_000);
    expect(reload).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(reload).toHaveBeenCalledTimes(1);
    stop();
  });

  it('does not reload when the new day expires nothing in use', async () => {
    vi.useFakeTimers();
    let now = new Date('2026-11-30T15:58:00Z');
    const reload = vi.fn(async () => {});
    // One text expired long ago (already loaded as expired), one expires next year.
    const stop = watchExpiry({ clock: { now: () => now }, expiries: async () => ['2025-12-31', '2027-06-30'], reload, logger: quiet, everyMs: 60_000 });
    now = new Date('2026-11-30T16:01:00Z');
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(reload).not.toHaveBeenCalled();
    stop();
  });

  it('tries again at the next check when a reload fails, and stops when told', async () => {
    vi.useFakeTimers();
    let now = new Date('2026-11-30T15:00:00Z');
    const reload = vi.fn().mockRejectedValueOnce(new Error('database unavailable')).mockResolvedValue(undefined);
    const stop = watchExpiry({ clock: { now: () => now }, expiries: async () => ['2026-12-01'], reload, logger: quiet, everyMs: 1_000 });
    now = new Date('2026-12-01T17:00:00Z'); // 2 December in China: the text's last day has passed
    await vi.advanceTimersByTimeAsync(1_000);
    expect(reload).toHaveBeenCalledTimes(1);
    expect(quiet.error).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(reload).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(reload).toHaveBeenCalledTimes(2);
    stop();
    now = new Date('2026-12-05T15:00:00Z');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(reload).toHaveBeenCalledTimes(2);
  });
});
