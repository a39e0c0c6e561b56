import type { Fact } from './types.js';

/** Comparison operators a condition may apply to a profile fact. */
export type Operator = 'eq' | 'neq' | 'lte' | 'gte' | 'lt' | 'gt' | 'in' | 'within_years_of_today' | 'since';

/** Every operator, for validation. */
export const OPERATORS: readonly Operator[] = ['eq', 'neq', 'lte', 'gte', 'lt', 'gt', 'in', 'within_years_of_today', 'since'];

/** A scalar a fact can be compared with. */
export type Scalar = string | number | boolean;

/** One comparison of one fact: `profile[fact] op value`. */
export interface Test {
  /** Profile fact read. */
  fact: Fact;
  /** Operator. */
  op: Operator;
  /** Value compared with (a list for `in`, years for `within_years_of_today`, a date for `since`). */
  value: Scalar | Scalar[];
}

/** What every condition carries: the text's wording and the wording of its failure. */
interface ConditionWording {
  /** The condition as the text states it, e.g. 毕业5年内. */
  requirement: string;
  /** The failure in words, e.g. 毕业已超过5年. */
  reason: string;
  /** The requirement in English, for English questions. */
  requirementEn?: string;
  /** The failure in English. */
  reasonEn?: string;
  /** Tests that must hold for this condition to apply at all (e.g. the age limit of a bachelor). */
  when?: Test[];
  /** Checked only when its facts are known: an unknown fact neither blocks nor is asked for. */
  ifKnown?: boolean;
}

/** A condition on one fact. */
export interface FactCondition extends Test, ConditionWording {}

/** A condition that holds when any of its tests holds (E类以上 *or* 博士). */
export interface AnyCondition extends ConditionWording {
  /** Alternatives, most common first. */
  any: Test[];
}

/** A condition of a rule. */
export type Condition = FactCondition | AnyCondition;

/** Amounts keyed by the value of one fact, e.g. by degree. */
export interface AmountTable {
  /** Fact whose value selects the amount. */
  by: Fact;
  /** Fact value → amount as the text states it. */
  table: Record<string, string>;
}

/**
 * A share of a sum the person states, up to a cap: 按企业实际支付报酬的50%给予补助，每人每年最高5万元.
 * The figures are the text's, so a changed rate or cap is caught like any other rule figure.
 */
export interface AmountShare {
  /** The rate as the text states it, e.g. 50%. */
  share: string;
  /** The number fact (in 元) the share is taken of. */
  of: Fact;
  /** The sum in the text's words, e.g. 企业实际支付报酬. */
  base: string;
  /** The cap as the text states it, e.g. 每人每年最高5万元. */
  cap: string;
}

/** A fixed amount, tables tried in order (the first whose fact value is listed decides), or a capped share. */
export type Amount = string | AmountTable[] | AmountShare;

/** True for a capped share of a stated sum. */
export function isAmountShare(a: Amount): a is AmountShare {
  return typeof a === 'object' && !Array.isArray(a);
}

/** Membership of a class of benefits that are granted only once, at the highest standard. */
export interface Overlap {
  /** Class name, e.g. 安家补贴. */
  group: string;
  /** Citation key of the 就高不重复 provision. */
  key: string;
}

/** A filing window that starts at a dated fact: 认定后1年内首次申请 starts at recognisedAt. */
export interface Deadline {
  /** The month fact that starts the window. */
  after: Fact;
  /** Length of the window in months (以内 includes the last month). */
  months: number;
  /** The window as the text states it. */
  text: string;
  /** The window in English, for English questions. */
  textEn?: string;
  /** Citation key of the provision. */
  key: string;
}

/** One eligibility rule: a benefit of one article, as data. */
export interface Rule {
  /** Stable id, e.g. living-subsidy. */
  id: string;
  /** Benefit name in Chinese. */
  benefit: string;
  /** Benefit name in English, for English questions. */
  benefitEn?: string;
  /** Citation key of the article, e.g. qt25-5. */
  key: string;
  /** Words that show a question is about this benefit (Chinese or English). */
  triggers: string[];
  /** Conditions, most decisive first (the order facts are asked in). */
  conditions: Condition[];
  /** Amount. */
  amount: Amount;
  /** A text amount in English, for English questions (tables and shares are translated from their figures). */
  amountEn?: string;
  /** How it is paid. */
  payment: string;
  /** Conditions the bot cannot check, said with every eligible verdict. */
  notes: string[];
  /** Set when only the highest benefit of a class may be granted. */
  overlap?: Overlap;
  /** Filing windows; said when the facts show one has passed. */
  deadlines?: Deadline[];
}

/** True for a condition with alternatives. */
export function isAnyCondition(c: Condition): c is AnyCondition {
  return 'any' in c;
}
