// Where two versions of a sentence differ, for highlighting: the common start and end are kept, the
// middle is marked. A cut never splits a number, so 10万元 → 15万元 marks "10" and "15", not "0" and "5".

/** A sentence cut into the unchanged start, the changed middle and the unchanged end. */
export interface SentenceCut {
  head: string;
  middle: string;
  tail: string;
}

const isDigit = (c: string | undefined): boolean => c !== undefined && /[0-9０-９.．]/u.test(c);

/** Cuts `before` and `after` around their changed middles. */
export function cutChanged(before: string, after: string): { before: SentenceCut; after: SentenceCut } {
  const a = [...before];
  const b = [...after];
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end += 1;
  // Widen to whole numbers on both sides.
  while (start > 0 && isDigit(a[start - 1]) && (isDigit(a[start]) || isDigit(b[start]))) start -= 1;
  while (end > 0 && isDigit(a[a.length - end]) && (isDigit(a[a.length - end - 1]) || isDigit(b[b.length - end - 1]))) end -= 1;
  const cut = (chars: string[]): SentenceCut => ({
    head: chars.slice(0, start).join(''),
    middle: chars.slice(start, chars.length - end).join(''),
    tail: chars.slice(chars.length - end).join(''),
  });
  return { before: cut(a), after: cut(b) };
}

/** How much of two sentences is shared start and end (0–1). */
function likeness(a: string, b: string): number {
  const cut = cutChanged(a, b);
  const shared = [...cut.before.head].length + [...cut.before.tail].length;
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
    let score = 0.4;
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
