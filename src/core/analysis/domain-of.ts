import { askingText } from './question-analysis.js';
import { NEIGHBOUR_ANCHORS } from './neighbour-domains.js';
import { HOME_RE, otherPlacesIn } from './places.js';
import { asksJudgement } from './judgement.js';

/** The corpus's own vocabulary, as the domain reading needs it (the knowledge base provides it). */
export interface CorpusVocabulary {
  /** Whether some passage of the corpus contains the phrase. */
  uses(phrase: string): boolean;
  /**
   * The corpus topics a text names: its terms that occur in a title or an article or section heading
   * and are not generic (not in most passages, as 人才, 补贴 and 申请 are).
   */
  topicsIn(text: string): string[];
  /** Whether a passage one of the topics heads (its title or a heading names the topic) contains the phrase. */
  usesUnder(phrase: string, topics: readonly string[]): boolean;
  /**
   * Whether a term is the whole name an article goes by: a heading, cut at spaces and punctuation, that heads
   * one article and its guide at most (安家补贴, 子女入学); not a word from a longer heading (外国人 in
   * 外国人工作许可与居留) nor a section name every guide repeats (申请材料).
   */
  namesArticle(term: string): boolean;
  /** The text's terms of two characters or more that only a few passages use (one article and its guide). */
  distinctiveTerms(text: string): string[];
  /** The corpus's terms for a phrase people use (派出所 → 落户), as the glossary gives them. */
  meaningOf(phrase: string): string[];
  /**
   * The names of the corpus's texts a text says itself: article and guide names, aliases, coined names and
   * what people call a text (人才认定 for the recognition guide), as the search reads them.
   */
  textsNamed(text: string): string[];
  /**
   * Whether one heading segment holds both terms: 外国人 and 工作许可 in "外国人工作许可与居留", but not 材料
   * and 工作许可, which meet only in a guide's title over its "申请材料" section.
   */
  headsTogether(a: string, b: string): boolean;
}

/** Where a question belongs. */
export type DomainReading =
  | { domain: 'policy' }
  | { domain: 'neighbour'; neighbour: string; anchors: string[] }
  | { domain: 'elsewhere'; place: string }
  | { domain: 'opinion' };

// An anchor the corpus itself uses (个税 in 举才官's "打破社保、个税、户籍等限制", 护照 among materials)
// is weaker evidence of another domain than one it never uses.
const CORPUS_ANCHOR_WEIGHT = 0.5;

/**
 * Reads which domain a question belongs to, from its asking sentences: the neighbouring domains its words
 * name (weighted down where the corpus uses the word too) against the corpus topics it names
 * (heading and title terms that are not generic); another place asked about instead of the district; and
 * a judgement or advice asked about nothing the texts describe.
 * A neighbour wins only when its evidence outweighs the corpus's, so a talent question that mentions
 * tax or another city in passing stays ours.
 * `asked.namesCase`: the question names a case the articles set their terms by (a talent class: "C类人才的小孩读
 * 幼儿园…"); the passage it retrieves then speaks for that person as the question's rare words would.
 */
