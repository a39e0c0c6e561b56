import { MONTH, NUM, parseNumber, parseYear, YEAR } from './cn-number.js';
import { FACTS, type FactInfo } from './facts.js';
import { formatMonth } from './dates.js';
import type { Fact, Profile } from './types.js';

const YES = /^(?:是|是的|对|对的|嗯|有|有的|有啊|住了|在住|在|已经|已|yes|yeah|yep|right|correct|i do|i am|i have)(?:[啊呀的了,，。.!！\s]|$)/iu;
const NO = /^(?:不是|没有|没|无|否|不|还没|还没有|未|no|nope|not yet|i don't|i do not|i haven't|i am not|i'm not)(?:[啊呀的了,，。.!！\s]|$)/iu;

/**
 * Reads a short reply as the answer to the question the bot just asked: "28" to 多少周岁, "没有" to
 * 是否有自有住房, "2023年7月" to 哪年哪月毕业. Patterns that need no question (28岁) are the
 * extractor's; this covers the bare values people give once a question has named the fact.
 */
export function readAnswer(text: string, fact: Fact, today: { year: number; month: number }): Partial<Profile> {
  const t = text.normalize('NFKC').toLowerCase().trim();
  if ([...t].length > 24) return {};
  const kind = (FACTS[fact] as FactInfo).kind;
  if (kind.type === 'boolean') {
    if (NO.test(t)) return { [fact]: false };
    if (YES.test(t)) return { [fact]: true };
    return {};
  }
  if (kind.type === 'number') {
    const m = new RegExp(`^(?:大概|大约|约|差不多|满|已经|已)?(${NUM}|半)\\s*(周岁|岁|个多月|个月|月|年半|年|years?|months?)?(?:了|左右)?[。.!！]?$`, 'u').exec(t);
    if (!m?.[1]) return {};
    let n = m[1] === '半' ? 0.5 : parseNumber(m[1]);
    if (n === undefined) return {};
    const unit = m[2] ?? '';
    if (fact === 'insuranceMonths' && /^(?:年|year)/u.test(unit)) n = n * 12 + (unit === '年半' ? 6 : 0);
    if (fact === 'age' && (n < 16 || n > 80)) return {};
    return { [fact]: Math.round(n) };
  }
  if (kind.type === 'month') {
    const m = new RegExp(`^(${YEAR})\\s*(?:年|[.\\-/])\\s*(?:(${MONTH})\\s*月?份?)?(?:的时候|左右)?[。.!！]?$`, 'u').exec(t);
    if (!m?.[1]) return {};
    const year = parseYear(m[1]);
    const month = m[2] ? parseNumber(m[2]) : undefined;
    if (year === undefined || year < 1950 || year > today.year + 1) return {};
    // A year alone: graduation is read as June, a start in the district as January (see the extractors).
    if (month === undefined && fact !== 'graduated' && fact !== 'arrived') return {};
    return { [fact]: formatMonth({ year, month: month ?? (fact === 'graduated' ? 6 : 1) }) };
  }
  if (fact === 'category') {
    const m = /^([a-e])(?:类)?(?:人才)?[。.!！]?$/u.exec(t);
    if (m?.[1]) return { category: m[1].toUpperCase() as Profile['category'] & string, recognised: true };
  }
  return {};
}
