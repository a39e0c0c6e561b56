import type { DomainReading } from '../analysis/domain-of.js';
import { speaksOfOwnMatter } from '../analysis/own-matter.js';
import type { Intent, Lang } from '../types.js';
import { analyseQuestion, focusOf } from '../analysis/question-analysis.js';
import { asksForPerson, disputesOwnCase, instructsBot, isGeneralFraming, withoutDisclaimedClauses } from './boundary-cues.js';

/** Signals the offline classifier reads besides the text. */
export interface IntentSignals {
  /** The question compares old and new policy (see knowledge/query-analysis). */
  comparison: boolean;
  /** The question asks for a guide section (materials, steps, time, place). */
  procedural: boolean;
  /** Number of profile facts the message states (age, degree, …). */
  profileFacts: number;
  /** The message names a benefit an eligibility rule covers. */
  namesRule: boolean;
  /** The message uses policy vocabulary the corpus knows. */
  onTopic: boolean;
  /** Where the question belongs, weighed against the corpus's vocabulary (see analysis/domain-of). */
  domain?: DomainReading;
}

const GREETING_RE = /^(你好|您好|嗨|哈喽|hello|hi|hey|在吗|在不在|早上好|上午好|中午好|下午好|晚上好|早安|晚安|谢谢|多谢|谢谢你|感谢|好的|ok|okay|thanks|thank you|good (morning|afternoon|evening)|再见|拜拜|bye)[\s!！。.,，~～?？]*$/iu;
const WHO_ARE_YOU_RE = /^((你好|您好|hi|hello)[\s,，!！]*)?(请问)?(你是谁|你是什么|你(能|可以)(帮我)?(做|干)(些)?什么|你会什么|介绍一下你自己|who are you|what can you (do|help))[\s?？!！。.]*$/iu;
const HUMAN_RE = /转人工|人工客服|人工服务|找人工|要人工|真人|^人工$|找专员|联系专员|助才专员.*(联系|找|对接)|(联系|找|对接).*助才专员|找工作人员|和人说话|跟人说|客服|talk to (a )?(human|person|someone|officer|agent)|speak (to|with) (a )?(human|person|someone|officer|agent)|real person|human agent|customer service/iu;
const COMPLAINT_RE = /投诉|投(个|一个|一下)诉|举报|打不通|难用|浪费(我)?.{0,3}(时间|下午|上午|一天)|老是(失败|出错|报错)|(必须|我要|得)反映|反映一下[。！!]*$|没人(通知|告诉)|态度(很|太)?差|什么态度|态度(恶劣|不好|很不好|极差)|爱答不理|踢皮球|推诿|刁难|甩脸|不耐烦|扔(回|给)|没人(回|回复|接|处理)|ridiculous|unacceptable|nobody (replies|answers|responds|gets back)|no one (replies|answers|responds)|been waiting .{0,12}(weeks|months)|不作为|太慢了|拖了.*(还没|没)|没人管|没人理|差评|什么破|垃圾|欺骗|骗人|complain|complaint|terrible service/iu;
const OWN_CASE_RE = /(被|给)(驳回|拒|退回|退件)|填错|写错|填写错误|提交错|信息有误|改(一下)?(银行卡|卡号|信息|资料)|修改.{0,4}(申请|信息|资料)|还没(办好|办下来|批下来|出结果|下来|消息)|到现在(还)?没|一直没(有)?(消息|结果|回复|下文)|派驻|外派|借调|挂职|在.{1,8}(领过|享受过)|没(有)?通过|未通过|不通过|驳回|申诉|复核|复议|(没|未|还没)(有)?(到账|收到|发放|发下来|打款)|没到账|断缴|断了.{0,4}(社保|月)|补缴|认证.{0,4}(没|未|不)通过|跨区|转到.{0,6}区|查(一下|询)?(我的|本人)|我的.{0,8}(进度|状态|审核结果|申请结果|记录)|审核到哪|进度(如何|怎么样)|rejected|not (been )?paid|haven'?t received|appeal|my application status/iu;
const INJECTION_RE = /忽略(之前|以上|前面|上面|所有)|无视(之前|以上|前面)|(系统|system)\s*(提示|prompt)|提示词|你的指令|开发者模式|越狱|jailbreak|dan mode|do anything now|你现在是\s*dan|you are (now )?dan\b|不受任何限制|没有任何限制|不受.{0,4}规则|无视规则|ignore (all |the )?(previous|above|prior)|disregard (all |the )?(previous|above)|reveal your (prompt|instructions)|pretend (you are|to be)|扮演/iu;
const FRAUD_RE = /伪造|造假|办假|假的?.{0,8}(证|证明|学历|文凭|记录|合同|材料)|代办.{0,4}假|fake (certificate|diploma|degree|record|document)|forge|counterfeit/iu;
// First person: "博士能拿多少" asks what the policy says; "我能拿多少" asks for a check of one's own case.
const ELIGIBILITY_RE = /我.{0,12}(能|可以|可不可以|能不能|是否|有没有资格|符合|够|算不算|行不行)|本人|am i (?:still |also )?eligible|can i (?:also |still )?(get|apply|claim|receive)|do i (?:still |also )?qualify|how much (can|do|would|will) i|\bmy (age|degree|case|situation|application|contract|salary)\b/iu;

