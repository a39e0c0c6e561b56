import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchAnswer } from '../../../../src/channels/web/widget/answer-watch.js';

describe('watchAnswer', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('says "still working" after a pause, not while text flows, and aborts at the timeout', () => {
    const slow: boolean[] = [];
    const watch = watchAnswer(45_000, (s) => slow.push(s));
    vi.advanceTimersByTime(4_999);
    expect(slow).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(slow).toEqual([true]);
    watch.activity();
    expect(slow).toEqual([true, false]);
    vi.advanceTimersByTime(4_000);
    watch.activity();
    vi.advanceTimersByTime(4_000);
    expect(slow.filter(Boolean)).toHaveLength(1);
    expect(watch.signal.aborted).toBe(false);
    vi.advanceTimersByTime(45_000);
    expect(watch.timedOut).toBe(true);
    expect(watch.signal.aborted).toBe(true);
  });

  it('scales the pause to a short timeout and stops cleanly', () => {
    const slow: boolean[] = [];
    const watch = watchAnswer(3_000, (s) => slow.push(s));
    vi.advanceTimersByTime(1_000);
    expect(slow).toEqual([true]);
    watch.stop();
    vi.advanceTimersByTime(60_000);
    expect(watch.timedOut).toBe(false);
    expect(watch.signal.aborted).toBe(false);
  });
});
