/**
 * A question that cites a notice or document the corpus does not hold ("听说出了补充通知，硕士提高到5万了"):
 * the bot cannot confirm it, so it says so, states the figure in force with its citation, and offers
 * an officer; it neither repeats the claimed figure as fact nor hands the question off unanswered.
 */
const CLAIM_RE = /补充通知|补充规定|内部(文件|通知|规定)|最新(通知|文件)|新(出|发)的?(通知|文件|规定)|红头文件|(听说|据说|有人说|网上说|群里说|同事说|朋友说|看到|收到)[^。？?]{0,24}(通知|文件|规定|提高|涨|调整|改成|变成)|supplementary notice|internal (document|notice|memo)|new notice|i heard|i was told|rumou?r|(a friend|friends|someone|people|a colleague|my colleague|my hr|our hr|hr)( in [^.?]{0,30})? (said|says|told me|claims?)|is (that|this|it) (right|true|correct)/iu;
// Hearsay with a figure of its own ("网上说本科租房补贴每年2万", "听说博士后出站留区补贴给到50万"): a figure
// from no text the bot holds, whatever verb carries it.
// A piece one read or watched is a source of hearsay too ("网上有篇文章说", "公众号推文里写", "看到个视频讲",
// "an article said"): the whole phrase, where it was seen included, is who said it.
const MEDIA = '文章|帖子|视频|短视频|公众号|推文|推送|新闻|报道|微博|朋友圈|小红书|抖音|知乎|媒体';
const READ_RE = `(?:网上|网络上|群里)?(?:有|看到|看了|刷到|读到|转发的?)?(?:一|几)?(?:篇|个|条|则|段)?(?:${MEDIA})+(?:上|里|中)?(?:说|写|讲|提到|称|报道)(?!明|服)(?:的|了|着|道)?`;
const HEARSAY_RE = new RegExp(
  `${READ_RE}|听说|据说|听人说|有人说|网上说|网上看到|网传|群里说|同事说|朋友说|别人说|他们说|传言|传闻|\\bi heard\\b|\\bsomeone (?:said|told)\\b|\\bpeople say\\b|\\b(?:an?|the|one|some) (?:online |news |wechat |social media )?(?:article|post|video|report|blog|news story)s? (?:i (?:read|saw|watched) )?(?:said|says|claimed|claims|wrote|reported|mentioned)\\b|\\bi (?:read|saw) (?:online|somewhere|on (?:wechat|weibo|the internet)) that\\b`,
  'iu',
);
const FIGURE_RE = /\d+(?:\.\d+)?\s*(?:万元|万|元|%|年|个月|个工作日|天|周岁|million|thousand|yuan|rmb|years?|months?|days?)|rmb\s*[\d,]+|\d{1,3}(?:,\d{3})+/iu;

/** Whether the question cites an unverified notice, with a figure of its own. */
export function citesClaimedNotice(question: string): boolean {
  const q = question.normalize('NFKC');
  return (CLAIM_RE.test(q) || HEARSAY_RE.test(q)) && FIGURE_RE.test(q);
}

/** The question without who said it ("网上说", "听说"): the source is not what is asked (网上 is no place to apply). */
export function withoutHearsay(question: string): string {
  return question.replace(new RegExp(HEARSAY_RE.source, 'giu'), '');
}

// Words that make an asking sentence point back at what was heard: "是真的吗", "这个靠谱吗".
const ABOUT_WHAT_WAS_HEARD_RE = /真的|是真|属实|靠谱|对吗|对不对|准吗|这样|这个|这种说法|那个|\btrue\b|\bthat\b/iu;
// Sentences, each with the punctuation that ends it.
const SENTENCE_RE = /[^。！!？?\n]+[。！!？?\n]*/gu;

/**
 * The message without the sentences that only report what others said ("朋友说钱塘的项目要评审答辩，
 * 还说场地能免租几年。") when a later sentence asks a question of its own: what was heard is background,
 * and its words (免租, 场地) would pick the sentence answered. A reported figure stays (it is checked,
 * see citesClaimedNotice), and so does hearsay the question points back at ("…，是真的吗").
 */
export function withoutHeardBackground(text: string, namesTopic: (text: string) => boolean): string {
  const sentences = text.match(SENTENCE_RE) ?? [];
  if (sentences.length < 2) return text;
  const heard = (s: string, i: number): boolean => i < sentences.length - 1 && HEARSAY_RE.test(s) && !FIGURE_RE.test(s) && !/[?？]|吗/u.test(s);
  const kept = sentences.filter((s, i) => !heard(s, i)).join('').trim();
  if (kept === text.trim() || kept === '' || ABOUT_WHAT_WAS_HEARD_RE.test(kept) || !namesTopic(kept)) return text;
  return kept;
}

/** Whether the claim is of a notice (补充通知, 内部文件) rather than of hearsay. */
function namesNotice(question: string): boolean {
  return /通知|文件|规定|notice|document|memo/iu.test(question);
}

/**
 * The line that follows the figure in force: the notice or figure the person heard cannot be
 * confirmed, and an officer can check a newer notice — one sentence, so the doubt is said once; a
 * figure the superseded text states is said to be that text's (`oldSource`).
 */
export function claimLead(lang: 'zh' | 'en', question = '', oldSource?: string): string {
  if (oldSource) {
    return lang === 'en'
      ? `The figure you heard is the superseded policy's (${oldSource}), not the current one.`
      : `您听说的数字是已废止的${oldSource}的标准，现行标准以上为准。`;
  }
  if (!namesNotice(question)) {
    return lang === 'en'
      ? 'The figure you heard is not in the texts in force, so I cannot confirm it; if a newer notice was issued, reply “转人工” to have an officer check.'
      : '现行政策文本中没有您听说的数字，无法核实；如有新通知，可回复“转人工”核实。';
  }
  return lang === 'en'
    ? 'The notice you mention is not among the texts in force, so I cannot confirm it; if it was issued, reply “转人工” to have an officer check.'
    : '您说的通知不在现行政策文本中，无法核实；如确已发布，可回复“转人工”核实。';
}
