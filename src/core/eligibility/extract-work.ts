import { EN_NUM, MONTH, NUM, parseNumber, parseYear, YEAR } from './cn-number.js';
import { formatMonth, monthsBefore, monthsBetween } from './dates.js';
import { after, before, firstPersonEn, isGeneralMention, matchesOf, type ExtractContext } from './extract-context.js';
import type { TalentCategory } from './types.js';

const PLACE = '(?:杭州)?(?:钱塘(?:新区|区)?|区内|本区|这边|这里)';
const TIME = `(?:(${YEAR})年|(大前年|前年|去年|今年))(?:(${MONTH})月份?)?`;
const RELATIVE_YEAR: Record<string, number> = { 今年: 0, 去年: 1, 前年: 2, 大前年: 3 };
const EN_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/**
 * 去年来钱塘, 2023年3月入职钱塘, 来钱塘两年了, came to Qiantang in 2024: the month of first work in the
 * district. A year without a month is read as January of that year — the earliest it can mean, so a
 * "new arrival since …" cut-off is never passed on a guess — and the convention is reported.
 */
export function extractArrived(ctx: ExtractContext): void {
  const { text, today } = ctx;
  const verbs = '(?:就)?(?:来到?|到|入职(?:到)?|进入?|加入)(?:了|的)?';
  let m = new RegExp(`${TIME}[^,，。;；!?！？\\d毕]{0,4}?(?:${verbs}${PLACE}|(?:开始)?在${PLACE}(?:工作|上班|就业|参保|交社保|缴社保))`, 'u').exec(text);
  if (m && !/\d$/u.test(text.slice(0, m.index))) {
    const year = m[1] ? parseYear(m[1]) : today.year - (RELATIVE_YEAR[m[2] ?? ''] ?? 0);
    const month = m[3] ? parseNumber(m[3]) : undefined;
    if (year !== undefined && year > 1950 && year <= today.year) {
      return void ctx.set('arrived', formatMonth({ year, month: month ?? 1 }), month ? undefined : '只说了来区年份，按当年1月计（月份不明时取最早的可能）');
    }
  }
  // "2021年就来了": a year of coming, the place left out, closes its clause (a place named is another's: 2021年来的杭州).
  m = new RegExp(`${TIME}(?:就|才)?(?:来|到)(?:了|的)(?=[,，。;；!?！？]|$)`, 'u').exec(text);
  if (m && !/\d$/u.test(text.slice(0, m.index))) {
    const year = m[1] ? parseYear(m[1]) : today.year - (RELATIVE_YEAR[m[2] ?? ''] ?? 0);
    const month = m[3] ? parseNumber(m[3]) : undefined;
    if (year !== undefined && year > 1950 && year <= today.year) {
      return void ctx.set('arrived', formatMonth({ year, month: month ?? 1 }), month ? undefined : '只说了来区年份，按当年1月计（月份不明时取最早的可能）');
    }
  }
  // "今年7月毕业，8月来钱塘上班": a month without its year takes the year said last before it, else the
  // latest such month up to now; the reading is reported.
  m = new RegExp(`(?<![年\\d月])(${MONTH})月份?[^,，。;；!?！？\\d毕]{0,4}?(?:${verbs}${PLACE}|(?:开始)?在${PLACE}(?:工作|上班|就业|参保|交社保|缴社保))`, 'u').exec(text);
  const month = m?.[1] ? parseNumber(m[1]) : undefined;
  if (m && month !== undefined && month >= 1 && month <= 12) {
    const years = [...text.slice(0, m.index).matchAll(new RegExp(TIME, 'gu'))];
    const said = years[years.length - 1];
    const year = said ? (said[1] ? parseYear(said[1]) : today.year - (RELATIVE_YEAR[said[2] ?? ''] ?? 0)) : month <= today.month ? today.year : today.year - 1;
    if (year !== undefined && year > 1950 && year <= today.year) {
      return void ctx.set('arrived', formatMonth({ year, month }), said ? undefined : `只说了${month}月，按最近的${year}年${month}月计`);
    }
  }
  m = new RegExp(`(?:来到?|到)${PLACE}(?:工作|上班)?(?:已经|已|有|都|快|才)*(${NUM}|半)(?:个)?(年|个月)(半|多)?`, 'u').exec(text);
  if (m?.[1] && m[2] && !/^(?:以上|以下|以内|内)/u.test(after(text, m.index + m[0].length, 3))) {
    const n = m[1] === '半' ? 0.5 : parseNumber(m[1]);
    if (n !== undefined) {
      const months = Math.round(m[2] === '年' ? n * 12 : n) + (m[3] === '半' ? 6 : 0) + (m[3] === '多' ? 1 : 0) - (/快/u.test(m[0]) ? 1 : 0);
      return void ctx.set('arrived', formatMonth(monthsBefore(today, months)), `“${m[0]}”按今天往前推${months}个月计`);
    }
  }
  m = new RegExp(`(${NUM})年前(?:来到?|到)${PLACE}`, 'u').exec(text);
  if (m?.[1]) {
    const n = parseNumber(m[1]);
    if (n !== undefined && n < 60) return void ctx.set('arrived', formatMonth(monthsBefore(today, Math.round(n * 12))), `“${m[0]}”按今天往前推${n}年计`);
  }
  m = new RegExp(`(?:came|moved|arrived|started working|started work|joined [a-z ]{1,30}?)\\s+(?:to|in|at)\\s+qiantang\\s+(?:in\\s+)?(?:(last year|this year)|(?:(${EN_MONTHS.join('|')})\\s+)?(\\d{4}))`, 'u').exec(text);
  if (m) {
    const year = m[1] ? today.year - (m[1] === 'last year' ? 1 : 0) : Number(m[3]);
    const month = m[2] ? EN_MONTHS.indexOf(m[2]) + 1 : undefined;
    if (year > 1950 && year <= today.year) ctx.set('arrived', formatMonth({ year, month: month ?? 1 }), month ? undefined : '只说了来区年份，按当年1月计（月份不明时取最早的可能）');
  }
}

