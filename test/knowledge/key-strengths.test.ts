import { describe, expect, it } from 'vitest';
import { KeyStrengths } from '../../src/knowledge/key-strengths.js';

describe('KeyStrengths', () => {
  it('gives a key the highest strength of the sets holding it, and none to a key no set holds', () => {
    const s = new KeyStrengths();
    s.raise(new Set(['a', 'b']), 0.5);
    s.raise(new Set(['b', 'c']), 1);
    s.raise(new Set(['c']), 0.5);
    expect(s.get('a')).toBe(0.5);
    expect(s.get('b')).toBe(1);
    expect(s.get('c')).toBe(1);
    expect(s.get('d')).toBeUndefined();
    expect(s.has('a')).toBe(true);
    expect(s.has('d')).toBe(false);
  });

  it('iterates like a map filled set by set: keys in the order first raised, each once', () => {
    const s = new KeyStrengths();
    s.raise(new Set(['x', 'y']), 1);
    s.raise(new Set(['z', 'x']), 2);
    expect([...s]).toEqual([['x', 2], ['y', 1], ['z', 2]]);
    expect(s.size).toBe(3);
    expect([...s.keys()]).toEqual(['x', 'y', 'z']);
    expect([...s.values()]).toEqual([2, 1, 2]);
    const seen: string[] = [];
    s.forEach((v, k) => seen.push(`${k}=${v}`));
    expect(seen).toEqual(['x=2', 'y=1', 'z=2']);
  });

  it('sees a set raised after it was iterated', () => {
    const s = new KeyStrengths();
    s.raise(new Set(['a']), 1);
    expect(s.size).toBe(1);
    s.raise(new Set(['b']), 0.5);
    expect(Object.fromEntries(s)).toEqual({ a: 1, b: 0.5 });
  });

  it('is empty when nothing was raised or only empty sets were', () => {
    const s = new KeyStrengths();
    s.raise(new Set(), 1);
    expect(s.size).toBe(0);
    expect(s.get('a')).toBeUndefined();
  });
});
