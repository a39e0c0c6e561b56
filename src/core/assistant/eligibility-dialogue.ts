import { casesNamed } from '../analysis/case-named.js';
import { withEnglishCases } from '../analysis/case-of.js';
import { analyseQuestion, asksCondition, asksSomething, aspectsOf, lastAsked, PROCEDURAL_ASPECTS, thingsAsked } from '../analysis/question-analysis.js';
import { composeConditionAsked, asksMeasure } from '../answer/condition-asked.js';
import { composeEligibility } from '../answer/conditional-composer.js';
import { composeOverview } from '../answer/overview-composer.js';
import { factNoun } from '../answer/eligibility-words.js';
import type { Composed } from '../answer/offline-composer.js';
import { chinaDay } from '../eligibility/dates.js';
import type { MarkedVerdict } from '../eligibility/highest-only.js';
import { questionClauses, scopeQuestion, type ScopedRule } from '../eligibility/question-scope.js';
import { readAnswer } from '../eligibility/read-answer.js';
import type { Fact, Profile, Verdict } from '../eligibility/types.js';
import type { EligibilityMemory } from '../ports/conversation-store.js';
import type { EligibilityPort } from '../ports/eligibility-port.js';
import type { Passage } from '../ports/knowledge-port.js';
import type { Intent, Lang } from '../types.js';
import { describeProfile } from './describe-profile.js';

/** One turn as the eligibility dialogue sees it. */
export interface EligibilityTurnInput {
  /** The message (markup removed). */
  text: string;
  /** The message made standalone with earlier turns (names the benefit a follow-up leaves out). */
  query: string;
  lang: Lang;
  intent: Intent;
  /** Facts this message states (extractor and model). */
  stated: Partial<Profile>;
  /** The person's earlier messages, oldest first. */
  earlier: string[];
  /** The question is about the superseded policy: its figures are not the rules'. */
  oldPolicy: boolean;
  /** Every fact known, this message's included. */
  profile: Profile;
  /** The last eligibility question, if any. */
  memory: EligibilityMemory | undefined;
  now: Date;
  /** Whether a text names something the corpus is about; without it, a question naming no benefit never carries the topic on. */
  namesTopic?: (text: string) => boolean;
}

/** An eligibility answer, the facts read from a bare reply, and what to remember. */
export interface EligibilityTurnResult {
  composed: Composed;
  /** Facts read from a short reply to the bot's question ("28"), to add to the profile. */
  answered: Partial<Profile>;
  memory: EligibilityMemory;
  /** Rules still waiting for a fact (undefined once decided). */
  pending: string[] | undefined;
  verdicts: Verdict[];
}

// Benefits in general: "有哪些人才补贴", "有什么政策", "what benefits are there". The words are taken out
// before asking whether the question names a topic of its own ("人才卡有哪些服务" does).
const BENEFITS_IN_GENERAL = /(?:哪些|什么|啥)(?:人才)?(?:补贴|补助|待遇|政策|福利|好处|支持|优惠)|(?:\bwhat|\bwhich)(?: kinds? of)? (?:benefits|subsidies|support|allowances)\b/giu;

/**
 * Whether the question asks what benefits there are, naming no topic besides and no case ("硕士有哪些
 * 补贴" is asked of a master's degree: answered from the texts for it, not by the whole list).
 */
function asksBenefitsInGeneral(clauses: string, namesTopic: ((text: string) => boolean) | undefined): boolean {
  if (!new RegExp(BENEFITS_IN_GENERAL.source, 'iu').test(clauses) || !namesTopic || casesNamed(withEnglishCases(clauses)).length > 0) return false;
  return !namesTopic(clauses.replace(BENEFITS_IN_GENERAL, ' ').replace(/人才|钱塘|区里|这边|你们|政策/gu, ' '));
}

