import { MONTH, parseNumber, parseYear, YEAR } from './cn-number.js';
import { formatMonth } from './dates.js';
import { isGeneralMention, matchesOf, type ExtractContext } from './extract-context.js';

const RELATIVE_YEAR: Record<string, number> = { 今年: 0, 去年: 1, 前年: 2, 大前年: 3 };
const WHEN = `(?:(${YEAR})年|(大前年|前年|去年|今年))(${MONTH})月份?`;
const GAP = '[^,，。;；!?！？\\d]{0,14}?';
const EN_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function monthOf(m: RegExpExecArray, today: { year: number }): string | undefined {
  const year = m[1] ? parseYear(m[1]) : today.year - (RELATIVE_YEAR[m[2] ?? ''] ?? 0);
  const month = m[3] ? parseNumber(m[3]) : undefined;
  if (year === undefined || month === undefined || year < 1990 || year > today.year) return undefined;
  return formatMonth({ year, month });
}

/**
 * 2025年3月认定为D类人才, 去年5月被认定: the month of recognition, which starts the 安家补贴 filing window.
 * Only a stated month counts: the window is one year, so a year alone could put it on either side.
 */
export function extractRecognisedAt(ctx: ExtractContext): void {
  const { text, today } = ctx;
  for (const m of matchesOf(text, new RegExp(`${WHEN}${GAP}(?:被|获|获得)?(?:人才)?认定`, 'gu'))) {
    if (isGeneralMention(text, m.index, m.index + m[0].length)) continue;
    const at = monthOf(m, today);
    if (at) return void ctx.set('recognisedAt', at);
  }
  const en = new RegExp(`recogni[sz]ed (?:as [a-z -]{1,30}?)?\\s*in (${EN_MONTHS.join('|')}) (\\d{4})`, 'u').exec(text);
  if (en?.[1] && en[2]) {
    const year = Number(en[2]);
    if (year >= 1990 && year <= today.year) ctx.set('recognisedAt', formatMonth({ year, month: EN_MONTHS.indexOf(en[1]) + 1 }));
  }
}

/**
 * 2026年10月进了…博士后工作站, 今年3月进站: the person is a postdoc in a station, since that month
 * (the 3-month filing window of qt25-13 starts then).
 */
export function extractPostdocSince(ctx: ExtractContext): void {
  const { text, today } = ctx;
  const re = new RegExp(`${WHEN}${GAP}(?:进站|进了?${GAP}博士后(?:科研)?工作站|(?:进入|加入)${GAP}博士后(?:科研)?工作站)`, 'gu');
  for (const m of matchesOf(text, re)) {
    if (isGeneralMention(text, m.index, m.index + m[0].length)) continue;
    const at = monthOf(m, today);
    if (!at) continue;
    ctx.set('postdocSince', at);
    ctx.set('postdoc', true);
    return;
  }
  const en = new RegExp(`(?:joined|entered|started)\\s+(?:a |the |my )?(?:[a-z-]+\\s+){0,3}postdoc(?:toral)?(?: station| position)?\\s+in\\s+(${EN_MONTHS.join('|')})\\s+(\\d{4})`, 'u').exec(text);
  if (en?.[1] && en[2]) {
    const year = Number(en[2]);
    if (year < 1990 || year > today.year) return;
    ctx.set('postdocSince', formatMonth({ year, month: EN_MONTHS.indexOf(en[1]) + 1 }));
    ctx.set('postdoc', true);
  }
}
