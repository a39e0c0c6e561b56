/**
 * Makes a follow-up question searchable on its own. "那硕士呢？" after "博士能拿多少生活补贴？" says
 * nothing about the subsidy; searching it together with the previous question finds the right article,
 * while the follow-up's own words (硕士) still weigh in. A question that stands alone is left as it is.
 */
export function standaloneQuery(history: readonly string[], question: string): string {
  const previous = history[history.length - 1];
  if (previous === undefined || !isElliptical(question)) return question;
  return `${previous} ${question}`;
}

const ELLIPSIS_RE = /^(那|那么|那如果|如果是|还有|另外|再问|and\b|what about|how about|what if)|(呢|吗)[?？]?$|^(需要|要|要带|带|在哪|去哪|多久|多长时间|怎么|怎样|如何|能领|可以领|最长|最多)/iu;

/** True for short or referring questions that lean on the previous turn. */
export function isElliptical(question: string): boolean {
  const q = question.trim();
  return q.length <= 6 || ELLIPSIS_RE.test(q) || /[它这那]个|这项|该项|这个政策|上面|刚才/u.test(q);
}
