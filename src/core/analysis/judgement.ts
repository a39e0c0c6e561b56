/**
 * Whether a question asks for a judgement or advice (which city suits young people, whether to study
 * for a doctorate or work, "should I…", "is it better to…") rather than for what a text says. The texts
 * settle such a question only when it weighs something they describe ("住人才公寓好还是领租房补贴好"): the
 * domain reading (domain-of.ts) checks that against the corpus's topics.
 */

const JUDGEMENT_RES = [
  // The writer asks the bot's own view or recommendation.
  /你(觉得|认为|建议|推荐|怎么看)|依你看|在你看来|给(我)?(点|个|些)?建议|建议我|推荐(一下|个)?哪/u,
  // A recommendation asked for: "有什么推荐", "推荐一家…", "给推荐几只".
  /有(什么|啥|哪些)[^，。；;！!？?]{0,4}推荐|推荐(一下|一家|一部|一个|一些|几(个|只|家|部|本))|给(我)?推荐/u,
  // A choice weighed by its merits: "哪个城市更适合", "读博好还是工作好", "值不值得去".
  /哪(个|家|座|一个|里)[^，。；;！!？?]{0,8}(更|比较|最)(适合|好|值得|合适|有前途|有前景|宜居)/u,
  /(更|比较|最)(适合|宜居)(年轻人|我|我们|发展|生活|定居|工作)/u,
  /好还是[^，。；;！!？?]{1,14}好|值不值得|值得(去|来|读|换)吗|该不该|要不要(去|读|换|辞|跳槽)/u,
  // "Should I … or …" weighs a choice; "what should I do if…" asks the procedure.
  /\bshould (i|we)\b[^.?!]{0,40}\bor\b/iu,
  /\b(is it (better|worth|wise)|which (is|one is|city is|would be) (better|best)|would you (recommend|suggest|advise)|what do you (think|recommend|suggest)|do you think|in your opinion|your advice|worth it|better (to|off))\b/iu,
];

/** True when the question asks the bot's judgement or advice on a choice or a way of life. */
export function asksJudgement(text: string): boolean {
  const t = text.normalize('NFKC');
  return JUDGEMENT_RES.some((re) => re.test(t));
}
