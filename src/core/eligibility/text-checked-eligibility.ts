import type { Logger } from '../logger.js';
import type { EligibilityPort } from '../ports/eligibility-port.js';
import type { EligibilityEngine } from './engine.js';
import { figuresNotInText } from './rule-figures.js';
import type { Verdict } from './types.js';

/** What the check reads: the article texts of one knowledge base, and which index they come from. */
export interface ArticleTexts {
  /** The current text of a citation key (all its chunks). */
  textOf(key: string): string;
  /** The index the texts come from now; a new one (a publish, a reload) means checking again. */
  generation(): object;
}

/**
 * The eligibility port over the current engine (reloaded rules apply to the next turn), answering
 * only with rules whose figures the cited article's current text states. A published text can change
 * a figure before anyone edits the rule file: such a rule is left out (the answer then comes from the
 * article itself) and logged, rather than stating the old figure next to a citation of the new text.
 */
export function textCheckedEligibility(engine: () => EligibilityEngine, articles: ArticleTexts, logger: Logger): EligibilityPort {
  // Checked once per pair of texts and rules: a new index or reloaded rules (a new engine) check again.
  const checked = new WeakMap<object, WeakMap<EligibilityEngine, Map<string, boolean>>>();
  const consistent = (ruleId: string): boolean => {
    const generation = articles.generation();
    const current = engine();
    let byEngine = checked.get(generation);
    if (!byEngine) checked.set(generation, (byEngine = new WeakMap()));
    let results = byEngine.get(current);
    if (!results) byEngine.set(current, (results = new Map()));
    let ok = results.get(ruleId);
    if (ok === undefined) {
      const rule = current.rules.find((r) => r.id === ruleId);
      const missing = rule ? figuresNotInText(rule, articles.textOf(rule.key)) : [];
      ok = missing.length === 0;
      if (!ok) logger.warn('eligibility rule left out: its figures are not in the article it cites (edit the rule file)', { ruleId, figures: missing });
      results.set(ruleId, ok);
    }
    return ok;
  };
  return {
    rulesFor: (question) => engine().rulesFor(question).filter((r) => consistent(r.id)),
    evaluate: (ruleId, profile) => withheld(engine().evaluate(ruleId, profile), consistent(ruleId)),
    questionFor: (fact, lang, known) => engine().questionFor(fact, lang, known),
    allRules: () => engine().allRules().filter((r) => consistent(r.id)),
    highestOnly: (verdicts) => engine().highestOnly(verdicts),
    identifies: (ruleId, profile) => consistent(ruleId) && engine().identifies(ruleId, profile),
  };
}

/**
 * A verdict of a rule whose figures its article no longer states (a dialogue that began before the
 * text changed): its amounts are withheld, and the person is sent to the article's own text.
 */
function withheld(verdict: Verdict, consistent: boolean): Verdict {
  if (consistent) return verdict;
  if (verdict.status === 'eligible') return { ...verdict, amount: '金额以条文原文为准', notes: [...verdict.notes, '本条文近期已修订，请以引用的条文原文为准'] };
  if (verdict.status === 'missing') {
    const { amount: _amount, amounts: _amounts, ...rest } = verdict;
    return rest;
  }
  return verdict;
}
