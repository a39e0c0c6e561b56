import { labelledFigures, passageSentences } from '../core/analysis/passage-structure.js';
import type { Chunk } from '../knowledge/types.js';

/** A figure that differs between two versions of an article. */
export interface FigureChange {
  /** The case it belongs to (博士, A类人才), '' when the text names none. */
  label: string;
  /** The figure before, e.g. 5万元 ('' when the case is new). */
  before: string;
  /** The figure after, e.g. 10万元 ('' when the case is gone). */
  after: string;
}

/** How one article differs. */
export interface ArticleChange {
  /** Citation key. */
  key: string;
  /** Heading (the new one when the article remains). */
  heading: string;
  change: 'added' | 'removed' | 'changed';
  /** Sentences only in the old text. */
  removedSentences: string[];
  /** Sentences only in the new text. */
  addedSentences: string[];
  /** Changed figures, per case. */
  figures: FigureChange[];
}

interface Article {
  heading: string;
  text: string;
}

function articles(chunks: readonly Chunk[]): Map<string, Article> {
  const out = new Map<string, Article>();
  for (const c of chunks) {
    const a = out.get(c.key);
    out.set(c.key, a ? { heading: a.heading, text: `${a.text}\n${c.text}` } : { heading: c.heading, text: c.text });
  }
  return out;
}

// White space and full-width/half-width punctuation do not make a sentence different.
const norm = (s: string): string => s.normalize('NFKC').replace(/\s+/gu, '');

/** Compares two versions of a document article by article (by citation key, in the new order, removed ones last). */
export function diffArticles(before: readonly Chunk[], after: readonly Chunk[]): ArticleChange[] {
  const old = articles(before);
  const now = articles(after);
  const out: ArticleChange[] = [];
  for (const [key, a] of now) {
    const b = old.get(key);
    if (!b) {
      out.push({ key, heading: a.heading, change: 'added', removedSentences: [], addedSentences: passageSentences(a.text), figures: figureChanges('', a.text) });
      continue;
    }
    if (norm(a.text) === norm(b.text) && norm(a.heading) === norm(b.heading)) continue;
    const oldSentences = passageSentences(b.text);
    const newSentences = passageSentences(a.text);
    const oldSet = new Set(oldSentences.map(norm));
    const newSet = new Set(newSentences.map(norm));
    out.push({
      key, heading: a.heading, change: 'changed',
      removedSentences: oldSentences.filter((s) => !newSet.has(norm(s))),
      addedSentences: newSentences.filter((s) => !oldSet.has(norm(s))),
      figures: figureChanges(b.text, a.text),
    });
  }
  for (const [key, b] of old) {
    if (!now.has(key)) out.push({ key, heading: b.heading, change: 'removed', removedSentences: passageSentences(b.text), addedSentences: [], figures: figureChanges(b.text, '') });
  }
  return out;
}

/**
 * The figures that differ, matched by case label (and order within a label): "博士10万元" → "博士15万元"
 * is one change; a figure only in one version is a change from or to ''.
 */
export function figureChanges(beforeText: string, afterText: string): FigureChange[] {
  const group = (text: string): Map<string, string[]> => {
    const m = new Map<string, string[]>();
    for (const f of labelledFigures(text)) m.set(f.label, [...(m.get(f.label) ?? []), f.figure]);
    return m;
  };
  const b = group(beforeText);
  const a = group(afterText);
  const out: FigureChange[] = [];
  for (const label of new Set([...b.keys(), ...a.keys()])) {
    const olds = b.get(label) ?? [];
    const news = a.get(label) ?? [];
    // Figures present in both (same label, same value) are unchanged wherever they moved.
    const left = [...olds];
    const added: string[] = [];
    for (const f of news) {
      const i = left.indexOf(f);
      if (i >= 0) left.splice(i, 1);
      else added.push(f);
    }
    const n = Math.max(left.length, added.length);
    for (let i = 0; i < n; i += 1) out.push({ label, before: left[i] ?? '', after: added[i] ?? '' });
  }
  return out;
}