const MAX_RULES = 3;
const MAX_OPEN = 5;
// A message that asks about procedure or another matter is not an answer to the pending check.
// The person asks about their own case without naming the benefit: 我能领多少, can I get it.
const SELF_CHECK = /我.{0,4}(?:能|可以)(?:领|拿|享受|申请)|\b(?:can i (?:get|claim|apply)|am i eligible|do i qualify)\b/iu;
const OTHER_MATTER = /怎么|如何|材料|流程|哪里|在哪|多久|几天|电话|地址|\b(?:how do|where|what documents)\b/iu;
// Asks an aspect other than the amount (能领几年, 哪种卡): not a re-check of the benefit.
const OTHER_ASPECT = /几年|多久|多长|几个月|什么时候|何时|哪(?:种|类|个|一)|\b(?:how long|when|which)\b/iu;
// Asks how much or whether one gets it, without saying what: "能拿多少", "区里能补多少", "个人有补贴吗".
const ASKS_OF_IT = /多少|几万|金额|能(?:领|拿|补|享受|申请|申领|得到)|可以(?:领|拿|补|享受|申请|申领)|有(?:没有)?(?:补贴|补助|资助|钱)|\bhow much\b|\bcan (?:i|he|she|we|they) (?:get|claim)\b/iu;

// The kind of money asked ("能补助多少") names no benefit, though the corpus uses 补助 in few articles.
const KIND_OF_MONEY = /补助|补贴|资助|奖励|奖补/gu;

/**
 * Runs the eligibility part of a turn, or returns undefined when the turn is not an eligibility
 * question. Every fact given in any turn is used and none is asked twice; a reply that only states or
 * corrects facts re-answers the last question; the benefits checked are those the question clause asks.
 */
