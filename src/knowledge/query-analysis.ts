import { normalizeForSearch } from './text-normalize.js';

/** What a question says about which policy generation it is about. */
export interface QueryFocus {
  /** The question is about the old (superseded) policy. */
  wantsOld: boolean;
  /** The question compares old and new ("变了什么", "有什么区别"). */
  comparison: boolean;
}

const OLD_RE = /21条|老政策|旧政策|原政策|以前的|之前的|原来的|过去的|老的|旧的|钱塘新区|废止|old polic|previous polic|former polic|earlier polic|before 2022/u;
// "不同学历" and "我比较着急" are not comparisons: only the phrases that ask for one count.
const COMPARE_RE = /放宽|收紧|从(多少|几|\d[^，。,]{0,6})(提|涨|降|调|增|减)(到|至|为|了)|变了|变化|改了|区别|有什么不同|有何不同|(什么|啥|哪些|哪里|哪儿)不一样|不一样在哪|哪些不同|哪里不同|不同之处|差别|差异|对比|比较一下|作比较|做比较|相比|比起|比以前|比原来|提高了|降低了|涨了|新旧|新老|调整了|what changed|(^|[^a-z])changes?\b|differen|compare|comparison|versus|\bvs\b|increased|decreased/u;
const BOTH_RE = /(新政|25条|现行|现在).*(21条|老政策|旧政策|以前|原来)|(21条|老政策|旧政策|以前|原来).*(新政|25条|现行|现在)/u;

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
  return { wantsOld: OLD_RE.test(q) && !comparison, comparison };
}

const GENERATION_WORDS_RE = /钱塘人才21条|人才新政25条|21条|25条|老政策|旧政策|原政策|新政策|新政|现行政策|以前的|之前的|原来的|现在的|old policy|new policy|current policy|previous policy/gu;

/** The question without the words that only say which policy generation it is about. */
export function withoutGenerationWords(question: string): string {
  return normalizeForSearch(question).replace(GENERATION_WORDS_RE, ' ');
}
