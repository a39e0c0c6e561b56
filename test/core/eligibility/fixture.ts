import { fileURLToPath } from 'node:url';
import { createEligibilityEngine, type EligibilityEngine } from '../../../src/core/eligibility/engine.js';
import type { Rule } from '../../../src/core/eligibility/rule.js';
import { loadRules } from '../../../src/knowledge/load-rules.js';

/** The product's rules file. */
export const RULES_DIR = fileURLToPath(new URL('../../../policies/rules', import.meta.url));

/** Today in every eligibility test: 2026-11-27, mid-morning in Hangzhou. */
export const TODAY = new Date('2026-11-27T10:00:00+08:00');

/** The rules of policies/rules, loaded once per test file. */
export const rules: Rule[] = await loadRules(RULES_DIR);

/** An engine over the product's rules with the clock fixed at TODAY (or `now`). */
export function engineAt(now: Date = TODAY): EligibilityEngine {
  return createEligibilityEngine(rules, { now: () => now });
}
