import { monthsBetween, parseMonth, type YearMonth } from './dates.js';
import { isAnyCondition, type Condition, type Scalar, type Test } from './rule.js';
import type { Fact, Profile } from './types.js';

/** The outcome of one condition: holds, fails, does not apply, or needs facts. */
export type ConditionResult =
  | { state: 'pass' | 'fail' | 'skip'; read: Fact[] }
  | { state: 'unknown'; read: Fact[]; needs: Fact[] };

function compare(a: unknown, b: Scalar): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const am = parseMonth(a);
  const bm = parseMonth(b);
  return am && bm ? monthsBetween(bm, am) : undefined;
}

/** Applies one test; undefined when the fact is unknown (or cannot be compared). */
export function applyTest(test: Test, profile: Profile, today: YearMonth): boolean | undefined {
  const actual = profile[test.fact];
  if (actual === undefined) return undefined;
  const { op, value } = test;
  if (op === 'in') return Array.isArray(value) && value.includes(actual);
  if (Array.isArray(value)) return undefined;
  switch (op) {
    case 'eq':
    case 'neq': {
      const same = compare(actual, value) === 0 || actual === value;
      return op === 'eq' ? same : !same;
    }
    case 'within_years_of_today': {
      // Month precision: graduating in the same month five years ago is still 毕业5年内 (以内 includes the number).
      const at = parseMonth(actual);
      return at && typeof value === 'number' ? monthsBetween(at, today) <= value * 12 : undefined;
    }
    case 'since': {
      const d = compare(actual, value);
      return d === undefined ? undefined : d >= 0;
    }
    default: {
      const d = compare(actual, value);
      if (d === undefined) return undefined;
      return op === 'lte' ? d <= 0 : op === 'gte' ? d >= 0 : op === 'lt' ? d < 0 : d > 0;
    }
  }
}

function runTests(tests: readonly Test[], profile: Profile, today: YearMonth) {
  const read: Fact[] = [];
  const unknown: Fact[] = [];
  const results = tests.map((t) => {
    const r = applyTest(t, profile, today);
    if (r === undefined) unknown.push(t.fact);
    else read.push(t.fact);
    return r;
  });
  return { results, read, unknown };
}

/**
 * Evaluates one condition. A condition whose `when` is unknown asks only for the `when` facts: the
 * condition's own fact may turn out not to matter (a PhD is never asked for an age).
 */
export function evaluateCondition(condition: Condition, profile: Profile, today: YearMonth): ConditionResult {
  const gate = runTests(condition.when ?? [], profile, today);
  if (gate.results.includes(false)) return { state: 'skip', read: gate.read };
  if (gate.unknown.length > 0) return condition.ifKnown ? { state: 'skip', read: gate.read } : { state: 'unknown', read: gate.read, needs: gate.unknown };
  const tests = isAnyCondition(condition) ? condition.any : [condition];
  const own = runTests(tests, profile, today);
  const read = [...gate.read, ...own.read];
  if (own.results.includes(true)) {
    // Only the alternative that held is worth saying back to the person.
    const held = tests.filter((_, i) => own.results[i] === true).map((t) => t.fact);
    return { state: 'pass', read: [...gate.read, ...held] };
  }
  if (own.unknown.length > 0) return condition.ifKnown ? { state: 'skip', read } : { state: 'unknown', read, needs: own.unknown };
  return { state: 'fail', read };
}