export function readDomain(text: string, vocabulary: CorpusVocabulary, topPassage?: string, asked: { namesCase?: boolean } = {}): DomainReading {
  const t = text.normalize('NFKC').toLowerCase();
  const focus = askingText(t);
  const elsewhere = otherPlacesIn(t).find((p) => p.owner);
  if (elsewhere && !HOME_RE.test(t)) return { domain: 'elsewhere', place: elsewhere.place };

  // A judgement or advice ("哪个城市更适合年轻人生活") is the texts' only when it weighs one of their topics.
  if (asksJudgement(focus) && vocabulary.topicsIn(focus).length === 0) return { domain: 'opinion' };

  const { found, rest } = anchorsIn(focus);
  if (found.length === 0) return { domain: 'policy' };
  const top = topPassage?.normalize('NFKC').toLowerCase();
  // A text the question calls by name is a topic like a heading's ("人才认定" names the recognition guide).
  const topics = [...new Set([...vocabulary.topicsIn(rest), ...vocabulary.textsNamed(rest).map((n) => n.normalize('NFKC').toLowerCase())])];
  // Words of an article's text count only where the question names no heading topic: "每个" shares
  // 教育人才's "每个每年" without naming anything. Either counts what the question says, not how many
  // terms cut from it the corpus knows: 外国人 is one topic, not three with 外国 and 国人 inside it.
  const spoken = spokenIn(rest, top, vocabulary).filter((w) => !onlyQualifies(focus, w, found.map((f) => f.anchor)));
  // A case the named article sets a condition on counts too: "用公积金贷款买了首套房，安家补贴还要分5年发吗" says
  // what the 安家补贴 article says of a first home (首套房 → 首套住房), so the loan words only tell how it was bought.
  const articles = topics.filter((t) => vocabulary.namesArticle(t));
  const conditions = articles.length > 0 ? vocabulary.meaningOf(rest).filter((m) => !topics.includes(m) && vocabulary.usesUnder(m, articles)) : [];
  const evidence = (topics.length > 0 ? separateIn(rest, topics).length : spoken.length) + new Set(conditions).size;
  // The retrieved passage vouches for a word only when the question's own distinctive words led there, named
  // topic or not: a heading topic as loose as 材料 would let "美国签证要准备什么材料" through on 签证's reading.
  // A word the retrieved passage states inside the very phrase the question says ("体检证明" among the work
  // permit's materials) is the corpus's phrase, whatever the word alone would name.
  const weights = found.map((f) => (top && statedAround(focus, f.anchor, top) ? 0 : anchorWeight(f.anchor, topics, spoken.length > 0 || asked.namesCase === true ? top : undefined, vocabulary)));
  const foreign = weights.reduce((sum, w) => sum + w, 0);
  // Even evidence goes to the neighbour when a word of it is one the corpus never speaks of: "外国人怎么考驾照"
  // names foreigners (a topic) but asks about the licence, which no passage speaks of. Not when the question
  // calls an article by its name: "坐门诊的医生安家补贴多少" asks for the 安家补贴, and the neighbour's word
  // says who asks.
  // A name that only says where the neighbour's thing is ("人才公寓附近的地铁站") is not what is asked.
  const named = topics.filter((t) => vocabulary.namesArticle(t) || vocabulary.textsNamed(t).length > 0);
  const namesArticle = named.some((n) => !modifiesAnchor(focus, n, found.map((f) => f.anchor)));
  const neighbourWins = foreign > evidence || (foreign === evidence && weights.some((w) => w === 1) && !namesArticle);
  if (!neighbourWins) return { domain: 'policy' };
  const neighbour = mostNamed(found.map((f) => f.domain));
  return { domain: 'neighbour', neighbour, anchors: found.map((f) => f.anchor) };
}

/**
 * How much an anchor speaks for another domain. None when the corpus speaks of the thing under a topic
 * the question names: the word stands in a passage of that topic (户籍 in the 落户 guide, 居住证 among the
 * 子女入学 materials), or the glossary reads it as that topic itself (派出所 → 落户: "人才落户要去派出所办吗"
 * asks where to apply for the corpus's 落户) or reads it as something an article the question names speaks of
 * (公交 → the 钱塘人才卡's 交通出行), or — when the question's distinctive words led to it, and `top` is then
 * given — the passage it retrieves states the word or its reading (幼儿园 → 子女入学, 签证 → 工作许可 for
 * 外国高端人才). A question naming nothing of ours gets no such help: the glossary pulls the passage it reads up
 * itself.
 * Half when the corpus uses the word elsewhere only; whole when it never does.
 */
function anchorWeight(anchor: string, topics: readonly string[], top: string | undefined, vocabulary: CorpusVocabulary): number {
  if (topics.length > 0 && vocabulary.usesUnder(anchor, topics)) return 0;
  const meanings = vocabulary.meaningOf(anchor).map((m) => m.normalize('NFKC').toLowerCase());
  if (meanings.some((m) => topics.includes(m))) return 0;
  // A reading is looser than the word (签证 reads as 工作许可 whatever the visa), so it stands under a topic only
  // where the question names an article outright: 公交 → 交通出行 in the 钱塘人才卡 article.
  const articles = topics.filter((t) => vocabulary.namesArticle(t));
  if (articles.length > 0 && meanings.some((m) => vocabulary.usesUnder(m, articles))) return 0;
  // So it does where the reading completes the heading a named topic stands in: 外国人 with 签证 (→ 工作许可) or
  // 出入境 (→ 居留) asks of "外国人工作许可与居留"; 旅游 beside them still weighs whole. A reading that only
  // repeats the topic in a longer name (子女 with 幼儿园 → 子女入学) adds nothing to it, and stays a guess.
  if (meanings.some((m) => topics.some((t) => !m.includes(t) && !t.includes(m) && vocabulary.headsTogether(t, m)))) return 0;
  if (top && (top.includes(anchor) || meanings.some((m) => top.includes(m)))) return 0;
  return vocabulary.uses(anchor) ? CORPUS_ANCHOR_WEIGHT : 1;
}

