import type { TypoRepair } from '../core/ports/question-canonicalizer.js';
import type { WordFrequency } from './common-words.js';
import { charReading, wordReadings } from './pinyin-readings.js';
import { lookAlikes } from './similar-characters.js';

/** The words a question's typos are repaired towards, and the words that are never changed. */
export interface RepairVocabulary {
  /** Terms of the indexed texts (jieba cuts) with the number of passages each occurs in. */
  corpus: Iterable<readonly [string, number]>;
  /** Terms that name something of the domain whatever their count: glossary terms, headings. */
  named: Iterable<string>;
  /** General frequency of a word (jieba's dictionary). */
  frequency: WordFrequency;
}

/** Repairs a question's typos against the corpus's vocabulary. */
export interface TypoRepairer {
  /** The text with its typos repaired, and the repairs made (positions in the repaired text). */
  repair(text: string): { text: string; repairs: TypoRepair[] };
  /** Number of words repairs can lead to. */
  readonly targets: number;
}

/** A word the corpus uses in at least this many passages is a repair target. */
const MIN_PASSAGES = 2;
/** A multi-character word this frequent in general usage is a word as typed, never a typo. */
const COMMON_WORD = 20;
/** A single character this frequent stands as a word of its own (是, 在, 想, 做; not 家, 站, 补). */
const WORD_CHAR = 50_000;
/** Longest span compared with the vocabulary. */
const MAX_SPAN = 10;
/** Longest word looked for when telling which characters of a question already form words. */
const WORD_SPAN = 6;
/** Most repairs in one question: beyond a few, the text is more likely right and the vocabulary wrong. */
const MAX_REPAIRS = 3;

interface Target {
  /** The character the target has where the typed span differs. */
  char: string;
  /** The target word. */
  word: string;
  /** Passages using it (named terms count as frequent). */
  weight: number;
}

interface Candidate {
  start: number;
  length: number;
  at: number;
  to: string;
  word: string;
  weight: number;
  sound: boolean;
}

const HAN_RUN = /\p{Script=Han}+/gu;
const HAN_ONLY = /^\p{Script=Han}+$/u;
const HIGH_SURROGATE = /[\uD800-\uDBFF]/;

/**
 * Builds the repairer once per corpus. A span of the question that is not a word (neither the
 * corpus's nor a common one) and becomes a frequent corpus word by changing one character to a
 * sound-alike (same pinyin, tone ignored) or a look-alike is repaired: 工做站 → 工作站, 技帅 → 技师.
 *
 * It stays conservative because a wrong repair changes what the person asked:
 * - the changed character must not belong to a word the question already has (生火 in 生火补贴 is a
 *   word, so 火 stays), and a span that is itself a word is never changed;
 * - another character of the span must be stranded too (not part of any word): a typo leaves its
 *   neighbours without a word, a correct character next to a complete word (工作是…) does not;
 * - a character that is a word by itself (是, 想) is changed only inside a span of three or more;
 * - longer targets win, then sound-alikes over look-alikes, then the more frequent word; at most a
 *   few repairs per question; digits and Latin letters are never touched.
 */
