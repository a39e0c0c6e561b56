import { asksSomething } from './analysis/question-analysis.js';

/**
 * Makes a follow-up question searchable on its own. "那硕士呢？" after "博士能拿多少生活补贴？" says
 * nothing about the subsidy; searching it together with the previous question finds the right article,
 * while the follow-up's own words (硕士) still weigh in. A question with a topic of its own
 * ("本科生可以申请租房补贴吗？") is left as it is.
 *
 * A correction ("不对，我是硕士", "I meant the rent subsidy") keeps the conversation's topic and adds the
 * corrected fact, unless it names what the person meant instead ("我问的是租房补贴").
 *
 * `hasTopic` tells whether a question names something the corpus is about (the knowledge base
 * knows its vocabulary); without it, only the wording decides. `namesTopic` is the stricter reading
 * for a message that asks nothing: whether it names a topic the corpus heads an article or section
 * with ("我想申请租房补贴" does; "以前没在钱塘上过班" states a fact and leans on the question before).
 */
export function standaloneQuery(history: readonly string[], question: string, hasTopic?: (q: string) => boolean, namesTopic?: (q: string) => boolean): string {
  if (history.length === 0) return question;
  const correction = isCorrection(question);
  if (!correction && !isFollowUp(question, hasTopic, namesTopic)) return question;
  // "我问的是租房补贴": the person names the topic they meant; it replaces the earlier one. A case alone
  // ("我问的是省级的") names which figure of the same topic.
  if (correction && SWITCH_RE.test(question) && (hasTopic?.(withoutCases(question)) ?? false)) return question;
  const earlier = topicTurn(history, hasTopic, namesTopic);
  // "那租房补贴呢", "what about the rent subsidy for a master's?": a turn that leans back by its wording
  // but names a benefit of its own asks about that benefit; the earlier topic would outvote it in the
  // search. Only the case the conversation was about (博士, Category B) carries over, when this turn
  // names none of its own.
  // A message that asks nothing names a topic of its own only by a heading's words (see isFollowUp).
  const ownTopic = !asksSomething(question) && namesTopic ? namesTopic : hasTopic;
  if (!correction && ownTopic?.(withoutCases(question.replace(BACK_REFERENCE_RE, ' ')))) {
    const cases = caseWordsOf(question).length > 0 ? [] : caseWordsOf(earlier);
    return cases.length > 0 ? `${cases.join(' ')} ${question}` : question;
  }
  return `${earlier} ${question}`;
}

// Words that point back at the conversation itself ("回到刚才的问题", "back to my earlier question"): 问题
// and question are corpus words (人才反映问题) but name no benefit here.
const BACK_REFERENCE_RE = /(回到|继续|接着|还是)?(刚才|刚刚|上面|之前|前面|上一个|原来|最开始)(的|那个)?(问题|话题)|(back to|about) (my|the|your) (earlier|previous|last|first|original) (question|topic)|(my|the) (earlier|previous|last|first) question/giu;

/** The words of a text that name a case (degrees, categories, titles, levels), each once. */
function caseWordsOf(text: string): string[] {
  return [...new Set((text.normalize('NFKC').match(CASE_WORD_RE) ?? []).map((w) => w.trim()))];
}

/** The latest earlier turn that carries the topic (a chain of "那硕士呢？", "本科呢？" leans on the first). */
function topicTurn(history: readonly string[], hasTopic?: (q: string) => boolean, namesTopic?: (q: string) => boolean): string {
  for (let i = history.length - 1; i >= 0; i -= 1) {
    const turn = history[i] ?? '';
    if (!isFollowUp(turn, hasTopic, namesTopic) && !isCorrection(turn)) return turn;
  }
  return history[history.length - 1] ?? '';
}

// "那…", "…呢", "what about…" and words that point back ("这个", "上面") lean on the previous turn.
const REFERRING_RE = /^(那|那么|那如果|如果是|还有|另外|and\b|what about|how about|what if)|呢[?？]?$|[它这那]个|这项|该项|这个政策|上面|刚才|\b(it|that|this one)\b/iu;
// A turn that corrects what the bot understood, or adds a fact to the same question.
const CORRECTION_RE = /^(不对|不是的?[，,。!！\s]|错了|说错了|搞错了|弄错了|更正|纠正|我是说|我的意思是|其实我是|应该是|我问的是|我说的是|我想问的是|no[,.!]|not quite|sorry,? i meant|i meant|actually,? i)/iu;
const SWITCH_RE = /我(问|说)的是|我想问的是|\bi (was asking|meant|asked) about/iu;

