import { figuresAsked } from '../analysis/case-of.js';
import { labelledFigures, type LabelledFigure } from '../analysis/passage-structure.js';
import { yuanWords } from '../eligibility/amount-share.js';

/**
 * A total asked of one article ("一共能拿多少", "加上…一共"): the sum of the figures the question names,
 * a yearly figure counted over the longest term the same sentence states (每年3万元，最长享受3年 → 3万元×3年).
 * Every term is a figure the article states, and the sum is shown with its terms so the figure check
 * can redo it. Nothing is summed that the text does not settle: a yearly figure without a stated term,
 * a count the person names that differs from the term, a share, or a figure of a case not named.
 */

// A total asked, in money: not "一共几年".
const TOTAL_RE = /一共|总共|合计|共计|总计|加起来|加上|累计|in total|in all|altogether|combined/iu;
const NOT_MONEY_RE = /几年|多少年|多久|多长|几个月|几天|how (long|many years)/iu;
// The pieces a question joins ("进站的生活补贴加上出站留区的"): each names its own figure.
const JOIN_RE = /加上|再加|还有|以及|和|与|跟|\+|plus|and/iu;
const MONEY_RE = /^(\d+(?:\.\d+)?)(亿元|万元|元)$/u;
const CN_DIGIT: Record<string, number> = { 一: 1, 两: 2, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** Whether a question asks for a sum of money over figures or years. */
export function asksTotal(question: string): boolean {
  const q = question.normalize('NFKC');
  return TOTAL_RE.test(q) && !NOT_MONEY_RE.test(q);
}

/**
 * The words of an earlier part that a total asked after it sums over: "进站博士后的生活补贴最多拿几年，
 * 加起来多少" sums the living allowance the first part names; its asking of years is no part of the sum.
 */
export function totalSubject(earlier: string): string {
  return earlier.normalize('NFKC').replace(new RegExp(NOT_MONEY_RE.source, 'giu'), '');
}

/** The yuan of a figure as written (10万元 → 100000); undefined for a share or a non-money figure. */
function yuanOf(figure: string): number | undefined {
  const m = MONEY_RE.exec(figure);
  if (!m?.[1]) return undefined;
  return Number(m[1]) * (m[2] === '亿元' ? 100_000_000 : m[2] === '万元' ? 10_000 : 1);
}

/** The longest term a yearly figure's sentence states after it ("每年10万元，最长2年" → 2). */
function termOf(f: LabelledFigure): number | undefined {
  const after = f.sentence.slice(f.sentence.indexOf(f.figure, f.context.length) + f.figure.length);
  const m = /^[^。；]*?最长(?:享受|补贴|资助)?\s*(\d+)\s*年/u.exec(after);
  return m?.[1] ? Number(m[1]) : undefined;
}

/** The year counts a question names ("进站两年", "3年"). */
function yearsSaid(question: string): number[] {
  return [...question.normalize('NFKC').matchAll(/(\d+|[一两二三四五六七八九十])\s*(?:个)?(?:整)?年(?!龄|纪|级|底|初|内|以[上下内])/gu)].map((m) => CN_DIGIT[m[1] ?? ''] ?? Number(m[1]));
}

export interface FigureTotal {
  /** The total in the text's words, e.g. 60万元. */
  total: string;
  /** The terms, shown: 每年10万元×2年, 一次性40万元. */
  terms: string[];
  /** A yearly figure was counted over its longest term: the total is a maximum. */
  atMost: boolean;
  /** The figures summed. */
  figures: LabelledFigure[];
}

/**
 * The total a question asks of a passage, or undefined when the passage does not settle it. A single
 * yearly figure with its term is a total too (博士每年3万元，最长3年 → 9万元); a single one-off figure is not
 * (there is nothing to add).
 */
export function figureTotal(question: string, text: string, terms: (text: string) => string[], known: readonly string[] = []): FigureTotal | undefined {
  if (!asksTotal(question)) return undefined;
  const money = labelledFigures(text).filter((f) => yuanOf(f.figure) !== undefined);
  if (money.length === 0) return undefined;
  const options = { units: /元$/u, terms, known };
  const pieces = question.normalize('NFKC').split(JOIN_RE).filter((p) => p.trim() !== '');
  let chosen: LabelledFigure[] = [];
  if (pieces.length > 1) {
    // Each piece must name exactly one figure of its own; otherwise the sum is not what was asked.
    for (const piece of pieces) {
      const asked = figuresAsked(piece, money, options);
      if (!asked.byCase) continue;
      if (asked.figures.length !== 1) return undefined;
      chosen.push(asked.figures[0] as LabelledFigure);
    }
    chosen = [...new Set(chosen)];
  } else {
    const asked = money.length === 1 ? { figures: money, byCase: true } : figuresAsked(question, money, options);
    chosen = asked.byCase && asked.figures.length === 1 ? asked.figures : [];
  }
  if (chosen.length === 0) return undefined;
  const said = yearsSaid(question);
  let sum = 0;
  let atMost = false;
  const shown: string[] = [];
  for (const f of chosen) {
    const yuan = yuanOf(f.figure) as number;
    if (f.period === '每年') {
      const years = termOf(f);
      // A count the person names that is not the term is their own case: the text does not settle it.
      if (years === undefined || said.some((n) => n !== years)) return undefined;
      sum += yuan * years;
      atMost = true;
      shown.push(`${f.label}每年${f.figure}×${years}年`);
    } else if (f.period === '一次性' || f.period === '') {
      sum += yuan;
      shown.push(`${f.label}${f.period}${f.figure}`);
    } else return undefined;
  }
  // One one-off figure is its own total: nothing was added.
  if (chosen.length === 1 && !atMost) return undefined;
  return { total: yuanWords(sum), terms: shown, atMost, figures: chosen };
}

/** The total in one sentence, its terms shown: 最多合计60万元（每年10万元×2年+一次性40万元）. */
export function totalWords(t: FigureTotal): string {
  return `${t.atMost ? '最多' : ''}合计${t.total}（${t.terms.join('+')}）`;
}