export function createTypoRepairer(vocabulary: RepairVocabulary): TypoRepairer {
  const known = new Set<string>();
  const weights = new Map<string, number>();
  for (const [term, passages] of vocabulary.corpus) {
    if (term.length < 2 || !HAN_ONLY.test(term)) continue;
    known.add(term);
    if (passages >= MIN_PASSAGES && term.length <= MAX_SPAN) weights.set(term, passages);
  }
  for (const term of vocabulary.named) {
    if (term.length < 2 || term.length > MAX_SPAN || !HAN_ONLY.test(term)) continue;
    known.add(term);
    weights.set(term, Math.max(weights.get(term) ?? 0, MIN_PASSAGES));
  }
  // Every target once per position, keyed by the target with that position blanked: a typed span
  // and a target that differ at most there share the key, so one lookup per position finds them.
  const byPattern = new Map<string, Target[]>();
  const targetChars = new Set<string>();
  let longest = 2;
  for (const [word, weight] of weights) {
    if (HIGH_SURROGATE.test(word)) continue;
    longest = Math.max(longest, word.length);
    for (const c of word) targetChars.add(c);
    for (let j = 0; j < word.length; j++) {
      const key = `${word.slice(0, j)}\u0000${word.slice(j + 1)}`;
      const list = byPattern.get(key);
      const target = { char: word[j] as string, word, weight };
      if (list) list.push(target);
      else byPattern.set(key, [target]);
    }
  }
  const isWord = (w: string): boolean => known.has(w) || vocabulary.frequency(w) >= COMMON_WORD;
  const standsAlone = (c: string): boolean => vocabulary.frequency(c) >= WORD_CHAR;
  // A target's own reading of the changed position (银行's 行 is hang), computed when first needed.
  const readingsOfWord = new Map<string, string[]>();
  const readingAt = (word: string, at: number): string | undefined => {
    let r = readingsOfWord.get(word);
    if (!r) {
      r = wordReadings(word);
      readingsOfWord.set(word, r);
    }
    return r[at];
  };

  function candidatesIn(run: string): Candidate[] {
    const n = run.length;
    // Which characters already belong to a word of the question; those are never changed.
    const covered = new Uint8Array(n);
    for (let a = 0; a < n; a++) {
      for (let len = 2; len <= WORD_SPAN && a + len <= n; len++) if (isWord(run.slice(a, a + len))) covered.fill(1, a, a + len);
    }
    // A span can become a target only if every character but the changed one occurs in some target:
    // this rules out almost every span of an ordinary question before any lookup.
    const foreign = new Uint8Array(n);
    for (let i = 0; i < n; i++) foreign[i] = targetChars.has(run[i] as string) ? 0 : 1;
    const stranded = (i: number): boolean => covered[i] === 0 && !standsAlone(run[i] as string);
    const found: Candidate[] = [];
    for (let at = 0; at < n; at++) {
      if (covered[at] === 1) continue;
      const typed = run[at] as string;
      for (let a = Math.max(0, at - longest + 1); a <= at; a++) {
        let others = 0;
        for (let k = a; k < at; k++) others += foreign[k] as number;
        if (others > 0) continue;
        for (let end = at + 1; end <= n && end - a <= longest; end++) {
          if (end - 1 > at && foreign[end - 1] === 1) break;
          const len = end - a;
          if (len < 2 || (standsAlone(typed) && len < 3)) continue;
          const list = byPattern.get(`${run.slice(a, at)}\u0000${run.slice(at + 1, end)}`);
          if (!list || isWord(run.slice(a, end))) continue;
          let neighbour = false;
          for (let k = a; k < end; k++) if (k !== at && stranded(k)) neighbour = true;
          if (!neighbour) continue;
          for (const t of list) {
            if (t.char === typed) continue;
            const reading = readingAt(t.word, at - a);
            const sound = reading !== undefined && reading !== '' && charReading(typed) === reading;
            if (!sound && !lookAlikes(typed).includes(t.char)) continue;
            found.push({ start: a, length: len, at, to: t.char, word: t.word, weight: t.weight, sound });
          }
        }
      }
    }
    return found;
  }

  return {
    targets: weights.size,
    repair(text) {
      const repairs: TypoRepair[] = [];
      let out = '';
      let last = 0;
      for (const m of text.matchAll(HAN_RUN)) {
        const run = m[0];
        if (run.length < 2 || HIGH_SURROGATE.test(run) || repairs.length >= MAX_REPAIRS) continue;
        const chosen = choose(candidatesIn(run), MAX_REPAIRS - repairs.length);
        if (chosen.length === 0) continue;
        const chars = [...run];
        for (const c of chosen) chars[c.at] = c.to;
        out += text.slice(last, m.index) + chars.join('');
        last = m.index + run.length;
        for (const c of chosen) repairs.push({ from: run.slice(c.start, c.start + c.length), to: c.word, at: m.index + c.start });
      }
      if (repairs.length === 0) return { text, repairs };
      return { text: out + text.slice(last), repairs: repairs.sort((x, y) => x.at - y.at) };
    },
  };
}

/** The best candidates whose spans do not overlap: longer targets, sound-alikes, frequent words first. */
function choose(candidates: Candidate[], room: number): Candidate[] {
  candidates.sort((x, y) => y.length - x.length || Number(y.sound) - Number(x.sound) || y.weight - x.weight || x.start - y.start);
  const taken: Candidate[] = [];
  for (const c of candidates) {
    if (taken.length >= room) break;
    if (taken.some((t) => c.start < t.start + t.length && t.start < c.start + c.length)) continue;
    taken.push(c);
  }
  return taken;
}