/**
 * What a correction says is right, after its "不对" ("不对，我是高级技师" → "我是高级技师"); empty for
 * a bare "不对" or a message that is no correction. "不对吧你这个" leaves words that state nothing:
 * the caller decides whether the rest states a fact or names a topic.
 */
export function correctionRest(question: string): string {
  const q = question.normalize('NFKC').trim();
  const m = CORRECTION_RE.exec(q);
  return m ? q.slice(m[0].length).replace(/^[\p{P}\s]+/u, '').trim() : '';
}

/**
 * Whether a turn corrects what the bot understood ("不对，我是高级技师", "不是，我问的是租房补贴"): what
 * follows its "不对" states a fact or names a topic. Such a turn is answered again, not counted as a
 * complaint; a bare "不对" or "不对吧你这个" is dissatisfaction.
 */
export function correctsWith(question: string, statesFact: (text: string) => boolean, namesTopic: (text: string) => boolean): boolean {
  const rest = correctionRest(question);
  return rest !== '' && (statesFact(rest) || namesTopic(rest));
}

/** True for a turn that corrects or completes the previous one ("不对，我是硕士"). */
export function isCorrection(question: string): boolean {
  return CORRECTION_RE.test(question.trim());
}

/** True for a question that leans on the previous turn. */
export function isFollowUp(question: string, hasTopic?: (q: string) => boolean, namesTopic?: (q: string) => boolean): boolean {
  const q = question.trim();
  if (REFERRING_RE.test(q) || new RegExp(BACK_REFERENCE_RE.source, 'iu').test(q) || q.length <= 4) return true;
  // "刚从外地来钱塘一家企业，以前没在钱塘上过班" asks nothing: it tells the facts of the question before.
  if (namesTopic && q !== '' && !asksSomething(q)) return !namesTopic(withoutCases(q));
  // A case alone (博士, B类, 副高) says which figure, not which benefit: "博士一年多少钱" after a turn
  // about 租房补贴 still asks about 租房补贴 (博士 would otherwise pull in 博士后 or 博士入企).
  return hasTopic ? !hasTopic(withoutCases(q)) : false;
}

// Words that pick a case among a benefit's figures: degrees, talent categories, titles, grades, levels.
const CASE_WORD_RE = /(全日制)?(本科生?|硕士(研究生)?|研究生|博士(?!后)(研究生|生)?|[A-Ea-e]\s*类(人才)?|区级(高层次)?(人才)?|高级技师|技师|正高(级)?(职称)?|副高(级)?(职称)?|[一二三]等|国家级|省级|市级|bachelor'?s?( degree)?|master'?s?( degree)?|doctorate|ph\.?d\.?|(?:category|class)[- ][a-e]\b|\b[A-E][- ]?(?:category|class)\b|(?:national|provincial|municipal|district)[- ]level)/giu;

// Words that qualify the asked figure (最长 几年, 每年 多少) without naming what it is of.
const QUALIFIER_RE = /最长|最短|最高|最多|最少|上限|每年|每月|一次性/gu;
const CASE_WORD_ONCE_RE = new RegExp(CASE_WORD_RE.source, 'iu');

/** The question without the words that only name a case. */
export function withoutCases(question: string): string {
  return question.normalize('NFKC').replace(CASE_WORD_RE, ' ').replace(QUALIFIER_RE, ' ');
}

// "那技师呢", "副高的呢", "what about a master's": the case such a turn asks about, without the
// words around it that make it read as a general mention.
const WHAT_ABOUT_RE = /^(?:(?:那么?|还有)?\s*(?:如果是|要是)|那么?|还有|what about|how about)\s*(.{1,12}?)\s*(?:的)?(?:呢|吗)?\s*[?？。.!！]*$|^(.{1,12}?)\s*(?:的)?呢\s*[?？。]*$/iu;

/**
 * The case a short "what about …" follow-up asks about ("技师呢" → "技师"), to be read for that
 * turn in place of the same kind of fact carried from earlier turns; undefined for any other turn.
 */
export function caseAsked(question: string): string | undefined {
  const m = WHAT_ABOUT_RE.exec(question.normalize('NFKC').trim());
  const asked = (m?.[1] ?? m?.[2])?.trim();
  return asked && CASE_WORD_ONCE_RE.test(asked) ? asked : undefined;
}
