/** Finds which of a fixed list of keys occur in a text, in one pass over the text. */
export interface KeyScanner {
  /** Indices (into the list given at creation) of the keys that occur in `text`, ascending. */
  matches(text: string): number[];
  /** Every occurrence of every key: its index in the list and where it starts and ends in `text`. */
  occurrences(text: string): KeyOccurrence[];
}

/** One place a key occurs: `text.slice(start, end)` is the key. */
export interface KeyOccurrence {
  index: number;
  start: number;
  end: number;
}

/** Where a key may start and end: always, or only where a predicate accepts the neighbouring characters. */
export interface KeyBoundary {
  /** Whether a key may start at `at` (0 … text.length). */
  start(text: string, at: number): boolean;
  /** Whether a key may end just before `at` (0 … text.length). */
  end(text: string, at: number): boolean;
}

/**
 * Indexes keys by their first character, so a scan looks at each position of the text once and
 * compares only the keys that start with the character found there, instead of searching the whole
 * text once per key (hundreds of keys, most of which never occur). Every occurrence counts, overlapping
 * ones included ("租房补贴" and "补贴" both match "租房补贴"). An empty key matches at every position
 * the boundary accepts.
 */
export function createKeyScanner(keys: readonly string[], boundary?: KeyBoundary): KeyScanner {
  const byFirst = new Map<string, { key: string; index: number }[]>();
  const empty: number[] = [];
  keys.forEach((key, index) => {
    if (key === '') {
      empty.push(index);
      return;
    }
    const first = key[0] as string;
    const list = byFirst.get(first) ?? [];
    list.push({ key, index });
    byFirst.set(first, list);
  });
  const occurrences = (text: string, firstOnly: boolean): KeyOccurrence[] => {
    const out: KeyOccurrence[] = [];
    const found = new Set<number>();
    for (let at = 0; at <= text.length; at++) {
      if (boundary && !boundary.start(text, at)) continue;
      if (empty.length > 0 && (!boundary || boundary.end(text, at))) for (const i of empty) out.push({ index: i, start: at, end: at });
      const candidates = at < text.length ? byFirst.get(text[at] as string) : undefined;
      if (!candidates) continue;
      for (const { key, index } of candidates) {
        if ((firstOnly && found.has(index)) || !text.startsWith(key, at)) continue;
        if (boundary && !boundary.end(text, at + key.length)) continue;
        found.add(index);
        out.push({ index, start: at, end: at + key.length });
      }
    }
    return out;
  };
  return {
    matches: (text) => [...new Set(occurrences(text, true).map((o) => o.index))].sort((a, b) => a - b),
    occurrences: (text) => occurrences(text, false),
  };
}

/**
 * The occurrences that are words of the text rather than parts of a longer key found there: in
 * "买房补贴" (a key of its own) the 房补 inside it, a name for the rent subsidy, is no word of the
 * text; in "免房租" the 房租 inside is not either. Keys that merely overlap ("在哪" and "哪个平台" in
 * "在哪个平台") both stand: neither contains the other.
 */
export function wordOccurrences(found: readonly KeyOccurrence[]): KeyOccurrence[] {
  return found.filter((o) => !found.some((w) => w.end - w.start > o.end - o.start && w.start <= o.start && o.end <= w.end));
}

/**
 * Whole-word boundaries: a key neither starts right after nor ends right before a word character.
 * `isWordChar` receives a UTF-16 code unit.
 */
export function wordBoundary(isWordChar: (code: number) => boolean): KeyBoundary {
  return {
    start: (text, at) => at === 0 || !isWordChar(text.charCodeAt(at - 1)),
    end: (text, at) => at === text.length || !isWordChar(text.charCodeAt(at)),
  };
}

/**
 * Whole-word boundaries for lower-case text with letters a–z as word characters, so "rent" does not
 * occur in "parent" or "current" (digits and other scripts do not join a word).
 */
export const LATIN_WORD_BOUNDARY: KeyBoundary = wordBoundary((c) => c >= 0x61 && c <= 0x7a);
