/**
 * Strengths of citation keys given as whole sets of keys, each set with one strength: a key's strength
 * is the highest of the sets holding it. The sets are the corpus terms' own and are read, not copied:
 * a term naming a topic names thousands of passages in a large corpus, and copying them into one map
 * per question cost megabytes and milliseconds, while a search asks for the strengths of a few dozen
 * keys. Iterating (or asking the size) builds the map once, in the order copying would have.
 */
export class KeyStrengths implements ReadonlyMap<string, number> {
  private readonly groups: { keys: ReadonlySet<string>; strength: number }[] = [];
  private merged: Map<string, number> | undefined;

  /** Raises every key of `keys` to at least `strength`. */
  raise(keys: ReadonlySet<string>, strength: number): void {
    if (keys.size === 0) return;
    this.groups.push({ keys, strength });
    this.merged = undefined;
  }

  get(key: string): number | undefined {
    let best: number | undefined;
    for (const g of this.groups) if (g.keys.has(key) && (best === undefined || g.strength > best)) best = g.strength;
    return best;
  }

  has(key: string): boolean {
    return this.groups.some((g) => g.keys.has(key));
  }

  get size(): number {
    return this.all().size;
  }

  forEach(callback: (value: number, key: string, map: ReadonlyMap<string, number>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.all()) callback.call(thisArg, value, key, this);
  }

  entries(): MapIterator<[string, number]> {
    return this.all().entries();
  }

  keys(): MapIterator<string> {
    return this.all().keys();
  }

  values(): MapIterator<number> {
    return this.all().values();
  }

  [Symbol.iterator](): MapIterator<[string, number]> {
    return this.entries();
  }

  private all(): Map<string, number> {
    if (!this.merged) {
      const merged = new Map<string, number>();
      for (const g of this.groups) for (const key of g.keys) merged.set(key, Math.max(merged.get(key) ?? 0, g.strength));
      this.merged = merged;
    }
    return this.merged;
  }
}
