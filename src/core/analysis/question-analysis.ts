/**
 * What a question asks, read from its own words: the aspect (an amount, who qualifies, how long,
 * when/how often, where, which materials, whether benefits combine, whether a text is in force,
 * what a term means), the clause that asks it (in a long message, the question at the end outranks
 * the background before it) and, for a two-part question, each part. Pure; zh and en.
 */

/** One thing a question can ask about a benefit. */
export type Aspect =
  | 'amount'
  | 'eligibility'
  | 'duration'
  | 'schedule'
  | 'where'
  | 'materials'
  | 'procedure'
  | 'combine'
  | 'validity'
  | 'effective'
  | 'definition'
  | 'payment'
  | 'term';

/** The aspects a guide section or sentence can carry, with the cue words that ask for them. */
const ASPECT_CUES: readonly [Aspect, RegExp][] = [
  ['combine', /同时(享受|领|拿|申请)|叠加|一起(领|拿|享受)|重复(领|拿|享受|申请)|兼得|都能(领|拿|享受)|能不能都|可以都|both\b|combine|at the same time|on top of/iu],
  ['validity', /(?:还(有效|管用|适用|能用|算数)|是否有效|失效|废止|作废|过期|现行|还在执行|still (valid|in force|apply|applies)|in force|repealed|expired)|(?:还(有效|管用|适用|能用|算数)|是否有效|失效|废止|作废|过期|现行|还在执行|still (valid|in force|in effect|apply|applies|current)|in force|in effect|repealed|expired?|(are|is) .{0,40}\bvalid\b|valid (for|until))/iu],
  // Since when (and until when) a text applies: "从哪天开始施行", "有效期到什么时候".
  ['effective', /(哪天|哪一天|哪年|什么时候|何时|几号)(开始|起)?(施行|实施|生效|执行)|(施行|实施|生效)(日期|时间)|从(哪天|什么时候|何时)(开始|起)(算|执行|实施)?|(政策|文件|新政|条)(的)?有效期|什么时候(到期|截止|失效)|when (did|does) .{0,30}(take effect|come into force|start)|effective (date|from)|how long .{0,60}\bvalid\b|valid for how long|how many years .{0,60}\bvalid\b|when does .{0,40}\bexpire/iu],
  ['definition', /(?:什么叫|指的是|是指|是什么意思|怎么定义|怎么界定|算不算|哪些算|what (is|are|does) (a |an |the )?.{0,30}(mean|count)|definition|what counts as)|(?:什么叫|指的是|是指|是什么意思|怎么定义|怎么界定|算不算|哪些算|what (is|are|does) (a |an |the )?.{0,30}(mean|count)|definition|(what|who) counts as|who (is|are) (a |an |the )?.{0,30}(under|in) the|meaning of)/iu],
  // "提交材料后多久" dates the question by the materials, "材料没带齐能先受理吗" says some are missing:
  // neither asks for them.
  ['materials', /材料(?!后|以后|之后|齐全|交上去|没|不齐|不全|还没|还差|差|少|暂缺|缺)|带什么|带哪些|准备什么|准备哪些|需要提供|要提供|提交什么|交什么|交哪些|证件|documents?|papers?|materials?|\bbring\b|paperwork|hand in|submit what|what (do|must|should) i (submit|provide|prepare)/iu],
  ['schedule', /(?:(多久|多长时间|几个月|多少天).{0,4}一次|每个?月都?(?:能|可以)?(?:报|申请|申报|受理|办)|错过|没赶上|赶不上|下一批|下批|哪一?批|最晚|最迟|最早|什么时候.{0,2}(申请|申报|受理|报名|报|提交)|(申报|申请|受理|报)几次|固定(的)?批次|等批次|多久内|多长时间内|几年内|几个月内|期限内|之前要|以内要|几月|哪个月|哪几个月|什么时候(申请|申报|受理|开始|报名|交|提交)|每年[^，,。？?；;\s]{0,4}(几次|几批|什么时候)|几批|批次|多久(申请|申报)一次|多长时间(申请|申报)一次|随时|截止|which months?|how often|when (can|do|should) (i|we|you) (apply|submit)|deadline)|(?:多久内|多长时间内|几年内|几个月内|期限内|之前要|以内要|几月|哪个月|哪几个月|什么时候(申请|申报|受理|开始|报名|交|提交)|每年[^，,。？?；;\s]{0,4}(几次|几批|什么时候)|几批|批次|多久(申请|申报)一次|多长时间(申请|申报)一次|随时|截止|which months?|what months?|what time of (the )?year|how often|when\b(?: in the year| of the year| during the year)? (can|do|does|should|must|to|will) .{0,40}\b(apply|submit|register|file|claim)|by when|how soon .{0,30}\b(apply|submit|claim)|when (do|does|will|is) (the )?(applications?|intake|application (window|period)) .{0,40}\b(open|start|begin)|application (window|period)|deadline)/iu],
  ['duration', /(?:多久|多长时间|几天|多少天|(几|多少)个?工作日|时限|期限|多快|什么时候(出|能|可以|到|发|下来|拿到|通知|告知|有结果)|how long|how many (working )?days|how quickly|when will)|(?:多久|多长时间|几天|多少天|(几|多少)个?工作日|时限|期限|多快|什么时候(出|能|可以|到|发|下来|拿到)|how long|how many (working )?days|how quickly|when will|processing time)/iu],
  ['where', /哪里|哪儿|在哪|去哪|地址|地点|窗口|电话|网上|线上|在线|平台|where|address|phone|online|contact|website|platform/iu],
  ['procedure', /(?:流程|步骤|程序|(哪些|什么|几个)环节|怎么申请|如何申请|怎么办理|如何办理|怎么办|怎么弄|怎么领|如何领|怎么申领|申报方式|怎么(分配|分房|补办|审核|评审)|如何(分配|分房|补办|审核|评审)|process|procedure|steps?\b|how (do|can|to) (i |we )?(apply|get|claim))|(?:流程|步骤|程序|怎么申请|如何申请|怎么办理|如何办理|怎么办|怎么弄|怎么领|如何领|怎么申领|申报方式|process|procedure|steps?\b|how (do|can|to) (i |we )?(apply|get|claim))/iu],
  ['eligibility', /(?:(签|交|缴|缴纳|干|工作|待|做)(满|够|了)?(几|多少)个?(年|月)|条件|要求|资格|门槛|限制|限不限|(能|可以)先(受理|办|交|递交|提交|申请)|满足什么|谁可以|谁能(申请|办|领|享受|住)|哪些人|能不能(申请|领|享受|落户|住)|可以(申请|领|享受|落户|住)吗|能(申请|领|享受|落户|住)吗|符合|eligib|qualif|requirements?|conditions?|who can)|(?:条件|要求|资格|门槛|满足什么|谁可以|哪些人|能不能(申请|领|享受|落户|住)|可以(申请|领|享受|落户|住)吗|能(申请|领|享受|落户|住)吗|符合|eligib|qualif|requirements?|conditions?|who can|who (may|is allowed|are allowed|is entitled)|age limit|maximum age|how old|too old|(?:up to|until|at|below|under) what age)/iu],
  ['term', /(能|可以)?(领|享受|拿|住)(几年|多少年|多久)|几年内有效|最长(几年|多久|多长)|有效期(多久|多长|几年)|for how many years|how many years/iu],
  ['payment', /(?:一次(给|发|性)?(给完|发完|领完|到位)|(能|可以)一次(性)?(拿|领|发|给)|一次性(发放?|给|领)?(的)?吗|分几年|分几次|分期|怎么发(放)?|如何发放|发放方式|按年发|paid (once|yearly|in instalments)|lump sum|instal?lments?)|(?:一次(给|发|性)?(给完|发完|领完|到位)|一次性(发放?|给|领)?(的)?吗|分几年|分几次|分期|怎么发(放)?|如何发放|发放方式|按年发|paid (once|yearly|annually|in instalments)|(paid|pay|given|received?) (all )?(at once|in one go)|all at once|in one go|in one (payment|lump)|single payment|lump sum|instal?lments?|how (is|are) (it|they|the .{0,40}) paid)/iu],
  // "是金卡还是银卡", "公办还是民办": a choice between two of a kind asks which one is received.
  ['amount', /(?:(啥|什么|哪些|哪种)(补贴|待遇|资助|奖励|卡|级别|好处|服务|权益)|(?:啥|什么|哪种)[\u4e00-\u9fa5]{1,2}卡|[\u4e00-\u9fa5]([\u4e00-\u9fa5])还是[\u4e00-\u9fa5]\3|享受(什么|哪些|啥)|多大|面积|多少|几万|几成|几折|比例|标准|最高|最多|金额|补多少|给多少|几个钱|是.{0,6}万吗|how much|how many|amount|maximum|rate|percent)|(?:(啥|什么|哪些)(补贴|待遇|资助|奖励)|多少|几万|几成|几折|比例|标准|最高|最多|金额|补多少|给多少|是.{0,6}万吗|how much|how many|amount|maximum|rate|percent|what share|what percentage|what proportion|up to how much|what is the most|what(?:'s|s| is| was| are| were) the [^?.]{0,60}?\b(?:subsid(?:y|ies)|allowances?|grants?|funding|bonus)\b|what (?:(?:yearly|annual|monthly|one-off|one-time) )?(?:subsidy|allowance|grant|funding|money|support|bonus|stipend)\b|at what (?:rent|price|rate|cost|discount)|what (?:rent|discount)\b|how much (?:of the )?(?:rent|market (?:rent|price)))/iu],
];

/** What the question asks. */
export interface QuestionAnalysis {
  /** The clause that asks (the last interrogative sentence of a long message). */
  focus: string;
  /** Aspects asked, in the order the question asks them (empty: a general question about the topic). */
  aspects: Aspect[];
  /** The asked parts of a two-part question ("哪种卡，办下来要多久"), each with its aspect. */
  parts: { text: string; aspect: Aspect }[];
}

const QUESTION_MARK_RE = /[?？吗呢]|多少|多久|多长|多大|几|什么|哪|是不是|要不要|还是|怎么|如何|是否|能否|能不能|可不可以|有没有|how|what|which|when|where|who|can i|is it|are there|do i/iu;

/** Sentences of a message (ends of sentences, not commas). */
// 什么 that means "any" or "much of a" asks nothing: "我也不是什么人才", "没什么学历", "什么补贴都没领过",
// "什么安家费租房补贴都跟我们没关系".
const INDEFINITE_RE = /(?<=不是|没有|没|算不上|谈不上)什么|什么(?=[^，,。？?！!]{0,8}(?:都|也))/gu;

/** The text without 什么 where it means "any": such a clause tells, it does not ask. */
function withoutIndefinite(text: string): string {
  return text.replace(INDEFINITE_RE, '');
}

/** Whether a sentence or clause has a question word, mark or particle in it. */
function hasQuestionWord(text: string): boolean {
  return QUESTION_MARK_RE.test(withoutIndefinite(text));
}

function sentencesOf(text: string): string[] {
  return (text.match(/[^。！？!?\n]+[。！？!?]*/gu) ?? []).map((s) => s.trim()).filter((s) => s !== '');
}

/**
 * The asking clause: the last sentence with an interrogative word; in it, the clauses from the first
 * interrogative one on (background before a comma, "我是2024年毕业的，…", is not the question).
 */
export function focusOf(text: string): string {
  const sentences = sentencesOf(text);
  const asking = ([...sentences].reverse().find((s) => hasQuestionWord(s)) ?? sentences[sentences.length - 1] ?? text).trim();
  if ([...asking].length <= 30) return asking;
  const clauses = asking.split(/(?<=[，,；;])/u);
  const first = clauses.findIndex((c) => hasQuestionWord(c));
  return first > 0 ? clauses.slice(first).join('').trim() : asking;
}

/**
 * The last clause of the asking sentence that asks something ("出站补贴多少" of "我在站的时候每年领10万生活补贴
 * 现在出站了签了3年合同留钱塘 出站补贴多少"): the story before it names benefits that are not asked. A space
 * between Chinese words is WeChat's comma.
 */
export function lastAsked(text: string): string {
  const clauses = focusOf(text.normalize('NFKC')).split(/[，,；;]|(?<=\p{Script=Han})\s+(?=\p{Script=Han})/u).map((c) => c.trim()).filter((c) => c !== '');
  return [...clauses].reverse().find((c) => QUESTION_MARK_RE.test(c)) ?? focusOf(text);
}

/**
 * What a message asks, for reading its domain: every sentence with a question in it when there are
 * several ("学区怎么划分的？我们不是什么人才"), else the asking clause.
 */
export function askingText(text: string): string {
  const asking = sentencesOf(text).filter((s) => hasQuestionWord(s));
  return asking.length > 1 ? asking.join(' ') : focusOf(text);
}

// Aspects about how long a text applies: a duration word before one of them asks that, not a time limit.
const TEXT_TERM_ASPECTS: readonly Aspect[] = ['validity', 'effective'];

// What makes a message a question or a request: a question mark, particle or word, a verb of asking
// or a request. A message with none of them (and no aspect asked) states facts ("我是技师").
const ASKING_RE = /[?？]|想(?:要|申请|办|领|知道|问|了解|咨询|查)|我要(?:申请|办|领|查)|吗|呢|么|嘛|多少|几[个年月天次岁号批种项万]|怎|如何|什么|啥|哪|谁|为何|为什么|能否|是否|可否|有无|能不能|可不可以|可以不|行不行|有没有|是不是|会不会|要不要|算不算|够不够|请问|想问|想了解|咨询|了解一下|告诉|介绍|帮我|麻烦|求助|能(?:领|拿|享受|申请|申领|得到|获得|有)|可以(?:领|拿|享受|申请|申领|得到|获得|有)|\b(?:what|how|when|where|which|who|why|can|could|is|are|am|do|does|did|will|would|should|may|tell|explain|eligible|qualify)\b/iu;

/**
 * Whether a message asks anything at all: "去年9月从上海过来钱塘工作" only tells the writer's situation (the
 * next message will ask), "生活补贴发多少" asks though it has no question mark, and so does "租房补贴材料"
 * by the aspect it names. The one reader of this for the whole turn: follow-ups, eligibility and the
 * noted-facts reply must agree on what a statement is.
 */
export function asksSomething(text: string): boolean {
  const t = withoutIndefinite(text.normalize('NFKC').trim());
  return ASKING_RE.test(t) || QUESTION_MARK_RE.test(t) || aspectsOf(t).length > 0;
}

/**
 * Spoken question words in their written form: "丢了咋办" asks 怎么办, "要啥时候申请" 什么时候. The cues are
 * written once, for the written words.
 */
function colloquial(text: string): string {
  return text.replace(/咋(?=办|弄|整|申请|申领|领|补|办理|处理|算|发)/gu, '怎么').replace(/啥(?=时候|条件|要求|材料)/gu, '什么');
}

/** The aspects a text asks for, in order of first appearance. */
export function aspectsOf(text: string): Aspect[] {
  const t = colloquial(withoutIndefinite(text.normalize('NFKC')));
  const found: { aspect: Aspect; at: number }[] = [];
  for (const [aspect, re] of ASPECT_CUES) {
    const m = re.exec(t);
    if (m) found.push({ aspect, at: m.index });
  }
  // "多久" also appears inside "多久申请一次" (schedule): the more specific cue wins at one position.
  // "How long are the 25 policies valid", "有效期多久": the duration word asks the text's own term, not
  // how long an office takes, when a cue for the text's validity follows it in the same question.
  const kept = found.filter(
    (f) =>
      !(f.aspect === 'duration' && found.some((g) => (g.aspect === 'schedule' && Math.abs(g.at - f.at) <= 2) || (TEXT_TERM_ASPECTS.includes(g.aspect) && g.at - f.at >= 0 && g.at - f.at <= 60))),
  );
  return kept.sort((a, b) => a.at - b.at).map((f) => f.aspect);
}

// A space between two Chinese words is WeChat's comma: "本科租房补贴一年多少 能领几年 几月份申请" asks three things.
const PART_SPLIT_RE = /[，,；;]\s*(?:还有|另外|以及|并且|而且|同时|那|and\s+)?|(?<=\p{Script=Han})\s+(?=\p{Script=Han})|还有|另外|以及|\band\b(?=\s+(?:how|what|which|when|where|who|is|are|can|do))/iu;

/**
 * A clause listing questions with 、 ("生活补贴多少、房补一年多少、人才公寓租金按几成") is that many parts; a
 * list of things asked once ("D、E类人才发什么卡", "本科、硕士多少") stays one clause.
 */
function listedAsks(clause: string): string[] {
  const pieces = clause.split('、');
  return pieces.length > 1 && pieces.every((p) => aspectsOf(p).length > 0) ? pieces : [clause];
}

/** Reads what a question asks. */
export function analyseQuestion(text: string): QuestionAnalysis {
  const normalised = text.normalize('NFKC').trim();
  const focus = focusOf(normalised);
  // In a long message every sentence with a question counts (two questions in two sentences).
  const asking = sentencesOf(normalised).filter((s) => hasQuestionWord(s));
  const scope = asking.length > 1 ? asking.join(' ') : focus;
  // Parts are read sentence by sentence, then clause by clause: "进站补贴多少？出站又给多少" asks two
  // amounts, one of each case, so a second clause of the same aspect is a part of its own.
  const clauses = (asking.length > 1 ? asking : [scope]).flatMap((s) => s.split(PART_SPLIT_RE)).flatMap(listedAsks).map((c) => c.trim()).filter((c) => c !== '');
  const parts: QuestionAnalysis['parts'] = [];
  // A clause that asks nothing names the case for the parts after it ("硕士申请人才公寓，租金打几折").
  let setting = '';
  for (const clause of clauses) {
    const first = aspectsOf(clause)[0];
    // "技师呢", "二等呢" after an asked part asks the same again, of another case: a part of its own,
    // not the setting of the next clause ("二等呢 场地最大给多少平" asks two things).
    const previous = parts[parts.length - 1];
    if (!first && previous && /^[^，,]{1,16}呢[?？]?$/u.test(clause)) {
      parts.push({ text: clause, aspect: previous.aspect });
      continue;
    }
    if (first) parts.push({ text: setting === '' ? clause : `${setting}，${clause}`, aspect: first });
    else setting = setting === '' ? clause : `${setting}，${clause}`;
  }
  const aspects = aspectsOf(scope);
  // One part among several sentences is that sentence's, not the last sentence's ("哪种卡？拿它能干嘛").
  const single = parts.length === 1 && asking.length > 1 ? parts : aspects[0] ? [{ text: focus, aspect: aspects[0] }] : [];
  return { focus, aspects, parts: parts.length > 1 ? parts : single };
}

// Asks what the condition is ("要满足啥条件", "合同要签几年", "社保要交满几个月"), not whether one meets it.
const CONDITION_ASKED_RE = /(什么|哪些|有何|哪几个?)(条件|要求|门槛|限制)|(条件|要求|门槛)(是|有)(什么|哪些)|(要|需要|得|必须)满足|(签|交|缴|缴纳|干|工作|待|做)(满|够|了)?(几|多少)个?(年|月)|(交|缴|缴纳)满多久|满多久/u;

/**
 * Whether a question asks for a condition itself: it is answered by the sentence stating the condition,
 * not by an amount or a verdict on the person's case.
 */
export function asksCondition(text: string): boolean {
  return CONDITION_ASKED_RE.test(colloquial(text.normalize('NFKC')));
}

/** Aspects a guide section's answer is procedural (the guide answers them, not the article). */
export const PROCEDURAL_ASPECTS: readonly Aspect[] = ['duration', 'schedule', 'where', 'materials', 'procedure'];

// "发的是什么卡", "哪种证": the kind of thing asked for, named by one or two characters at a clause's end.
const THING_ASKED_RE = /(?:什么|哪种|哪类|哪一种|啥)([\u4e00-\u9fa5]{1,2})(?=[？?，,。！!；;]|$)/gu;
const NOT_A_THING_RE = /^(时候|意思|情况|东西|地方|样子|程度|补贴|补助|资助|奖励|材料|条件|待遇|服务|政策|福利|好处|人|呢|吗|的|用)$/u;

/** The kinds of thing a question asks for by name ("卡" of "发的是什么卡"); empty when it asks for none. */
export function thingsAsked(text: string): string[] {
  return [...withoutIndefinite(text.normalize('NFKC')).matchAll(THING_ASKED_RE)].map((m) => m[1] ?? '').filter((t) => t !== '' && !NOT_A_THING_RE.test(t));
}
