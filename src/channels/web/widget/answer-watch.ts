// Watches one answer in flight: after a pause without new text it says so, and at the timeout it
// aborts the request so the visitor gets a retry instead of a spinner that never ends.

/** After this long without new text the answer is "still working" (at most a third of the timeout). */
export const STILL_WORKING_MS = 5_000;

/** One answer's watch. */
export interface AnswerWatch {
  /** Aborts the request at the timeout. */
  readonly signal: AbortSignal;
  /** True once the timeout has fired. */
  readonly timedOut: boolean;
  /** New text arrived: not slow any more, and the pause starts again. */
  activity(): void;
  /** The answer ended (either way): no more timers. */
  stop(): void;
}

/** Starts watching; `onSlow(true)` after a pause, `onSlow(false)` when text comes again. */
export function watchAnswer(timeoutMs: number, onSlow: (slow: boolean) => void): AnswerWatch {
  const abort = new AbortController();
  let timedOut = false;
  const deadline = setTimeout(() => {
    timedOut = true;
    abort.abort();
  }, timeoutMs);
  let quiet: ReturnType<typeof setTimeout> | undefined;
  const arm = (): void => {
    clearTimeout(quiet);
    quiet = setTimeout(() => onSlow(true), Math.min(STILL_WORKING_MS, timeoutMs / 3));
  };
  arm();
  return {
    signal: abort.signal,
    get timedOut() {
      return timedOut;
    },
    activity() {
      onSlow(false);
      arm();
    },
    stop() {
      clearTimeout(deadline);
      clearTimeout(quiet);
    },
  };
}
