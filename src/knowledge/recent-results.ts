/**
 * Remembers the results of a pure function of a text for the texts seen most recently. One turn asks
 * for the same analysis of the same text from several places (the search, its confidence, follow-up
 * and topic checks, the composer's sentence choice); they share one computation without each place
 * having to pass it on. Bounded, least recently used first out, so a long conversation or a corpus
 * build cannot grow it; texts longer than `maxKeyLength` (passages at index time) are not kept.
 */
export function rememberRecent<T>(compute: (text: string) => T, options: { size: number; maxKeyLength: number }): (text: string) => T {
  const recent = new Map<string, T>();
  return (text: string): T => {
    if (text.length > options.maxKeyLength) return compute(text);
    const known = recent.get(text);
    if (known !== undefined) {
      // Re-inserted: a Map iterates in insertion order, so the first key is the least recently used.
      recent.delete(text);
      recent.set(text, known);
      return known;
    }
    const value = compute(text);
    recent.set(text, value);
    if (recent.size > options.size) recent.delete(recent.keys().next().value as string);
    return value;
  };
}
