/**
 * Makes a follow-up question searchable on its own. "那硕士呢？" after "博士能拿多少生活补贴？" says
 * nothing about the subsidy; searching it together with the previous question finds the right article,
 * while the follow-up's own words (硕士) still weigh in. A question with a topic of its own
 * ("本科生可以申请租房补贴吗？") is left as it is.
 *
 * `hasTopic` tells whether a question names something the corpus is about (the knowledge base
 * knows its vocabulary); without it, only the wording decides.
 */
export function standaloneQuery(history: readonly string[], question: string, hasTopic?: (q: string) => boolean): string {
  const previous = history[history.length - 1];
  if (previous === undefined || !isFollowUp(question, hasTopic)) return question;
  return `${previous} ${question}`;
}

// "那…", "…呢", "what about…" and words that point back ("这个", "上面") lean on the previous turn.
const REFERRING_RE = /^(那|那么|那如果|如果是|还有|另外|and\b|what about|how about|what if)|呢[?？]?$|[它这那]个|这项|该项|这个政策|上面|刚才|\b(it|that|this one)\b/iu;

/** True for a question that leans on the previous turn. */
export function isFollowUp(question: string, hasTopic?: (q: string) => boolean): boolean {
  const q = question.trim();
  if (REFERRING_RE.test(q) || q.length <= 4) return true;
  return hasTopic ? !hasTopic(q) : false;
}
