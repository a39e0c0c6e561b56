const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/**
 * Parses a Chinese or Arabic numeral as used in article numbers (第二十五条, 第105条, 第一百零五条).
 * Returns undefined for anything that is not a whole number, so callers can reject a false heading.
 */
export function parseChineseNumber(input: string): number | undefined {
  const s = input.trim().normalize('NFKC');
  if (/^\d+$/.test(s)) return Number(s);
  if (s === '' || !/^[零〇一二两三四五六七八九十百千]+$/.test(s)) return undefined;
  let total = 0;
  let section = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch in DIGITS) {
      digit = DIGITS[ch] ?? 0;
    } else {
      const unit = ch === '十' ? 10 : ch === '百' ? 100 : 1000;
      // "十五" starts with the unit: an implicit one.
      section += (digit === 0 && section === 0 && unit === 10 ? 1 : digit) * unit;
      digit = 0;
    }
  }
  total += section + digit;
  return total;
}

const SMALL = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** Writes 1–999 as a Chinese numeral the way article numbers are written (二十五, 一百零五). */
export function toChineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999) return String(n);
  if (n < 10) return SMALL[n] ?? String(n);
  if (n < 20) return `十${n % 10 === 0 ? '' : SMALL[n % 10]}`;
  if (n < 100) return `${SMALL[Math.floor(n / 10)]}十${n % 10 === 0 ? '' : SMALL[n % 10]}`;
  const rest = n % 100;
  const head = `${SMALL[Math.floor(n / 100)]}百`;
  if (rest === 0) return head;
  return rest < 10 ? `${head}零${SMALL[rest]}` : `${head}${rest < 20 ? '一' : ''}${toChineseNumber(rest)}`;
}
