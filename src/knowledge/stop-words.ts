/**
 * Words that carry no policy meaning in a question: particles, pronouns, question words and polite
 * frames. Removing them keeps BM25 from matching on "我" or "什么" and lets the confidence score
 * measure how much of the real question the passage covers.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `的 了 吗 呢 吧 啊 呀 哦 嘛 么 着 过 和 与 及 或 等 是 在 有 没 没有 也 都 就 还 又 把 被 给 对 从 向 按 由 以 为 之 其 该 此 这 那 这个 那个 这些 那些
  我 我们 你 你们 您 他 她 它 他们 自己 本人 咱 咱们
  什么 怎么 怎样 怎么样 如何 哪 哪里 哪儿 哪些 哪个 几 多少 吗 是否 能否 可否 能不能 可不可以 是不是 有没有 会不会 为什么
  请问 请 问 问下 问一下 一下 想 想问 想知道 知道 告诉 谢谢 麻烦 你好 您好 好 嗯
  可以 能 能够 会 要 需要 应该 得 可 就是 然后 如果 但是 但 所以 因为 现在 已经 刚 刚刚 一个 个 些 点 一点
  政府 国家
  a an the is are am be been was were do does did of to in on at for with and or my me i you your we our it this that what how can could would should will please tell about get`
    .split(/\s+/u)
    .filter(Boolean),
);
