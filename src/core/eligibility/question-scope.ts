import { asksSomething } from '../analysis/question-analysis.js';

/** A rule as the dialogue sees it. */
export interface ScopedRule {
  id: string;
  key: string;
  benefit: string;
}

/** What a question asks, read from its question clauses rather than from the facts around them. */
export interface QuestionScope {
  /** Rules of the benefits the question asks about, most specific first. */
  rules: ScopedRule[];
  /** Rules the question's words name but a more specific rule the background names stands for. */
  covered: ScopedRule[];
  /** Asks what the person qualifies for without naming a benefit (我博士，能享受哪些). */
  open: boolean;
  /** Asks only how much (硕士生活补贴多少钱), not whether the person qualifies. */
  amountOnly: boolean;
  /** Whom the question is about: the writer, or someone else (他, 该员工, this new hire). */
  subject: 'self' | 'other';
  /** Asks the sum over the years a yearly benefit runs (一共, 加起来, in total). */
  total: boolean;
}

const CLAUSE_SPLIT = /[,，。;；!！?？\n]|(?<=[a-z0-9)])\.(?=\s|$)/u;
const OPEN = /哪些|什么(?:补贴|补助|待遇|政策|福利|好处)|有啥|啥(?:补贴|待遇|政策)|\bwhat (?:benefits|subsidies|allowances|support|can (?:i|he|she|they) (?:get|claim|receive))\b|\bwhich (?:benefits|subsidies|allowances)\b|\b(?:eligible|qualify) for\b(?! (?:the|a|an)\b)/iu;
const AMOUNT = /多少|几万|金额|标准是|给多少|\bhow much\b|\bwhat amount\b/iu;
const TOTAL = /一共|总共|共计|合计|总计|累计|加起来|加在一起|总额|\bin total\b|\baltogether\b|\btotal\b/iu;
const WHETHER = /吗|能不能|能否|是否|符合|资格|可不可以|够不够|算不算|行不行|\b(?:am i|is (?:he|she|they)|are (?:they|we)|eligible|qualify|do i|does (?:he|she))\b/iu;
const OTHER = /他|她|(?<![a-z])ta(?![a-z])|该员工|这位|新员工|员工|新人|新招|应聘者|候选人|\b(?:he|she|his|her|him|they|their|them)\b|\b(?:the|this|our|my|a) (?:new )?(?:hire|employee|recruit|candidate|colleague|staff member)\b/iu;
const SELF_ASKS = /我(?:能|可以|可不可以|能不能|是否|有没有|符合)|本人|\b(?:can i|am i|do i|could i|would i|will i)\b/iu;

/** The clauses of a message that ask something (all clauses when none does). */
export function questionClauses(text: string): string[] {
  const clauses = text.normalize('NFKC').split(CLAUSE_SPLIT).map((c) => c.trim()).filter((c) => c !== '');
  const asking = clauses.filter((c) => asksSomething(c));
  return asking.length > 0 ? asking : clauses;
}

/**
 * Reads what a question asks. A benefit counts only when a question clause names it: "我在租房，生活补贴
 * 能领吗" asks about the living subsidy, and the renting is a fact, not a second question. When the
 * background names a more specific form of the benefit asked (博士后… + 生活补贴), that form is meant.
 * A message whose question clauses name no benefit falls back to every benefit it names.
 */
export function scopeQuestion(rulesFor: (text: string) => ScopedRule[], text: string): QuestionScope {
  const clauses = questionClauses(text);
  const joined = clauses.join('，');
  const whole = rulesFor(text);
  let rules = unique(clauses.flatMap((c) => rulesFor(c)));
  let covered: ScopedRule[] = [];
  if (rules.length === 0) rules = whole;
  else {
    const askedIds = new Set(rules.map((r) => r.id));
    // A background rule whose own name triggers an asked rule is that rule made specific.
    const specific = whole.filter((r) => !askedIds.has(r.id) && rulesFor(r.benefit).some((x) => askedIds.has(x.id)));
    if (specific.length > 0) {
      const coveredIds = new Set(specific.flatMap((r) => rulesFor(r.benefit).map((x) => x.id)));
      covered = rules.filter((r) => coveredIds.has(r.id));
      rules = [...specific, ...rules.filter((r) => !coveredIds.has(r.id))];
    }
  }
  const open = rules.length === 0 && OPEN.test(joined);
  const amountOnly = AMOUNT.test(joined) && !WHETHER.test(joined);
  const subject = OTHER.test(joined) && !SELF_ASKS.test(joined) ? 'other' : 'self';
  return { rules, covered, open, amountOnly, subject, total: TOTAL.test(joined) };
}

function unique(rules: ScopedRule[]): ScopedRule[] {
  const seen = new Set<string>();
  return rules.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
}
