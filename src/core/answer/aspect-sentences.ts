import { asksCondition, type Aspect } from '../analysis/question-analysis.js';
import { labelledFigures, passageSentences } from '../analysis/passage-structure.js';
import type { Passage } from '../ports/knowledge-port.js';

/**
 * What a sentence gains for the way a question asks: a wait, where the money goes, how it is paid, a
 * condition, a missing material, when a text is in force, a named thing. Each preference reads the
 * question's words and the sentence's, so a passage's best sentence is the one that states what is asked.
 */

/** How long one must wait or have done something before applying (a condition, not the time the office takes). */
export const WAITING_RE = /满多久|(多久|多长时间)(以后|之后|后)?才|最早|交满|缴满|干满|工作满|(交|缴纳?)(了)?多久/u;
// Whether one may apply at once or must wait ("入职就能申请吗，还是要等"): asks the same wait.
export const EARLY_ASKED_RE = /就(能|可以)(申请|申报|申领|领)|马上|立刻|立即|还是要等|(要|得)等(吗|一段|多久才)/u;
// Each time a question asks how long.
export const TIME_ASKED_RE = /多久|多长时间|几天|多少天|(几|多少)个?工作日|什么时候/gu;
// A condition asked by its measure: "合同要签几年", "社保要交满几个月".
export const MEASURE_ASKED_RE = /(签|交|缴|缴纳|干|工作|待|做)(满|够|了)?(几|多少)个?(年|月)/u;
// A sentence that states such a wait: "社保满6个月后申请", "缴纳满6个月后方可提出申请".
const WAIT_STATED_RE = /满\d+个?(月|年)|\d+个?(月|年)(后|以后|之后)(方可|才|申请)/u;
// Where the money goes ("钱打到哪里") is the account it is paid to, not the office.
const PAID_TO_ASKED_RE = /(打|发|转|汇|存)到|到账|发放到|钱.{0,3}(哪|在哪)/u;
const PAID_TO_RE = /银行|账户|发放至|卡（用于/u;
// When a text took effect and how long it runs: its final provisions ("自…起施行，有效期五年").
const EFFECTIVE_RE = /施行|生效|有效期|起实施|起执行/u;

// A sentence stating a condition: what one must have done or be ("应与…签订3年以上劳动合同", "满6个月后方可").
const CONDITION_STATED_RE = /应当?|须|满\d|以上|以下|以内|不超过|方可|具有|无自有/u;
// Something said to be missing ("材料还差一份") asks what the text provides for it ("暂缺的实行容缺受理").
export const MISSING_ASKED_RE = /还差|差一|缺|不齐|不全|没带|还没(开|办|拿|签)|后补/u;
const MISSING_PROVIDED_RE = /暂缺|容缺|后补|补交|缺/u;

// How a sum is paid: over years, at once, year by year.
export const PAYMENT_RE = /分\d+年|一次性|按年|逐年|每年/u;

/** Whether a passage says how its sum is paid (a time-limit section's "每年核发一次" does). */
export function statesPayment(p: Passage): boolean {
  return passageSentences(p.text).some((t) => PAYMENT_RE.test(t) || PAID_TO_RE.test(t));
}

// The step a question counts from: "审核通过以后", "认定之后".
const AFTER_STEP_RE = /([\u4e00-\u9fa5]{2,4})(?:以后|之后)/u;

/**
 * Whether a question counts a wait from a step the text names ("审核通过以后多久到账", "审完多久发钱"
 * against "审核通过后公示5天"); "交上去以后" counts from nothing the text names, so the whole wait is asked.
 */
export function countsFromStep(question: string, text: string): boolean {
  const q = question.normalize('NFKC');
  const after = AFTER_STEP_RE.exec(q)?.[1];
  // "审完": the step is a verb of one character, 审 for 审核.
  const step = after ?? /([\u4e00-\u9fa5]{1,4})完(?:以后|之后|后)?(?:多久|多长时间|几天)/u.exec(q)?.[1] ?? '';
  for (let n = step.length; n >= (after ? 2 : 1); n--) {
    const tail = step.slice(-n).replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
    if (new RegExp(`${tail}[\\u4e00-\\u9fa5]{0,3}后`, 'u').test(text)) return true;
  }
  return false;
}

const EXPLICIT_UNIT_RE = /几成|几折|比例|百分之|面积|平方|多大|几个月|几个工作日|几天|多少天|percent/iu;

const GIVES_ASKED_RE = /享受(什么|哪些|啥)|(什么|哪些|啥)(服务|待遇|好处|权益|便利)|有(什么|啥)用|能(干|做)(嘛|什么|啥)|what (services|benefits|perks)|what does .{0,30} (give|offer|entitle)/iu;
const GIVES_STATED_RE = /享受|服务|待遇|便利|entitled|services/iu;
const ONLINE_ASKED_RE = /网上|线上|在线|平台|网站|网址|小程序|app|online|website|platform/iu;
const ONLINE_STATED_RE = /在线|线上|网上|通过“[^”]+”|“[^”]+”(系统|平台)/u;