const INSURANCE = /社保|社会保险|五险一金|五险|参保|social insurance/u;
const CLAUSE = /[,，。;；!！?？\n]/u;

/**
 * 社保交了8个月, 社保满半年, 社保交了一年半, 社保一直在交…一年多了: months of social insurance. "一年多"
 * counts as 12, the whole months it surely means.
 */
export function extractInsuranceMonths(ctx: ExtractContext): void {
  const { text, today } = ctx;
  if (/(?:还)?没(?:有)?(?:开始)?(?:交|缴)(?:过)?社保|社保(?:还)?没(?:有)?(?:交|缴)|没有社保/u.test(text)) return void ctx.set('insuranceMonths', 0);
  let offset = 0;
  for (const clause of text.split(CLAUSE)) {
    const at = offset;
    offset += clause.length + 1;
    if (!INSURANCE.test(clause)) continue;
    const started = new RegExp(`(${YEAR})年(${MONTH})月(?:份)?(?:开始|起)`, 'u').exec(clause);
    if (started?.[1] && started[2]) {
      const year = parseYear(started[1]);
      const month = parseNumber(started[2]);
      if (year !== undefined && month !== undefined) {
        const n = monthsBetween({ year, month }, today);
        if (n >= 0) return void ctx.set('insuranceMonths', n, `从${year}年${month}月起算，按到本月已满${n}个月计`);
      }
    }
    const months = durationMonths(clause, at, text);
    if (months !== undefined) return void ctx.set('insuranceMonths', months);
  }
}

function durationMonths(clause: string, at: number, text: string): number | undefined {
  const patterns: { re: RegExp; value: (m: RegExpExecArray) => number | undefined }[] = [
    { re: new RegExp(`(${NUM})年半`, 'u'), value: (m) => (parseNumber(m[1] ?? '') ?? NaN) * 12 + 6 },
    { re: new RegExp(`(${NUM})个(?:多)?月`, 'u'), value: (m) => parseNumber(m[1] ?? '') },
    { re: /半年/u, value: () => 6 },
    { re: new RegExp(`(?<![\\d年])(${NUM})(?:多)?年(?![\\d月]|开始|起|以来|来|初|底)`, 'u'), value: (m) => ((parseNumber(m[1] ?? '') ?? NaN) <= 50 ? (parseNumber(m[1] ?? '') ?? NaN) * 12 : undefined) },
    { re: /a year and a half/u, value: () => 18 },
    { re: /half a year|six months/u, value: () => 6 },
    { re: new RegExp(`(${EN_NUM})\\s+(years?|months?)`, 'u'), value: (m) => { const n = parseNumber(m[1] ?? ''); return n === undefined ? undefined : m[2]?.startsWith('year') ? n * 12 : n; } },
  ];
  for (const { re, value } of patterns) {
    const m = re.exec(clause);
    if (!m) continue;
    const start = at + m.index;
    const end = start + m[0].length;
    // "社保要交满6个月吗" asks about the rule; it says nothing of the person.
    if (/^(?:以上|以下|以内|吗|才|的话|就能|就可以)/u.test(after(text, end, 4)) || /(?:要|需要|须|必须|要求|是否)(?:交|缴)?满?$/u.test(before(text, start, 6))) return undefined;
    const n = value(m);
    if (n !== undefined && Number.isFinite(n)) return Math.round(n);
  }
  return undefined;
}

