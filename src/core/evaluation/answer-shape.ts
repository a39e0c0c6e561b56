/**
 * Measures of an answer's shape: whether the figure asked for is in the first sentence, whether the
 * first sentence states another benefit's figure instead, and how long the reply is. These read the
 * reply text only (citations and source cards are not part of it).
 */

const compact = (s: string): string => s.normalize('NFKC').replace(/\s+/gu, '');

// Figures as written in the texts and answers: 10万元, 30个工作日, 50%, RMB 100,000, 3 years.
const FIGURE_RE = /\d+(?:[.,]\d+)*(?:万元|万|元|%|年|个月|个工作日|天|周岁|平方米)|RMB\d+(?:,\d{3})*/gu;

/** The reply's first sentence, without Markdown emphasis or citation markers. */
export function firstSentence(answer: string): string {
  const plain = answer.replace(/\*\*|__|^>\s?/gmu, '').replace(/\[[a-z]+\d+(?:-\d+)?(?:\s*[,，]\s*[a-z]+\d+(?:-\d+)?)*\]/gu, '').trim();
  const line = plain.split(/\n/u).find((l) => l.trim() !== '') ?? '';
  // A Chinese full stop ends a sentence; an English one only before a space (not inside "1.5").
  const end = line.search(/[。！？!?]|\.(\s|$)/u);
  return end < 0 ? line : line.slice(0, end + 1);
}

/** Whether the first sentence contains the figure (NFKC, white space removed). */
export function figureFirst(answer: string, figure: string): boolean {
  return compact(firstSentence(answer)).includes(compact(figure));
}

/** The figures a text states, normalised. */
export function figuresIn(text: string): string[] {
  return [...compact(text).matchAll(FIGURE_RE)].map((m) => m[0]);
}

/** Which citation keys state each figure, from the corpus's passages. */
export function figureOwners(passages: Iterable<{ key: string; text: string }>): Map<string, Set<string>> {
  const owners = new Map<string, Set<string>>();
  for (const p of passages) {
    for (const f of figuresIn(p.text)) {
      const set = owners.get(f) ?? new Set<string>();
      set.add(p.key);
      owners.set(f, set);
    }
  }
  return owners;
}

/**
 * A "wrong benefit" answer: its first sentence lacks the expected figure but states a figure that
 * only other articles than the expected ones carry (e.g. the rent subsidy's 3万元 for a question
 * about the living subsidy's 10万元).
 */
export function statesWrongBenefit(answer: string, expected: { figure: string; cite: readonly string[] }, owners: ReadonlyMap<string, ReadonlySet<string>>): boolean {
  if (figureFirst(answer, expected.figure)) return false;
  const matches = (key: string): boolean => expected.cite.some((c) => key === c || key.startsWith(`${c}-`) || c.startsWith(`${key}-`));
  return figuresIn(firstSentence(answer)).some((f) => {
    const keys = owners.get(f);
    return keys !== undefined && keys.size > 0 && ![...keys].some(matches);
  });
}

/** Length in characters (code points). */
export const charLength = (s: string): number => [...s].length;

/** The median of a list (NaN when empty). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
