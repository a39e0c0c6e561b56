import { describe, expect, it } from 'vitest';
import { createKeyScanner, LATIN_WORD_BOUNDARY, wordBoundary, wordOccurrences } from '../../../src/core/analysis/key-scanner.js';

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

describe('wordOccurrences', () => {
  const keys = ['房补', '买房补贴', '在哪', '哪个平台', '房租', '免房租'];
  const scanner = createKeyScanner(keys);
  const words = (text: string): string[] => wordOccurrences(scanner.occurrences(text)).map((o) => keys[o.index] ?? '');

  it('reports every occurrence with where it starts and ends', () => {
    expect(scanner.occurrences('房补和房补')).toEqual([
      { index: 0, start: 0, end: 2 },
      { index: 0, start: 3, end: 5 },
    ]);
  });

  it('drops a key found only inside a longer key found at the same place', () => {
    expect(words('买房补贴多少')).toEqual(['买房补贴']);
    expect(words('场地免房租吗')).toEqual(['免房租']);
    // Elsewhere in the text the shorter key is a word of its own.
    expect(words('买房补贴和房补')).toEqual(['买房补贴', '房补']);
  });

  it('keeps two keys that only overlap', () => {
    expect(words('在哪个平台申请')).toEqual(['在哪', '哪个平台']);
  });
});
