import { normalizeForSearch } from './text-normalize.js';

/** What a question says about which policy generation it is about. */
export interface QueryFocus {
  /** The question is about the old (superseded) policy. */
  wantsOld: boolean;
  /** The question compares old and new ("变了什么", "有什么区别"). */
  comparison: boolean;
  /** The question asks what a term means or whom it covers ("算不算新引进", "什么是青年大学生"). */
  definition?: boolean;
}

// "以前的/之前的" speak of the old policy only next to a word for a rule or a benefit: "之前的标准" and
// "以前的安家补贴" do, "之前的工作在上海"
// and "本科是之前的学历" do not. 过去 after a verb of moving is a direction ("副高引进过去安家补贴"), and
// 老 in 老公, 老家 is no age.
const OLD_RE = /21条|老政策|旧政策|原政策|(以前|之前|原来|(?<!引进|调|搬|跳槽|去|跑|回|转|派|嫁|走|迁|人)过去|老(?![公婆家师板人乡大])|旧)的?[^，。？?]{0,4}(政策|标准|规定|文件|条款|办法|版本|补贴|补助|资助|待遇)|钱塘新区|old polic|previous polic|former polic|earlier polic|before 2022|\b21 (?:qiantang )?(?:talent )?(?:articles|policies|measures)\b/u;
// Whether a text is still in force is answered by the current text that states its term and repeals
// the old one, so such a question is not about the old generation even when it names it.
const VALIDITY_RE = /还有效|有效吗|有效期|还能用|还管用|还适用|还算数|还在执行|还执行|失效|过期|作废|废止|still (valid|in force|effective|appl)|in force|expired|repealed|no longer valid/u;
// A question asking what a term means or whom it covers: the article that defines the term answers it.
const DEFINITION_RE = /什么是|是什么意思|什么叫|指的是|是指|指什么|指哪些|怎么定义|怎么界定|如何界定|如何定义|界定|定义|算不算|算是|还算|(?<!补贴|奖励|资助|补助|费用|钱)是(?:怎么|如何|怎样)(?:算|认定|界定)的?(?![^，。？?]{0,6}(?:钱|金额|补贴|多少))|(?:以内|以下|以上|之内)(?:才)?算|才算|算[^，。？?]{0,14}吗|属不属于|属于[^，。？?]{0,10}吗|包括哪些|包含哪些|哪些人算|\bcounts? as\b|\bmean\b|\bmeans\b|definition|defined as|who (is|are) (a |an )?['"‘“]/u;
// "不同学历" and "我比较着急" are not comparisons: only the phrases that ask for one count.
const COMPARE_RE = /放宽|收紧|从(多少|几|\d[^，。,]{0,6})(提|涨|降|调|增|减)(到|至|为|了)|变了|变化|改了|区别|有什么不同|有何不同|(什么|啥|哪些|哪里|哪儿)不一样|不一样在哪|哪些不同|哪里不同|不同之处|差别|差异|对比|比较一下|作比较|做比较|相比|比起|比以前|比原来|提高了|降低了|涨了|新旧|新老|调整了|what changed|(^|[^a-z])changes?\b|differen|compare|comparison|versus|\bvs\b|increased|decreased/u;
// 以前/原来 name the old policy only next to a rule or benefit word, or asking its figure ("以前是多少"): "原来的房子退租了，现在在钱塘租房" is the person's story.
const PAST_RULE = '(?:以前|原来)(?:的?[^，。？?]{0,4}(?:政策|标准|规定|文件|条款|办法|版本|补贴|补助|资助|待遇|比例|金额)|(?:是|为|给|发)?(?:多少|几)|呢)';
const BOTH_RE = new RegExp(`(新政|25条|现行|现在).*(21条|老政策|旧政策|${PAST_RULE})|(21条|老政策|旧政策|${PAST_RULE}).*(新政|25条|现行|现在)`, 'u');

// A year the question asks about as the time the case arose: "2021年入职的时候", "那时候(2021年)", "back in 2021".
const YEAR_RE = /((?:19|20)\d{2})\s*年|\b(?:in|back in|during) ((?:19|20)\d{2})\b/iu;
const THEN_RE = /时候|那时|当时|那年|当年|那会|at the time|back then|back in|\bthen\b/iu;

/** The past year a question asks about ("我2021年入职的，那时候…"), or undefined. */
export function askedYear(question: string): number | undefined {
  const q = normalizeForSearch(question);
  const m = YEAR_RE.exec(q);
  const y = m?.[1] ?? m?.[2];
  return y && THEN_RE.test(q) ? Number(y) : undefined;
}

/** Reads the policy-generation focus of a question from its wording. */
export function analyseQuery(question: string): QueryFocus {
  const q = normalizeForSearch(question);
  const comparison = COMPARE_RE.test(q) || BOTH_RE.test(q);
  const definition = DEFINITION_RE.test(q);
  return { wantsOld: OLD_RE.test(q) && !comparison && !VALIDITY_RE.test(q), comparison, ...(definition ? { definition } : {}) };
}

const GENERATION_WORDS_RE = /钱塘人才21条|人才新政25条|21条|25条|老政策|旧政策|原政策|新政策|新政|现行政策|以前的|之前的|原来的|现在的|old policy|new policy|current policy|previous policy/gu;

/** The question without the words that only say which policy generation it is about. */
export function withoutGenerationWords(question: string): string {
  return normalizeForSearch(question).replace(GENERATION_WORDS_RE, ' ');
}
