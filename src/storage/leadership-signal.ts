import type { Logger } from '../core/logger.js';
import type { Leadership } from './leadership.js';

/** Listeners of leadership changes, shared by the implementations. */
export function createLeadershipSignal(logger: Logger): { set(leader: boolean): void; get(): boolean; onChange: Leadership['onChange'] } {
  let leader = false;
  const listeners = new Set<(leader: boolean) => void>();
  return {
    get: () => leader,
    set(value) {
      if (value === leader) return;
      leader = value;
      for (const cb of [...listeners]) {
        try {
          cb(value);
        } catch (err) {
          logger.error('leadership listener failed', { error: (err as Error).message });
        }
      }
    },
    onChange(cb) {
      const entry = (value: boolean): void => cb(value);
      listeners.add(entry);
      return () => void listeners.delete(entry);
    },
  };
}
