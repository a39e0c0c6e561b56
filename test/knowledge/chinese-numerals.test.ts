import { describe, expect, it } from 'vitest';
import { parseChineseNumber, toChineseNumber } from '../../src/knowledge/chinese-numerals.js';

const UNITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** Independent spelling of 1–99 as article numbers are written, to check the parser against. */
function spell(n: number): string {
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  if (tens === 0) return UNITS[ones] ?? '';
  return `${tens === 1 ? '' : UNITS[tens]}十${UNITS[ones]}`;
}

describe('parseChineseNumber', () => {
  it('reads every numeral from 一 to 九十九', () => {
    for (let n = 1; n <= 99; n++) expect(parseChineseNumber(spell(n)), spell(n)).toBe(n);
  });

  it('reads the spot values article headings use', () => {
    expect(parseChineseNumber('一')).toBe(1);
    expect(parseChineseNumber('十')).toBe(10);
    expect(parseChineseNumber('十五')).toBe(15);
    expect(parseChineseNumber('二十')).toBe(20);
    expect(parseChineseNumber('二十五')).toBe(25);
    expect(parseChineseNumber('九十九')).toBe(99);
    expect(parseChineseNumber('两')).toBe(2);
  });

  it('reads hundreds with 零 and 一十', () => {
    expect(parseChineseNumber('一百')).toBe(100);
    expect(parseChineseNumber('一百零五')).toBe(105);
    expect(parseChineseNumber('一百一十')).toBe(110);
    expect(parseChineseNumber('一百二十三')).toBe(123);
  });

  it('reads Arabic and full-width digits', () => {
    expect(parseChineseNumber('5')).toBe(5);
    expect(parseChineseNumber('105')).toBe(105);
    expect(parseChineseNumber('１２')).toBe(12);
    expect(parseChineseNumber(' 25 ')).toBe(25);
  });

  it('rejects anything that is not a whole number', () => {
    for (const s of ['', '   ', '条', '五条', 'abc', '1.5', '-3', '十a', '第五', '二十五条', '1 2']) {
      expect(parseChineseNumber(s), JSON.stringify(s)).toBeUndefined();
    }
  });
});

describe('toChineseNumber', () => {
  it('writes the usual forms', () => {
    expect(toChineseNumber(1)).toBe('一');
    expect(toChineseNumber(10)).toBe('十');
    expect(toChineseNumber(15)).toBe('十五');
    expect(toChineseNumber(20)).toBe('二十');
    expect(toChineseNumber(25)).toBe('二十五');
    expect(toChineseNumber(100)).toBe('一百');
    expect(toChineseNumber(105)).toBe('一百零五');
    expect(toChineseNumber(110)).toBe('一百一十');
    expect(toChineseNumber(120)).toBe('一百二十');
  });

  it('round-trips 1..120 through parseChineseNumber', () => {
    const seen = new Set<string>();
    for (let n = 1; n <= 120; n++) {
      const written = toChineseNumber(n);
      expect(written, String(n)).toMatch(/^[零一二三四五六七八九十百]+$/u);
      expect(parseChineseNumber(written), `${n} → ${written}`).toBe(n);
      seen.add(written);
    }
    expect(seen.size).toBe(120);
  });

  it('falls back to Arabic digits outside 0–999', () => {
    expect(toChineseNumber(1000)).toBe('1000');
    expect(toChineseNumber(2.5)).toBe('2.5');
    expect(toChineseNumber(-1)).toBe('-1');
  });
});