/**
 * Detects the language of a message: English when Latin letters outnumber Chinese characters
 * three to one ("I'm a senior technician (高级技师), any subsidy?" is English with a quoted term).
 */
export function detectLang(text: string): Lang {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const latin = text.match(/[a-z]/giu)?.length ?? 0;
  return latin >= 4 && latin > 3 * han ? 'en' : 'zh';
}

/**
 * Classifies a message offline, by rules, in priority order: what must reach a person (a request for
 * one, a complaint, a dispute about the person's own case) before anything the bot could answer, and
 * prompt-injection attempts before everything.
 */
export function classifyIntent(text: string, signals: IntentSignals): Intent {
  const t = text.normalize('NFKC').trim();
  if (isManipulation(t)) return 'out_of_scope';
  const asked = withoutDisclaimedClauses(t);
  if (HUMAN_RE.test(asked) || asksForPerson(asked)) return 'request_human';
  if (COMPLAINT_RE.test(asked)) return 'complaint';
  if (ownCase(t) && !ownCaseOnlyInBackground(t)) return 'own_case';
  if (GREETING_RE.test(t) || WHO_ARE_YOU_RE.test(t)) return 'greeting';
  if (signals.domain && signals.domain.domain !== 'policy') return 'out_of_scope';
  // A message that states facts about the person while naming a benefit is a check of their case.
  if (!signals.onTopic) return 'out_of_scope';
  if (signals.comparison) return 'comparison';
  if (signals.namesRule && (ELIGIBILITY_RE.test(t) || signals.profileFacts >= 2)) return 'eligibility';
  if (signals.procedural) return 'procedure';
  return 'policy_question';
}

function ownCase(t: string): boolean {
  return (OWN_CASE_RE.test(t) && !isGeneralFraming(t)) || disputesOwnCase(t) || speaksOfOwnMatter(t);
}

// A past episode told as the background of a new attempt: "上次…被退回来了，这次…", "去年被拒了一次，今年准备重新申请".
const PAST_EPISODE_RE = /上次|上回|去年|前年|之前|以前/u;
const NEW_ATTEMPT_RE = /这次|今年|重新|再次|再申请|再报/u;

/**
 * "上次材料不全被退回来了，这次不想再出错：到底要准备哪些材料？" tells of an episode of the writer's case that is
 * over and asks about the next attempt: when the asking clause names an aspect of the policy, says
 * nothing of the writer and carries no own-case cue itself, the text answers it.
 */
function ownCaseOnlyInBackground(t: string): boolean {
  const focus = focusOf(t);
  if (focus === t || ownCase(focus) || PERSONAL_RE.test(focus)) return false;
  const background = t.slice(0, t.lastIndexOf(focus));
  if (!PAST_EPISODE_RE.test(background) || !NEW_ATTEMPT_RE.test(t)) return false;
  return analyseQuestion(focus).aspects.length > 0;
}

// A team is the writer's unless it is the policy's "顶尖人才及其团队" ("顶尖人才团队带项目来…").
const PERSONAL_RE = /我|本人|咱|(?<!人才|及其)团队|our\b|\bmy\b|\bi\b|\bwe\b/iu;

/** True when a message speaks about the writer's own situation rather than the policy in general. */
export function isPersonal(text: string): boolean {
  return PERSONAL_RE.test(text.normalize('NFKC'));
}

/** True for prompt-injection attempts and requests for fake documents: never answered, never curated. */
export function isManipulation(text: string): boolean {
  const t = text.normalize('NFKC');
  return INJECTION_RE.test(t) || FRAUD_RE.test(t) || instructsBot(t);
}
