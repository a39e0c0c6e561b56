import { describe, expect, it } from 'vitest';
import { createKeyScanner, LATIN_WORD_BOUNDARY, wordBoundary } from '../../../src/core/analysis/key-scanner.js';

describe('createKeyScanner', () => {
  it('finds every key that occurs, overlapping ones included, as ascending indices', () => {
    const scanner = createKeyScanner(['补贴', '租房补贴', '租房', '购房']);
    expect(scanner.matches('我想问租房补贴')).toEqual([0, 1, 2]);
    expect(scanner.matches('今天天气')).toEqual([]);
  });

  it('reports a key once however often it occurs, and duplicate keys each', () => {
    expect(createKeyScanner(['补贴', '补贴']).matches('补贴和补贴')).toEqual([0, 1]);
  });

  it('matches whole words only with a word boundary', () => {
    const scanner = createKeyScanner(['rent', 'rent subsidy', '21 measures'], LATIN_WORD_BOUNDARY);
    expect(scanner.matches('the rent subsidy')).toEqual([0, 1]);
    expect(scanner.matches('my parent is current')).toEqual([]);
    expect(scanner.matches('rent2 and the 21 measures.')).toEqual([0, 2]);
    const alnum = createKeyScanner(['b2'], wordBoundary((c) => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)));
    expect(alnum.matches('b22')).toEqual([]);
    expect(alnum.matches('类b2人才')).toEqual([0]);
  });

  it('matches an empty key wherever the boundary allows', () => {
    expect(createKeyScanner(['']).matches('')).toEqual([0]);
    expect(createKeyScanner([''], LATIN_WORD_BOUNDARY).matches('abc')).toEqual([]);
    expect(createKeyScanner([''], LATIN_WORD_BOUNDARY).matches('ab c')).toEqual([]);
    expect(createKeyScanner([''], LATIN_WORD_BOUNDARY).matches('ab  c')).toEqual([0]);
  });
});
