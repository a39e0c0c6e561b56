import type { EvalItem } from './eval-item.js';
import type { EvalOutcome } from './eval-metrics.js';

/** Produces the outcome of one item; the assistant (or a retrieval-only stand-in) implements it. */
export type EvalResponder = (item: EvalItem) => Promise<Omit<EvalOutcome, 'id' | 'ms'>>;

/** Runs every item in order, timing each, and reports each outcome as it completes. */
export async function runEval(
  items: readonly EvalItem[],
  respond: EvalResponder,
  onOutcome?: (outcome: EvalOutcome, index: number) => void,
): Promise<EvalOutcome[]> {
  const outcomes: EvalOutcome[] = [];
  for (const [i, item] of items.entries()) {
    const started = performance.now();
    const result = await respond(item);
    const outcome: EvalOutcome = { id: item.id, ...result, ms: Math.round((performance.now() - started) * 100) / 100 };
    outcomes.push(outcome);
    onOutcome?.(outcome, i);
  }
  return outcomes;
}