export function eligibilityTurn(port: EligibilityPort, passageOf: (key: string) => Passage | undefined, input: EligibilityTurnInput): EligibilityTurnResult | undefined {
  const { memory, lang } = input;
  // A statement that corrects a fact ("本科是之前的学历") continues the check it corrects, whatever its words say of time.
  const oldPolicy = input.oldPolicy && !(memory !== undefined && !asksSomething(input.text));
  if ((input.intent !== 'eligibility' && input.intent !== 'policy_question') || oldPolicy) return undefined;
  // How to apply or what to hand in is the guide's to answer, not a check.
  if (OTHER_MATTER.test(questionClauses(input.text).join('，'))) return undefined;
  // A question that leads with when, how long or where ("博士后出站了，补贴什么时候去申报", "硕士，几月份
  //可以报") asks the procedure, whatever facts it gives: the guide answers it, not a check of the case.
  if (leadsWithProcedure(input.text)) return undefined;
  // "新引进高级技师补多少 技师呢 …" asks the figures of several cases in turn, not a check of the writer's own:
  // the article answers each part.
  if (input.intent === 'policy_question' && !memory && asksCasesInTurn(input.text)) return undefined;
  // "B类人才拿安家补贴，劳动合同要签几年" asks what the condition is, not a verdict: the rule's own
  // requirement says its measure in one line when the rule has one, else the article's sentence answers.
  const conditionClauses = questionClauses(input.text).join('，');
  if (asksCondition(conditionClauses) || asksMeasure(conditionClauses)) return conditionAsked(port, passageOf, conditionClauses, input);
  const today = chinaDay(input.now);
  // Only a reply that states nothing by itself is read as a bare answer ("2024年6月毕业" is not an arrival date).
  const bare = memory?.asking && Object.keys(input.stated).length === 0 ? readAnswer(input.text, memory.asking, today) : {};
  const profile: Profile = { ...input.profile, ...bare };
  const statedCount = Object.keys(input.stated).length + Object.keys(bare).length;
  const rulesFor = (t: string) => port.rulesFor(t);
  let scope = scopeQuestion(rulesFor, input.text);
  if (scope.rules.length === 0 && input.intent === 'eligibility' && !scope.open) scope = { ...scopeQuestion(rulesFor, input.query), subject: scope.subject, amountOnly: scope.amountOnly };

  let rules: ScopedRule[];
  let mode: EligibilityMemory['mode'];
  let subject = scope.subject;
  const followsAsk = memory?.asking !== undefined && !OTHER_MATTER.test(input.text);
  // A statement ("不对，我是硕士", "28") or a bare "我能领多少？" continues the last check; a new question does not.
  const continues = !asksSomething(input.text) || (SELF_CHECK.test(input.text) && [...input.text].length <= 12);
  const aboutOther = scope.subject === 'other' && statedCount > 0;
  // A benefit named in its specific form (博士后的生活补贴) is that one, not also the general one (生活补贴).
  const asGeneral = new Set(scope.rules.filter((r) => formsNamed(port, r, scope.rules).length > 0).map((r) => r.id));
  if (asGeneral.size > 0) scope = { ...scope, rules: scope.rules.filter((r) => !asGeneral.has(r.id)), covered: [...scope.covered, ...scope.rules.filter((r) => asGeneral.has(r.id))] };
  // The facts of the story pick the specific form of a benefit asked in general (特级教师 + 安家补贴).
  const specific = specificRules(port, scope.rules, profile);
  if (specific.length > 0) {
    const general = generalOf(port, specific);
    scope = { ...scope, rules: [...specific, ...scope.rules.filter((r) => !general.has(r.id))], covered: [...scope.covered, ...scope.rules.filter((r) => general.has(r.id))] };
  }
  const clauses = questionClauses(input.text).join('，');
  // "能拿多少？", "劳动合同签的5年，多少钱？": asks of the benefit the conversation is about, naming no other.
  const ofTopic = scope.rules.length === 0 && !scope.open && ASKS_OF_IT.test(clauses) && !OTHER_ASPECT.test(clauses) && input.namesTopic !== undefined && !input.namesTopic(clauses.replace(KIND_OF_MONEY, ''));
  if (scope.rules.length > 0 && (input.intent === 'eligibility' || followsAsk || aboutOther || specific.length > 0 || (scope.amountOnly && Object.keys(profile).length > 0))) {
    // A generic benefit the specific one stands for still counts when the facts already price it (特级教师
    // who is also D类: both 安家补贴, then 就高不重复); otherwise it would only add a conditional answer not asked for.
    const priced = scope.covered.filter((r) => {
      const v = port.evaluate(r.id, profile);
      return v.status === 'eligible' || (v.status === 'missing' && v.amount !== undefined);
    });
    rules = [...scope.rules, ...priced].slice(0, MAX_RULES);
    mode = scope.amountOnly ? 'amount' : 'check';
    if (memory?.subject === 'other' && scope.subject === 'self' && !/我|\bi\b|\bmy\b/iu.test(input.text)) subject = 'other';
  } else if (scope.rules.length === 0 && memory && (statedCount > 0 || SELF_CHECK.test(input.text)) && continues) {
    // An answer or a correction ("不对，我是硕士"): the same question again, with the facts as they are now.
    rules = memory.ruleIds.map((id) => {
      const v = port.evaluate(id, profile);
      return { id, key: v.key, benefit: v.benefit };
    });
    mode = memory.mode === 'open' ? 'open' : 'check';
    subject = memory.subject;
  } else if (scope.rules.length === 0 && !scope.open && continues && (statedCount >= 2 || SELF_CHECK.test(input.text)) && topicOf(rulesFor, input.earlier).length > 0) {
    // "我想问问生活补贴" then the facts, or "我能领多少？": the benefit is the one asked about before.
    rules = topicOf(rulesFor, input.earlier).slice(0, MAX_RULES);
    mode = scope.amountOnly ? 'amount' : 'check';
  } else if (ofTopic && (memory !== undefined || topicOf(rulesFor, input.earlier).length > 0)) {
    // The benefit is the one the conversation is about: the last checked, else the last named.
    const topic = memory ? memory.ruleIds.map((id) => ({ id, ...port.evaluate(id, profile) })) : topicOf(rulesFor, input.earlier);
    rules = specificOver(port, topic.map((r) => ({ id: r.id, key: r.key, benefit: r.benefit })), profile).slice(0, MAX_RULES);
    mode = scope.amountOnly ? 'amount' : 'check';
    subject = memory?.subject ?? subject;
  } else if (scope.open && Object.keys(profile).length === 0 && port.allRules && asksBenefitsInGeneral(clauses, input.namesTopic)) {
    // "钱塘有哪些人才补贴" from someone who has said nothing of themselves: what there is, and the facts
    // that tell what applies. Remembered as an open question, so the facts in the reply are checked
    // against every benefit.
    const all = port.allRules();
    return {
      composed: composeOverview(all, passageOf, lang),
      answered: bare,
      memory: { ruleIds: all.map((r) => r.id), mode: 'open', subject },
      pending: undefined,
      verdicts: [],
    };
  } else if (scope.open && thingsAsked(clauses).length === 0 && Object.keys(profile).length > 0 && port.allRules) {
    // "D类人才领的是什么卡，凭卡有哪些服务" asks about one thing (a card), not what the person qualifies for.
    rules = port.allRules();
    mode = 'open';
  } else return undefined;

  let verdicts: Verdict[] = rules.map((r) => port.evaluate(r.id, profile));
  if (mode === 'open') verdicts = byStory(rulesFor, [...input.earlier, input.text], verdicts.filter((v) => v.status === 'eligible' || (v.status === 'missing' && v.assumed.length > 0))).slice(0, MAX_OPEN);
  if (verdicts.length === 0) return undefined;
  const all: MarkedVerdict[] = port.highestOnly ? port.highestOnly(verdicts) : verdicts;
  const marked = askedFirst(all, port.rulesFor(lastAsked(input.text)).map((r) => r.id));
  const firstOpen = marked.find((v): v is Extract<Verdict, { status: 'missing' }> => v.status === 'missing' && v.missing.length > 0);
  const asking: Fact | undefined = mode === 'check' ? firstOpen?.missing[0] : undefined;
  const composed = composeEligibility(
    {
      verdicts: marked,
      mode,
      ...(asking ? { ask: port.questionFor(asking, lang, profile) } : {}),
      ...(mode !== 'check' && firstOpen ? { offer: firstOpen.missing.slice(0, 3).map((f) => factNoun(f, lang)) } : {}),
      known: describeProfile(profile, lang),
      subject,
      lang,
      total: scope.total,
      asksAmount: scope.amountOnly,
    },
    passageOf,
  );
  return {
    composed,
    answered: bare,
    memory: { ruleIds: rules.map((r) => r.id).filter((id) => marked.some((v) => v.ruleId === id)), mode, subject, ...(firstOpen && mode !== 'open' ? { asking: firstOpen.missing[0] as Fact } : {}) },
    pending: firstOpen ? marked.map((v) => v.ruleId) : undefined,
    verdicts: marked,
  };
}

