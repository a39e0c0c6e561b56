import { yuanOf } from './compose-english.js';
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
  const label = (c: Change): string => (c.label && c.label.length <= 12 ? c.label : '');
  if (lang === 'en') {
    // Amounts in the English form of the translations (RMB 50,000); the case label stays as the text names it.
    const items = changes.slice(0, 6).map((c) => `${label(c) ? `${caseInEnglish(label(c))}: ` : ''}${inEnglish(c.before)} → ${inEnglish(c.after)}`);
    return `What changed: ${items.join('; ')}.`;
  }
  const items = changes.slice(0, 6).map((c) => `${label(c)}${c.before} → ${c.after}`);
  return `变化：${items.join('；')}。`;
}

/** A Chinese figure as the English translations write it: 5万元 → RMB 50,000, 70% stays, 3年 → 3 years. */
export function inEnglish(figure: string): string {
  const yuan = yuanOf(figure);
  if (yuan !== undefined) return `RMB ${yuan.toLocaleString('en-US')}`;
  const m = /^(\d+(?:\.\d+)?)\s*(个工作日|个月|周岁|年|天|平方米)$/u.exec(figure);
  if (!m) return figure;
  const unit = { 个工作日: 'working days', 个月: 'months', 周岁: 'years of age', 年: 'years', 天: 'days', 平方米: 'square metres' }[m[2] as '年'];
  return `${m[1]} ${unit}`;
}

// The case names the translations use for the Chinese labels that recur across articles.
const CASE_NAMES: readonly [RegExp, string][] = [
  [/^博士后$/u, 'postdoc'],
  [/^博士$/u, 'doctorate'],
  [/^硕士$/u, "master's degree"],
  [/^本科$/u, "bachelor's degree"],
  [/^([A-E])类(人才)?$/u, 'Category $1'],
  [/^区级(高层次)?人才$/u, 'district-level talent'],
];

/** A case label in English when it is one the texts name in every article (博士 → doctorate); else as written. */
export function caseInEnglish(label: string): string {
  for (const [re, en] of CASE_NAMES) if (re.test(label)) return label.replace(re, en);
  return label;
}
