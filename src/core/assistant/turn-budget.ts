import type { Logger } from '../logger.js';

/**
 * One deadline shared by every model call of a turn. A slow model used to cost each call its own
 * timeout × retries in sequence (classify, extract, compose: minutes in all); with a budget the turn
 * waits at most this long for models, then answers offline at once.
 */
export interface TurnBudget {
  /**
   * Runs one model call with the turn's signal (pass it to the client so retries stop too). Resolves
   * undefined, without waiting any longer, when the call fails, returns nothing, or the budget runs out
   * first. A call that reports progress (a stream's first text) is no longer held to the deadline:
   * the person is already reading its answer, and the model adapter's own stall timeout guards it.
   */
  call<T>(what: string, fn: (signal: AbortSignal, progress: () => void) => Promise<T | undefined> | undefined): Promise<T | undefined>;
  /** True once the deadline has passed. */
  readonly spent: boolean;
  /** Ends the turn: cancels calls still running (their answers are no longer wanted). */
  dispose(): void;
}

/** A budget of `ms` from now; `ms` undefined or Infinity = no deadline (calls still end with the turn). */
export function startTurnBudget(ms: number | undefined, logger: Logger): TurnBudget {
  const calls = new Set<{ controller: AbortController; progressed: boolean; give: () => void }>();
  let spent = false;
  const timer = ms !== undefined && Number.isFinite(ms)
    ? setTimeout(() => {
        spent = true;
        for (const c of calls) if (!c.progressed) stop(c, 'turn budget spent');
      }, ms)
    : undefined;
  const stop = (c: { controller: AbortController; give: () => void }, reason: string): void => {
    c.controller.abort(new Error(reason));
    c.give();
  };

  return {
    get spent() {
      return spent;
    },
    async call(what, fn) {
      if (spent) {
        logger.info(`${what} skipped: the turn's model budget is spent`);
        return undefined;
      }
      const controller = new AbortController();
      let give: () => void = () => undefined;
      const gaveUp = new Promise<undefined>((resolve) => {
        give = () => resolve(undefined);
      });
      const entry = { controller, progressed: false, give };
      calls.add(entry);
      const work = (async () => {
        try {
          return await fn(controller.signal, () => {
            entry.progressed = true;
          });
        } catch (err) {
          if (!controller.signal.aborted) logger.warn(`${what} failed, using the offline path`, { error: (err as Error).message });
          return undefined;
        }
      })();
      try {
        const result = await Promise.race([work, gaveUp]);
        if (result === undefined && controller.signal.aborted && spent) logger.warn(`${what} ran out of the turn's model budget, using the offline path`);
        return result;
      } finally {
        calls.delete(entry);
      }
    },
    dispose() {
      clearTimeout(timer);
      for (const c of calls) stop(c, 'turn finished');
      calls.clear();
    },
  };
}
