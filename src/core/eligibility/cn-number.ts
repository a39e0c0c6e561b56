const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** A regex source for a number as people write it: 28, 1.5, 二十八, 两, 三十五. */
export const NUM = '(?:\\d+(?:\\.\\d+)?|[零〇一二两三四五六七八九十百]+)';

/** A regex source for a year: 2023, 23, 二〇二三, 二三. */
export const YEAR = '(?:\\d{4}|\\d{2}|[零〇一二三四五六七八九]{4}|[零〇一二三四五六七八九]{2})';

/** A regex source for a month number: 3, 03, 十一. */
export const MONTH = '(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])';

const ENGLISH: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
};

/** A regex source for a small English number word or digits. */
export const EN_NUM = `(?:\\d+(?:\\.\\d+)?|${Object.keys(ENGLISH).join('|')})`;

/** Parses Arabic digits, a Chinese numeral (二十八, 十五, 一百) or a small English number word. */
export function parseNumber(input: string): number | undefined {
  const s = input.trim();
  if (/^\d+(?:\.\d+)?$/u.test(s)) return Number(s);
  if (Object.hasOwn(ENGLISH, s)) return ENGLISH[s];
  if (s === '' || !/^[零〇一二两三四五六七八九十百]+$/u.test(s)) return undefined;
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch === '十' || ch === '百') {
      const unit = ch === '十' ? 10 : 100;
      // "十五" starts with its unit: an implicit one.
      total += (digit === 0 ? 1 : digit) * unit;
      digit = 0;
    } else {
      digit = DIGITS[ch] ?? 0;
    }
  }
  return total + digit;
}

/** Parses a year as written (2023, 23, 二〇二三, 二三); two digits mean 20xx. */
export function parseYear(input: string): number | undefined {
  const s = input.trim();
  const digits = /^\d+$/u.test(s) ? s : /^[零〇一二三四五六七八九]+$/u.test(s) ? [...s].map((c) => String(DIGITS[c] ?? 0)).join('') : undefined;
  if (digits === undefined) return undefined;
  if (digits.length === 2) return 2000 + Number(digits);
  return digits.length === 4 ? Number(digits) : undefined;
}