/**
 * The verdicts with those on a benefit the asking clause names first: the story before it ("在站的时候每年
 * 领10万生活补贴", "我爱人是副高") brings in other benefits, but the answer's first sentence is the one asked.
 */
export function askedFirst<V extends { ruleId: string }>(verdicts: readonly V[], askedIds: readonly string[]): V[] {
  const asked = verdicts.filter((v) => askedIds.includes(v.ruleId));
  return asked.length === 0 || asked.length === verdicts.length ? [...verdicts] : [...asked, ...verdicts.filter((v) => !askedIds.includes(v.ruleId))];
}

/** The answer to a condition's measure asked of the benefit the question (else the conversation) names. */
function conditionAsked(port: EligibilityPort, passageOf: (key: string) => Passage | undefined, asking: string, input: EligibilityTurnInput): EligibilityTurnResult | undefined {
  const rule = port.rulesFor(asking)[0] ?? port.rulesFor(input.query)[0];
  if (!rule) return undefined;
  const verdict = port.evaluate(rule.id, {});
  const composed = composeConditionAsked(asking, verdict, passageOf, input.lang);
  if (!composed) return undefined;
  // What the check remembers stays as it was: a condition explained asks nothing of the person.
  return { composed, answered: {}, memory: input.memory ?? { ruleIds: [rule.id], mode: 'check', subject: 'self' }, pending: undefined, verdicts: [] };
}

/** A message asking a figure, then the same of other cases ("技师呢", "二等呢"). */
export function asksCasesInTurn(text: string): boolean {
  const parts = analyseQuestion(text).parts;
  return parts.length >= 2 && parts[0]?.aspect === 'amount' && parts.slice(1).some((p) => /呢[?？]?$/u.test(p.text));
}

/** The first aspect the message's question clauses ask is a procedural one (when, how long, where, materials, steps). */
function leadsWithProcedure(text: string): boolean {
  const first = aspectsOf(questionClauses(text).join('，'))[0];
  return first !== undefined && PROCEDURAL_ASPECTS.includes(first);
}

