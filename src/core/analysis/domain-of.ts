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
 */
export function readDomain(text: string, vocabulary: CorpusVocabulary): DomainReading {
  const t = text.normalize('NFKC').toLowerCase();
  const focus = askingText(t);
  const elsewhere = otherPlacesIn(t).find((p) => p.owner);
  if (elsewhere && !HOME_RE.test(t)) return { domain: 'elsewhere', place: elsewhere.place };

  // A judgement or advice ("哪个城市更适合年轻人生活") is the texts' only when it weighs one of their topics.
  if (asksJudgement(focus) && vocabulary.topicsIn(focus).length === 0) return { domain: 'opinion' };

  const { found, rest } = anchorsIn(focus);
  if (found.length === 0) return { domain: 'policy' };
  const weights = found.map((f) => (vocabulary.uses(f.anchor) ? CORPUS_ANCHOR_WEIGHT : 1));
  const foreign = weights.reduce((sum, w) => sum + w, 0);
  const topics = vocabulary.topicsIn(rest).length;
  // Even evidence goes to the neighbour only when the corpus never uses its words: "外国人怎么考驾照"
  // names foreigners (a topic) but asks about the licence, which no passage speaks of.
  const neighbourWins = foreign > topics || (foreign === topics && weights.every((w) => w === 1));
  if (!neighbourWins) return { domain: 'policy' };
  const neighbour = mostNamed(found.map((f) => f.domain));
  return { domain: 'neighbour', neighbour, anchors: found.map((f) => f.anchor) };
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