/** 合同签了3年, 三年合同, a 3-year contract: the labour contract's length in years. */
export function extractContractYears(ctx: ExtractContext): void {
  const { text } = ctx;
  const res = [
    new RegExp(`合同(?:期限?)?(?:签了?|签的|是|为|期)*(${NUM})年`, 'u'),
    new RegExp(`签了?(${NUM})年(?:的)?(?:劳动)?合同`, 'u'),
    new RegExp(`(?<![\\d年])(${NUM})年(?:的|期)?(?:劳动)?合同`, 'u'),
    new RegExp(`(${EN_NUM})[- ]years?\\s+(?:labou?r\\s+|employment\\s+)?contract|contract\\s+(?:for|of)\\s+(${EN_NUM})\\s+years?|contract\\s+(?:is|was|runs|lasts)\\s+(?:for\\s+)?(${EN_NUM})\\s+years?`, 'u'),
  ];
  for (const re of res) {
    const m = re.exec(text);
    const n = m ? parseNumber(m[1] ?? m[2] ?? m[3] ?? '') : undefined;
    if (!m || n === undefined || n <= 0 || n > 20) continue;
    if (/^(?:以上|以下|以内|及以上)/u.test(after(text, m.index + m[0].length, 4)) || /(?:要求|需要|须|必须|如果|是否)$/u.test(before(text, m.index, 6))) continue;
    return void ctx.set('contractYears', n);
  }
}

/** 在钱塘工作, 来钱塘上班, work in Qiantang: whether the person works in the district now. */
export function extractWorksInDistrict(ctx: ExtractContext): void {
  const { text } = ctx;
  if (new RegExp(`(?:不在|没在|没有在|还没在|还没来)${PLACE}[^,，。;；!?！？]{0,10}?(?:工作|上班|就业)|在外区(?:工作|上班)`, 'u').test(text)) return void ctx.set('worksInDistrict', false);
  for (const m of matchesOf(text, new RegExp(`(?:在|来到?|到)${PLACE}[^,，。;；!?！？]{0,10}?(?:工作|上班|就业|任职)`, 'gu'))) {
    if (!isGeneralMention(text, m.index, m.index + m[0].length)) return void ctx.set('worksInDistrict', true);
  }
  // "Moved here for work" says it as 来这边工作 does: "here" is the district the assistant serves.
  const en = /(?:work|working|employed|job)\s+(?:in|at)\s+(?:a\s+[a-z ]{1,20}\s+in\s+)?qiantang|(?:moved|came|come)\s+here\s+(?:for|to)\s+(?:work|a job)|(?:work|working)\s+here\b|(?:moving|moved|coming|came|starting|started|joining|joined)\s+(?:at\s+|to\s+)?(?:a|an|the)\s+[a-z ]{1,20}\s+in\s+qiantang/u.exec(text);
  if (en && firstPersonEn(text, en.index) && !/(?:if|when)\s+(?:i|you)\s+$/u.test(before(text, en.index, 12))) ctx.set('worksInDistrict', true);
}

/** E类人才, D类, 区级高层次人才, 还没认定: the talent category (and whether there is one). */
export function extractCategory(ctx: ExtractContext): void {
  const { text } = ctx;
  const found: { at: number; category: TalentCategory }[] = [];
  // "a class C talent": the article before "class" is not category A.
  for (const m of matchesOf(text, /(?<![a-z])([a-e])(?:类|-class|\s+class(?!\s+[a-e](?![a-z]))|[- ]category(?!\s+[a-e](?![a-z])))(?:人才)?/gu)) {
    if (!isGeneralMention(text, m.index, m.index + m[0].length)) found.push({ at: m.index, category: (m[1] ?? 'e').toUpperCase() as TalentCategory });
  }
  for (const m of matchesOf(text, /(?:category|class)\s+([a-e])(?![a-z])/gu)) {
    if (firstPersonEn(text, m.index)) found.push({ at: m.index, category: (m[1] ?? 'e').toUpperCase() as TalentCategory });
  }
  for (const m of matchesOf(text, /区级(?:高层次)?人才|district[- ]level talent/gu)) {
    if (!isGeneralMention(text, m.index, m.index + m[0].length)) found.push({ at: m.index, category: 'district' });
  }
  const first = found.sort((a, b) => a.at - b.at)[0];
  if (first) {
    ctx.set('category', first.category);
    ctx.set('recognised', true);
  } else if (/(?:还)?没(?:有)?(?:被)?(?:人才)?认定|未(?:获|经)?(?:人才)?认定|不是(?:高层次)?人才|没有人才(?:认定|类别)|not (?:been )?recogni[sz]ed|no talent category/u.test(text)) {
    ctx.set('recognised', false);
  }
}

/** 被举才官举荐: recommended by a 钱塘举才官 (qt25-8). */
export function extractScout(ctx: ExtractContext): void {
  const { text } = ctx;
  for (const m of matchesOf(text, /(?:被|由|经|通过|是)(?:钱塘)?举才官(?:举荐|推荐)/gu)) {
    if (!isGeneralMention(text, m.index, m.index + m[0].length)) return void ctx.set('recommendedByScout', true);
  }
  const en = /recommended by (?:a |the )?(?:qiantang )?(?:talent )?scout/u.exec(text);
  if (en && firstPersonEn(text, en.index)) ctx.set('recommendedByScout', true);
}