// How far a phrase around a neighbour's word reaches: two characters, a word of Chinese (体检 + 证明).
const AROUND = 2;

/**
 * Whether the passage states the word together with the Han characters next to it in the text: "体检证明" in
 * "体检证明还没出来" and in a materials list, where "体检" alone would be a doctor's matter.
 */
function statedAround(text: string, word: string, passage: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    const before = text.slice(Math.max(0, at - AROUND), at);
    const after = text.slice(at + word.length, at + word.length + AROUND);
    const han = (x: string): boolean => x.length === AROUND && /^\p{Script=Han}+$/u.test(x);
    if (han(after) && passage.includes(word + after)) return true;
    if (han(before) && passage.includes(before + word)) return true;
  }
  return false;
}

// Where a thing is, relative to a named one: "人才公寓附近的", "人才公寓门口的".
const LOCATIVE = '(?:附近|旁边|周边|周围|门口|楼下|边上|对面|那边|那儿|这边)';

/**
 * Whether a name only modifies a neighbour's word: in "人才公寓附近的地铁站" the head of the phrase is the
 * station, and the apartment says where it is. A name followed by 的 (or a place word) and, within a few
 * characters, an anchor is such a modifier; "人才公寓的房租能用公积金付吗" asks of the rent, not of the fund.
 */
function modifiesAnchor(text: string, name: string, anchors: readonly string[]): boolean {
  if (anchors.length === 0) return false;
  const escape = (x: string): string => x.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
  const re = new RegExp(`${escape(name)}(?:${LOCATIVE}的?|的)[^\\s,.;!?，。；！？]{0,3}(?:${anchors.map(escape).join('|')})`, 'u');
  return re.test(text);
}

/**
 * Whether a word only qualifies a neighbour's word, wherever the text says it: "公办幼儿园" is a kind of
 * kindergarten, though 公办 is a word of the 子女入学 article ("统筹安排公办学校").
 */
function onlyQualifies(text: string, word: string, anchors: readonly string[]): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    const after = text.slice(at + word.length);
    if (!anchors.some((a) => after.startsWith(a))) return false;
  }
  return true;
}

/**
 * The corpus's own specific words the question shares with the passage it retrieves: "统筹安排" or
 * "绿色通道" name what an article grants though no heading says so. A word
 * inside a longer one counts once (统筹 in 统筹安排).
 */
function spokenIn(rest: string, top: string | undefined, vocabulary: CorpusVocabulary): string[] {
  if (!top) return [];
  return separateIn(rest, vocabulary.distinctiveTerms(rest).filter((w) => top.includes(w)));
}

/**
 * The terms that stand apart in a text: read longest first, a term counts only where none of its
 * characters belongs to a term already counted (安家补贴 takes 安家 with it; 外国人 takes 外国 and 国人).
 */
export function separateIn(text: string, terms: readonly string[]): string[] {
  const taken = new Array<boolean>(text.length).fill(false);
  const counted: string[] = [];
  for (const term of [...new Set(terms)].sort((a, b) => b.length - a.length)) {
    let found = false;
    for (let at = text.indexOf(term); at >= 0 && term.length > 0; at = text.indexOf(term, at + 1)) {
      if (taken.slice(at, at + term.length).some(Boolean)) continue;
      taken.fill(true, at, at + term.length);
      found = true;
    }
    if (found) counted.push(term);
  }
  return counted;
}

/** The anchors in a text, and the text without them. */
function anchorsIn(text: string): { found: { anchor: string; domain: string }[]; rest: string } {
  // Every anchor of the text counts, overlapping ones too ("income tax rate" names tax twice over).
  const found = NEIGHBOUR_ANCHORS.filter((a) => matches(text, a.anchor));
  let rest = text;
  for (const a of found) rest = rest.split(a.anchor).join(' ');
  return { found, rest };
}

// English anchors match whole words ("vat" is not in "private"); Chinese ones anywhere.
function matches(text: string, anchor: string): boolean {
  if (!/[a-z]/u.test(anchor)) return text.includes(anchor);
  return new RegExp(`(?<![a-z])${anchor.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}(?![a-z])`, 'u').test(text);
}

function mostNamed(domains: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const d of domains) counts.set(d, (counts.get(d) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'other';
}