/** True when a message (even one without letters, like "28") answers the fact the bot just asked. */
export function answersAsk(memory: EligibilityMemory | undefined, text: string, now: Date): boolean {
  return memory?.asking !== undefined && Object.keys(readAnswer(text, memory.asking, chinaDay(now))).length > 0;
}

/**
 * Rules more specific than the asked ones (their benefit's name triggers an asked rule) that the known
 * facts say are the person's: a 特级教师 asking about 安家补贴 means 特级教师安家补贴.
 */
function specificRules(port: EligibilityPort, asked: readonly ScopedRule[], profile: Profile): ScopedRule[] {
  if (asked.length === 0 || !port.allRules || !port.identifies) return [];
  const askedIds = new Set(asked.map((r) => r.id));
  return port.allRules().filter((r) => !askedIds.has(r.id) && asked.some((a) => isFormOf(port, r, a)) && port.identifies?.(r.id, profile) === true);
}

/**
 * Whether one benefit is a specific form of another: its name names the other, not the other way round
 * (博士后生活补贴 and 博士后出站留区补贴 name each other through 博士后: neither is a form of the other).
 */
function isFormOf(port: EligibilityPort, r: ScopedRule, general: ScopedRule): boolean {
  return r.id !== general.id && port.rulesFor(r.benefit).some((x) => x.id === general.id) && !port.rulesFor(general.benefit).some((x) => x.id === r.id);
}

/** The asked rules that are specific forms of the given one. */
function formsNamed(port: EligibilityPort, general: ScopedRule, asked: readonly ScopedRule[]): ScopedRule[] {
  return asked.filter((r) => isFormOf(port, r, general));
}

/** The ids of the general benefits the specific rules are forms of. */
function generalOf(port: EligibilityPort, specific: readonly ScopedRule[]): Set<string> {
  const own = new Set(specific.map((r) => r.id));
  return new Set(specific.flatMap((r) => port.rulesFor(r.benefit).map((x) => x.id)).filter((id) => !own.has(id)));
}

/** The rules with the specific forms the facts pick first; a general one stays only when the facts price it too. */
function specificOver(port: EligibilityPort, rules: readonly ScopedRule[], profile: Profile): ScopedRule[] {
  const specific = specificRules(port, rules, profile);
  if (specific.length === 0) return [...rules];
  const general = generalOf(port, specific);
  const priced = (r: ScopedRule) => {
    const v = port.evaluate(r.id, profile);
    return v.status === 'eligible' || (v.status === 'missing' && v.amount !== undefined);
  };
  return [...specific, ...rules.filter((r) => !general.has(r.id) || priced(r))];
}

/**
 * Verdicts with the benefits the person's own messages name first, the latest named leading: after "明年
 * 出站 打算留下来", "有啥补贴" asks first of the stay-on grant their plan is about, not of whatever rule comes
 * first in the texts. The others keep their order, decided ones first.
 */
export function byStory<V extends { ruleId: string; status: string }>(rulesFor: (t: string) => ScopedRule[], messages: readonly string[], verdicts: readonly V[]): V[] {
  const latest = (id: string): number => {
    for (let i = messages.length - 1; i >= 0; i -= 1) if (rulesFor(messages[i] ?? '').some((r) => r.id === id)) return i;
    return -1;
  };
  const rank = new Map(verdicts.map((v) => [v.ruleId, latest(v.ruleId)]));
  // Among benefits named alike (or not at all), what the facts already decide comes first.
  const undecided = (v: V): number => (v.status === 'missing' ? 1 : 0);
  return [...verdicts].sort((a, b) => (rank.get(b.ruleId) ?? -1) - (rank.get(a.ruleId) ?? -1) || undecided(a) - undecided(b));
}

/** The benefits the latest earlier message that names any asks about. */
function topicOf(rulesFor: (t: string) => ScopedRule[], earlier: readonly string[]): ScopedRule[] {
  for (let i = earlier.length - 1; i >= 0; i -= 1) {
    const rules = scopeQuestion(rulesFor, earlier[i] ?? '').rules;
    if (rules.length > 0) return rules;
  }
  return [];
}
