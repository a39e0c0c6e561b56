// Where two versions of a sentence differ, for highlighting. The sentences are cut into tokens (a whole
// number is one token, every other character is one) and compared by longest common subsequence, so
// 硕士3万元、博士10万元 → 硕士5万元、博士15万元 marks "3"/"5" and "10"/"15", and nothing between.

/** A run of a sentence, changed or kept. */
export interface Segment {
  text: string;
  changed: boolean;
}

const TOKEN = /[0-9\uFF10-\uFF19]+(?:[.\uFF0E][0-9\uFF10-\uFF19]+)?|[\s\S]/gu;

/** Joins neighbouring tokens of the same kind into segments. */
function segments(tokens: readonly string[], kept: readonly boolean[]): Segment[] {
  const out: Segment[] = [];
  tokens.forEach((text, i) => {
    const changed = !kept[i];
    const last = out[out.length - 1];
    if (last && last.changed === changed) last.text += text;
    else out.push({ text, changed });
  });
  return out;
}

/** The two sentences as segments, the tokens the other lacks marked changed. */
export function diffSentence(before: string, after: string): { before: Segment[]; after: Segment[] } {
  const a = before.match(TOKEN) ?? [];
  const b = after.match(TOKEN) ?? [];
  // lcs[i][j]: common length of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const keptA = new Array<boolean>(a.length).fill(false);
  const keptB = new Array<boolean>(b.length).fill(false);
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      keptA[i++] = true;
      keptB[j++] = true;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) i += 1;
    else j += 1;
  }
  return { before: segments(a, keptA), after: segments(b, keptB) };
}

/** How much of the longer sentence the two share (0–1). */
function likeness(a: string, b: string): number {
  const d = diffSentence(a, b);
  const shared = d.after.filter((s) => !s.changed).reduce((n, s) => n + [...s.text].length, 0);
  return shared / Math.max([...a].length, [...b].length, 1);
}

/**
 * Pairs each removed sentence with the added sentence it most resembles (a sentence with a changed
 * figure), so the two can be shown one above the other; what has no close partner stays alone.
 */
export function pairSentences(removed: readonly string[], added: readonly string[]): { before?: string; after?: string }[] {
  const free = new Set(added.map((_, i) => i));
  const pairs: { before?: string; after?: string }[] = [];
  for (const before of removed) {
    let best = -1;
    let score = 0.5;
    for (const i of free) {
      const s = likeness(before, added[i]!);
      if (s > score) [best, score] = [i, s];
    }
    if (best >= 0) {
      free.delete(best);
      pairs.push({ before, after: added[best]! });
    } else pairs.push({ before });
  }
  for (const i of free) pairs.push({ after: added[i]! });
  return pairs;
}

// Amounts a reader compares: a number with its unit.
const FIGURE = /\d+(?:\.\d+)?\s*(?:\u4EBF\u5143|\u4E07\u5143|\u5143|%|\u4E2A\u6708|\u5E74|\u5C81|\u5E73\u65B9\u7C73)/gu;

/** Figures (number and unit) found in one text more often than in the other: what an answer change is about. */
export function figureDifference(before: string, after: string): { before: string[]; after: string[] } {
  const count = (text: string): Map<string, number> => {
    const m = new Map<string, number>();
    for (const f of text.match(FIGURE) ?? []) m.set(f.replace(/\s+/gu, ''), (m.get(f.replace(/\s+/gu, '')) ?? 0) + 1);
    return m;
  };
  const a = count(before);
  const b = count(after);
  const only = (x: Map<string, number>, y: Map<string, number>): string[] => [...x].filter(([f, n]) => n > (y.get(f) ?? 0)).map(([f]) => f);
  return { before: only(a, b), after: only(b, a) };
}
