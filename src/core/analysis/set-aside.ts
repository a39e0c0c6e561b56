import { asksSomething } from './question-analysis.js';

/**
 * Benefits a person mentions only to set them aside. In "我E类 安家补贴在领 人才卡是金卡还是银卡" the
 * settlement subsidy is already being paid and the question is about the card; in "学费补助那块我们
 * 另外问" or "(不是问博士后个人的)" the person says outright that it is not the question. Left in the
 * text, such a mention picks the article (and, worst, a verdict on a benefit nobody asked about), so
 * the clauses that set a benefit aside are taken out of what search and analysis read, and so is a
 * class the person says they are not. The person's facts are still read from the whole message.
 */

// A benefit or service the corpus has articles on, as people name it in passing.
const BENEFIT_RE = /补贴|补助|资助|奖励|津贴|安家费|房补|租补|人才卡|金卡|银卡|公寓|学费|待遇|绿色通道/u;
// Already settled: being paid, received, done, or under way in its own procedure.
const SETTLED_RE = /(?<![没未不]|没有|还没)(?:在领|领着|领了|领过|已领|已经领|到账|发下来了|办好了|办下来了|已经办|办过了|拿到了|已经拿|批下来了|批了|已享受|在享受|享受着|在排队|排着队|在轮候|已经申请了|申请过了)/u;
// Deferred to another time or another question.
const DEFERRED_RE = /另外(?:再)?(?:问|了解|咨询|打听)|另行|单独问|回头再|以后再问|先不问|不用管/u;
// Said not to apply to the person.
const NOT_MINE_RE = /没份|没有份|(?:跟|和|与)(?:我|我们|咱们)?(?:都)?没(?:有)?关系|与(?:我|我们)?无关|不沾边|轮不到/u;
// Said not to be the question: "不是问补贴哈", "不问个人的" ("不是说博士有10万吗" is a question), or
// which of two like-named things is not meant: "(不是项目评审那个)".
const NOT_ASKED_RE = /^(?:但)?(?:我)?(?:不是问|不是想问|不问)|^(?:不是|并非)[^，,。？?]{1,12}(?:那个|那种|那类|那项)(?:哈|啊|哦)?$/u;
// A question about combining benefits needs the one already held: "在领生活补贴，还能领租房补贴吗".
const COMBINES_RE = /还能|还可以|同时|叠加|一起|重复|兼得|兼顾|冲突|影响|两个都|都能|也能|并存|另外还/u;
// A question pointing back at the benefit told of ("剩下的还发不发") is about that benefit.
const POINTS_BACK_RE = /剩下|剩余|余下|已经发的|已发的|这笔|那笔|这部分|那部分|这个钱|这钱|它/u;
// A class the person says they are not ("我是博士不是博士后", "是技师，不是高级技师"): named only to be
// denied, it would pick that class's article (博士后 over the graduates' 生活补贴). "是不是博士后" asks
// whether, and is no denial; a class followed by more words ("不是博士能领吗") is a condition, not one.
const DENIED_RE = /(?<!是)(?:而|又|也|并|可)?(?:不是|并非)(?:那个|那种)?(?:博士后|博后|高级技师|技师|博士|硕士|本科|大专|专科|[A-E]类(?:人才)?|正高|副高|特级教师)(?=$|[哈啊呀哦啦的嘛，,。;；!！?？\s)）])/gu;
// Clauses end at punctuation, parentheses, and a space between two Chinese words (WeChat's comma).
const PIECE_RE = /([^，,。;；!！?？\n()（）]+?)(?:(?<=\p{Script=Han})\s+(?=\p{Script=Han})|[，,。;；!！?？\n()（）]|$)/gu;

/**
 * The message without the clauses that set a benefit aside; the message itself when none does, or
 * when what is left names no topic of its own ("安家补贴领了两年我就离职了，剩下的还发不发": the
 * benefit told of is the one asked about).
 */
export function withoutSetAside(text: string, namesTopic: (text: string) => boolean = (t) => BENEFIT_RE.test(t)): string {
  if (!/\p{Script=Han}/u.test(text)) return text;
  const undenied = text.replace(DENIED_RE, '');
  const pieces = piecesOf(undenied);
  const aside = (piece: string, combining: boolean): boolean => {
    const p = piece.trim();
    if (p === '') return false;
    if (NOT_ASKED_RE.test(p)) return true;
    if (!BENEFIT_RE.test(p) || asksSomething(p)) return false;
    if (DEFERRED_RE.test(p) || NOT_MINE_RE.test(p)) return true;
    return SETTLED_RE.test(p) && !combining;
  };
  const rest = (combining: boolean): string => joined(pieces.filter((m) => !aside(m[1] ?? '', combining)));
  const combining = COMBINES_RE.test(rest(false));
  const kept = rest(combining);
  // Nothing is set aside when nothing would be left to answer.
  return kept !== '' && kept !== text && namesTopic(kept) && !POINTS_BACK_RE.test(kept) ? kept : text;
}

/**
 * The message without the clauses saying what is not asked ("(不是问博士后个人的)"): they state no
 * fact of the person's, so the 博士后 in them must not make the person a post-doc.
 */
export function withoutDisowned(text: string): string {
  if (!/\p{Script=Han}/u.test(text)) return text;
  const kept = joined(piecesOf(text).filter((m) => !NOT_ASKED_RE.test((m[1] ?? '').trim())));
  return kept !== '' ? kept : text;
}

/** The clauses of a message, each with the mark that ends it. */
function piecesOf(text: string): RegExpMatchArray[] {
  return [...text.matchAll(PIECE_RE)].filter((m) => m[0] !== '');
}

/** Clauses kept, joined again: no mark left at the start, no bracket left open by a clause taken out. */
function joined(pieces: readonly RegExpMatchArray[]): string {
  return pieces.map((m) => m[0]).join('').replace(/^[\s，,。;；]+/u, '').replace(/[(（](?![^(（]*[)）])/gu, '').trim();
}