/** The thing a "哪个/什么 X" question asks for (系统, 窗口, 部门), to prefer the sentence that names it. */
function askedNoun(question: string): string | undefined {
  const noun = /(?:哪个|哪家|哪一个|哪种|什么)([\u4e00-\u9fa5]{2})/u.exec(question.normalize('NFKC'))?.[1];
  return noun && !/时候|意思|情况|东西|地方|样子|程度|补贴|材料|条件/u.test(noun) ? noun : undefined;
}

/** What a sentence gains for the way a question asks (a wait, where the money goes, a named thing, when in force). */
export function askedBonus(sentence: string, question: string, aspect: Aspect | undefined, units?: RegExp): number {
  let bonus = 0;
  // A unit named in the question ("几成", "多大面积") is what is asked; the topic's words are not.
  if (units && EXPLICIT_UNIT_RE.test(question) && labelledFigures(sentence).some((f) => units.test(f.figure))) bonus += 3;
  if ((WAITING_RE.test(question) || EARLY_ASKED_RE.test(question)) && WAIT_STATED_RE.test(sentence)) bonus += 3;
  if ((aspect === 'where' || aspect === 'payment') && PAID_TO_ASKED_RE.test(question) && PAID_TO_RE.test(sentence)) bonus += 3;
  // One asking for the condition itself ("要满足啥条件") outweighs the topic words the amounts sentence shares.
  // The amounts sentence, however many case words it shares with the question, does not state one.
  if (aspect === 'eligibility' && asksCondition(question)) bonus += CONDITION_STATED_RE.test(sentence) ? 3 : /\d+(?:\.\d+)?\s*(?:亿元|万元|元)/u.test(sentence) ? -3 : 0;
  // Something said to be missing is answered by what the text provides for it, however many words of the
  // matter's long name ("外国人工作许可") a condition sentence repeats.
  if (aspect === 'eligibility' && MISSING_ASKED_RE.test(question) && MISSING_PROVIDED_RE.test(sentence)) bonus += 6;
  // The text's own provisions ("本政策自…起施行") speak of the text; "许可有效期" of something else.
  if (aspect === 'effective' && EFFECTIVE_RE.test(sentence)) bonus += /本(政策|办法|规定|细则|通知|指南|条例)/u.test(sentence) ? 5 : 3;
  // "审核通过以后多久到账" asks what follows that step: the sentence taking up from it ("审核通过后公示5天").
  if (aspect === 'duration' || aspect === 'schedule') {
    const step = AFTER_STEP_RE.exec(question.normalize('NFKC'))?.[1] ?? '';
    if ([4, 3, 2].some((n) => step.length >= n && sentence.includes(`${step.slice(-n)}后`))) bonus += 3;
  }
  // "凭卡能享受什么" asks what one receives: the sentence saying what is enjoyed, not the one naming the thing.
  if (GIVES_ASKED_RE.test(question) && GIVES_STATED_RE.test(sentence)) bonus += 3;
  // The thing asked for outweighs the topic words every sentence of the passage shares.
  const noun = askedNoun(question);
  if (noun && sentence.includes(noun)) bonus += 10;
  return bonus;
}

// When a deadline is asked ("多久内要申请"): a period within, a date before.
const DEADLINE_RE = /\d+(个)?(年|月|日|工作日)内|之前|截止/u;
// When and how often: months and batches.
const MONTHS_RE = /\d+月(?!\d+日)|每月|批(?!准)(?<!获批)|随时/u;
// A sentence saying when one applies, counted from a step: "社保满6个月后申请", "签订劳动合同后申报".
const APPLY_AFTER_RE = /后(方可|才|再)?(申请|申报|提出|提交)/u;

/** What a sentence gains for stating what the aspect needs, whatever the question's wording. */
export function aspectBonus(sentence: string, wanted: ReadonlySet<string>, aspect: Aspect | undefined): number {
  let score = 0;
  if (aspect === 'payment' && PAYMENT_RE.test(sentence)) score += 3;
  // A condition asked is answered by the sentence stating one, not by the one naming the benefit's amounts.
  if (aspect === 'eligibility' && CONDITION_STATED_RE.test(sentence)) score += 2;
  if (aspect === 'schedule') {
    // "多久内要申请" asks for a deadline ("认定后1年内"); "几月份" for months or batches.
    const deadline = [...wanted].some((t) => /内|之前|以前|截止|最晚|最迟/u.test(t));
    if (deadline ? DEADLINE_RE.test(sentence) : MONTHS_RE.test(sentence) || APPLY_AFTER_RE.test(sentence)) score += 3;
  }
  if (aspect === 'where' && /“[^”]+”|窗口|线上|地址|网上|平台/u.test(sentence)) score += 1;
  // "网上能办吗，用哪个平台" is answered by the sentence naming where to apply online ("通过“钱塘人才全息场”在线
  // 提交"), not by one that only quotes the matter's name.
  if (aspect === 'where' && ONLINE_ASKED_RE.test([...wanted].join(' ')) && ONLINE_STATED_RE.test(sentence)) score += 5;
  return score;
}
