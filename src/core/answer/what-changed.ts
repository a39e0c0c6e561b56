import { figuresAsked, wantedUnits } from '../analysis/case-of.js';
import { labelledFigures, type LabelledFigure } from '../analysis/passage-structure.js';
import type { Passage, TermSplitter } from '../ports/knowledge-port.js';

/** One figure that differs between the old and the current article. */
export interface Change {
  /** The case it belongs to ("全日制硕士学历且年龄在"), '' when unlabelled. */
  label: string;
  /** The old figure. */
  before: string;
  /** The current figure. */
  after: string;
}

const unitOf = (f: string): string => f.replace(/^[\d.]+/u, '');

/**
 * The figures that changed from the old article to the current one, paired by case label, or by
 * position among figures of the same unit when the labels differ in wording. When the question names
 * a case (硕士), only that case's figures.
 */
export function figureChanges(current: Passage, old: Passage, question: string, terms: TermSplitter): Change[] {
  const now = labelledFigures(current.text);
  const then = labelledFigures(old.text);
  const pairs: [LabelledFigure, LabelledFigure][] = [];
  const used = new Set<LabelledFigure>();
  for (const f of now) {
    const same = then.find((g) => !used.has(g) && g.label !== '' && g.label === f.label && unitOf(g.figure) === unitOf(f.figure));
    if (same) {
      used.add(same);
      pairs.push([same, f]);
    }
  }
  // Unpaired figures of one unit, equal in number on both sides, pair in order.
  for (const unit of new Set(now.map((f) => unitOf(f.figure)))) {
    const a = then.filter((g) => !used.has(g) && unitOf(g.figure) === unit);
    const b = now.filter((f) => unitOf(f.figure) === unit && !pairs.some(([, x]) => x === f));
    if (a.length > 0 && a.length === b.length) a.forEach((g, i) => pairs.push([g, b[i] as LabelledFigure]));
  }
  const changed = pairs.filter(([g, f]) => g.figure !== f.figure);
  // Only the unit asked about (年龄 → 周岁) and the case named (硕士), when the question says.
  const units = wantedUnits(question, undefined);
  const ofUnit = /岁|年龄|几年|多久|比例|几折|%/u.test(question) ? changed.filter(([, f]) => units.test(f.figure)) : changed;
  const asked = figuresAsked(question, ofUnit.map(([, f]) => f), { units: /./u, terms });
  const keep = asked.byCase ? ofUnit.filter(([, f]) => asked.figures.includes(f)) : ofUnit.length > 0 ? ofUnit : changed;
  return keep.map(([g, f]) => ({ label: f.label || g.label, before: g.figure, after: f.figure }));
}

/** "变化：硕士 40周岁 → 45周岁" — the one-line conclusion of a comparison. */
export function changeLine(changes: readonly Change[], lang: 'zh' | 'en'): string | undefined {
  if (changes.length === 0) return undefined;
  const items = changes.slice(0, 6).map((c) => `${c.label ? `${c.label.length <= 12 ? c.label : ''}` : ''}${c.before} → ${c.after}`);
  return lang === 'en' ? `What changed: ${items.join('; ')}.` : `变化：${items.join('；')}。`;
}
