import { EN_NUM, MONTH, NUM, parseNumber, parseYear, YEAR } from './cn-number.js';
import { formatMonth, monthsBefore } from './dates.js';
import { after, before, firstPersonEn, isGeneralMention, matchesOf, type ExtractContext } from './extract-context.js';
import type { Degree } from './types.js';

const RANK: Record<Degree, number> = { college: 0, bachelor: 1, master: 2, phd: 3 };

const DEGREES: { re: RegExp; degree: Degree; en?: true }[] = [
  { re: /博士(?!后|入企|生(?!毕业))/gu, degree: 'phd' },
  { re: /(?<![a-z])(?:phd|ph\.d\.?|doctorate|doctoral degree)(?![a-z])/gu, degree: 'phd', en: true },
  { re: /硕士|研究生(?!院|处)|读研/gu, degree: 'master' },
  { re: /(?<![a-z])(?:master'?s|masters|msc|m\.s\.|mba|meng|mphil)(?![a-z])/gu, degree: 'master', en: true },
  { re: /本科|学士|专升本/gu, degree: 'bachelor' },
  { re: /(?<![a-z])(?:bachelor'?s?|undergraduate degree|bsc|b\.s\.|b\.a\.)(?![a-z])/gu, degree: 'bachelor', en: true },
  { re: /大专|专科(?!医)|高职(?!称)/gu, degree: 'college' },
  { re: /(?<![a-z])(?:associate degree|junior college|college diploma)(?![a-z])/gu, degree: 'college', en: true },
];

// Still studying: the degree is not (yet) the highest one held.
const STUDYING_BEFORE = /(?:在读|正在读|还在读|在|考|读)$/u;
const STUDYING_AFTER = /^(?:在读|生在读|研究生在读|还没毕业|未毕业|没毕业)/u;
// Hypothetical or general English: "if I had a PhD", "what does a master's get", "is a bachelor's enough".
const EN_GENERAL_BEFORE = /(?:if|do|does|can|would|are|is)\s+(?:(?:i|you)\s+(?:have|had|hold|got)\s+)?(?:a |an |the )?$/u;

/** 本科/硕士/研究生/博士/PhD…: the highest degree the person says they hold. */
export function extractDegree(ctx: ExtractContext): void {
  let best: Degree | undefined;
  for (const { re, degree, en } of DEGREES) {
    for (const m of matchesOf(ctx.text, re)) {
      const start = m.index;
      const end = m.index + m[0].length;
      if (en) {
        if (!firstPersonEn(ctx.text, start) || EN_GENERAL_BEFORE.test(before(ctx.text, start, 30))) continue;
      } else if (isGeneralMention(ctx.text, start, end) || STUDYING_BEFORE.test(before(ctx.text, start, 3)) || STUDYING_AFTER.test(after(ctx.text, end, 6))) {
        continue;
      }
      if (best === undefined || RANK[degree] > RANK[best]) best = degree;
    }
  }
  if (best !== undefined) ctx.set('degree', best);
}

const PART_TIME = /非全日制|非全(?=[,，。\s硕研博本]|$)|在职(?:研究生|硕士|博士|读研|读的|学历)|自考|成人(?:本科|高考|教育|学历)|函授|网络教育|开放大学|电大|非脱产|part[- ]time (?:study|studies|degree|master'?s?|phd|bachelor'?s?|program|programme|student|mba)|studied part[- ]time/gu;
const FULL_TIME = /(?<!非)全日制|统招|full[- ]time (?:study|studies|degree|master'?s?|phd|bachelor'?s?|program|programme|student)|studied full[- ]time/gu;

/** 全日制 / 非全日制 / 在职研究生: whether the degree was full-time study. */
export function extractFullTime(ctx: ExtractContext): void {
  const stated = (re: RegExp) => matchesOf(ctx.text, re).some((m) => !isGeneralMention(ctx.text, m.index, m.index + m[0].length));
  // A part-time marker is the more specific statement (本科全日制，硕士在职 → the highest is part-time).
  if (stated(PART_TIME)) ctx.set('fullTime', false);
  else if (stated(FULL_TIME)) ctx.set('fullTime', true);
}

const DEGREE_WORD = '(?:本科|硕士|博士|研究生|大专|专科)?';
const RELATIVE_YEAR: Record<string, number> = { 今年: 0, 去年: 1, 前年: 2, 大前年: 3 };

/** 2024年毕业, 24年毕业, 去年毕业, 毕业三年了, graduated in 2023: the month of graduation. */
export function extractGraduated(ctx: ExtractContext): void {
  const { text, today } = ctx;
  const yearOnly = '只说了毕业年份，按当年6月计';
  let m = new RegExp(`(${YEAR})年(?:(${MONTH})月份?)?[^,，。;；!?！？\\d年]{0,8}?毕业`, 'u').exec(text);
  if (m?.[1] && !/\d$/u.test(text.slice(0, m.index))) {
    const year = parseYear(m[1]);
    const month = m[2] ? parseNumber(m[2]) : undefined;
    if (year !== undefined && year > 1950 && year <= today.year + 1) return void ctx.set('graduated', formatMonth({ year, month: month ?? 6 }), month ? undefined : yearOnly);
  }
  m = new RegExp(`(大前年|前年|去年|今年)(?:(${MONTH})月份?)?[^,，。;；!?！？\\d年]{0,8}?毕业`, 'u').exec(text);
  if (m?.[1]) {
    const month = m[2] ? parseNumber(m[2]) : undefined;
    return void ctx.set('graduated', formatMonth({ year: today.year - (RELATIVE_YEAR[m[1]] ?? 0), month: month ?? 6 }), month ? undefined : yearOnly);
  }
  m = new RegExp(`毕业(?:已经|已|有|都|快|才|刚)*(${NUM}|半)(?:个)?(年|个月)(半|多)?`, 'u').exec(text);
  if (m?.[1] && m[2] && !/^(?:以上|以下|以内|内)/u.test(after(text, m.index + m[0].length, 3))) {
    const n = m[1] === '半' ? 0.5 : parseNumber(m[1]);
    if (n !== undefined) {
      const almost = /快/u.test(m[0]);
      const months = Math.round(m[2] === '年' ? n * 12 : n) + (m[3] === '半' ? 6 : 0) + (m[3] === '多' ? 1 : 0) - (almost ? 1 : 0);
      const note = `“${m[0]}”按今天往前推${months}个月计`;
      return void ctx.set('graduated', formatMonth(monthsBefore(today, months)), note);
    }
  }
  m = new RegExp(`(${NUM})年前${DEGREE_WORD}毕业`, 'u').exec(text);
  if (m?.[1]) {
    const n = parseNumber(m[1]);
    if (n !== undefined && n < 60) return void ctx.set('graduated', formatMonth(monthsBefore(today, Math.round(n * 12))), `“${m[0]}”按今天往前推${n}年计`);
  }
  extractGraduatedEn(ctx);
}

const EN_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function extractGraduatedEn(ctx: ExtractContext): void {
  const { text, today } = ctx;
  let m = new RegExp(`(?:graduated|graduating|graduate)\\s+(?:in\\s+)?(?:(${EN_MONTHS.join('|')})\\s+)?(\\d{4})|class of (\\d{4})`, 'u').exec(text);
  const year = m ? Number(m[2] ?? m[3]) : undefined;
  if (m && year !== undefined && year > 1950 && year <= today.year + 1) {
    const month = m[1] ? EN_MONTHS.indexOf(m[1]) + 1 : undefined;
    return void ctx.set('graduated', formatMonth({ year, month: month ?? 6 }), month ? undefined : '只说了毕业年份，按当年6月计');
  }
  m = /graduated\s+(last year|this year)/u.exec(text);
  if (m?.[1]) return void ctx.set('graduated', formatMonth({ year: today.year - (m[1] === 'last year' ? 1 : 0), month: 6 }), '只说了毕业年份，按当年6月计');
  m = new RegExp(`graduated\\s+(?:about\\s+)?(${EN_NUM})\\s+(years?|months?)\\s+ago`, 'u').exec(text);
  if (m?.[1] && m[2]) {
    const n = parseNumber(m[1]);
    if (n !== undefined) {
      const months = Math.round(m[2].startsWith('year') ? n * 12 : n);
      ctx.set('graduated', formatMonth(monthsBefore(today, months)), `“${m[0]}”按今天往前推${months}个月计`);
    }
  }
}

const BENEFIT_AFTER = /^(?:后)?(?:留(?:在|区)(?:区内|内)?)?(?:的)?(?:一次性)?(?:补贴|补助|资助|待遇|政策|奖励)/u;

// 出站 still ahead: "明年出站", "快出站了", "打算出站后留下来", "还没出站", "2027年6月出站".
const PLANNED_BEFORE = /(?:明年|后年|下个?月|下半年|年底|年后|快要?|即将|马上|就要|准备|打算|计划|预计|将要?|要|还没有?|没有?|未|尚未|等)[^,，。;；!?！？]{0,4}$/u;
const DATED_BEFORE = /(\d{4})年(?:(\d{1,2})月(?:份)?)?(?:就|会|才|能)?$/u;

const RECRUITS_BEFORE = /(?:招|招聘|招收|引进|聘请|聘用|聘|接收|培养)(?:了|到|进)?(?:[\d一二两三四五六七八九十几多]+(?:个|名|位))?(?:的)?$/u;
const STAY_BENEFIT_AFTER = /^(?:个人|[进在]站[^\s,，。;；!?！？]{0,6}?)?的?(?:生活|留区|一次性)?(?:补贴|补助|资助|待遇)/u;

/** Whether the 出站 at `index` is still ahead: said with a word of the future, or dated after today. */
function plannedLeave(ctx: ExtractContext, index: number): boolean {
  const prefix = before(ctx.text, index, 12);
  if (PLANNED_BEFORE.test(prefix)) return true;
  const dated = DATED_BEFORE.exec(prefix);
  if (!dated?.[1]) return false;
  const year = Number(dated[1]);
  const month = dated[2] ? Number(dated[2]) : 12;
  return year > ctx.today.year || (year === ctx.today.year && month > ctx.today.month);
}

/**
 * 博士后 (博后 as people say it) in a station, or one who has left it (出站). 出站 still ahead ("明年出站
 * 打算留下来") is no completion: the person is in a station now, and the stay-on grant stays to be met.
 */
export function extractPostdoc(ctx: ExtractContext): void {
  const { text } = ctx;
  // "要出站的博士后" names a kind of people, not the person.
  const leaving = matchesOf(text, /出站(?!的)/gu).filter((m) => plannedLeave(ctx, m.index) && !isGeneralMention(text, m.index, m.index + m[0].length));
  const ahead = (m: RegExpExecArray): boolean => leaving.some((l) => l.index >= m.index && l.index < m.index + m[0].length);
  const completed = matchesOf(text, /(?:已经|已|刚刚|刚)出站|出站了|博(?:士)?后出站(?:后留(?:在|区)[^,，。;；!?！？]{0,8}?(?:工作|上班|就业))?|(?:finished|completed|left|done with)\s+(?:my\s+|the\s+)?(?:postdoc|post-doc|postdoctoral)/gu);
  // "博士后出站后留区工作能拿多少" asks about the rule; "我博士后出站了" states a fact.
  // "博士后出站留区补贴" is the benefit's name, not the person's story.
  const namesBenefit = (m: RegExpExecArray): boolean => BENEFIT_AFTER.test(text.slice(m.index + m[0].length, m.index + m[0].length + 8));
  if (completed.some((m) => !ahead(m) && !namesBenefit(m) && !isGeneralMention(text, m.index, m.index + m[0].length))) {
    ctx.set('postdocCompleted', true);
    ctx.set('postdoc', false);
    return;
  }
  if (leaving.length > 0) return void ctx.set('postdoc', true);
  for (const m of matchesOf(text, /博(?:士)?后(?!工作站|科研工作站|站|出站)|(?:已经|已|刚刚|刚)进站|进站了/gu)) {
    const end = m.index + m[0].length;
    // "博后进站两年的生活补贴加上出站留区的", "博后个人生活补贴那块" name the benefits (by the stay they pay
    // for, by whom), not the person's own stay.
    const namesStay = STAY_BENEFIT_AFTER.test(after(text, end, 16)) && !/(?:我|本人)[^,，。]{0,3}$/u.test(before(text, m.index, 4));
    // "准备招两个博后": an employer's postdocs, not the person.
    const recruited = RECRUITS_BEFORE.test(before(text, m.index, 10));
    if (!namesStay && !recruited && !isGeneralMention(text, m.index, end)) return void ctx.set('postdoc', true);
  }
  for (const m of matchesOf(text, /(?<![a-z])(?:postdoc|post-doc|postdoctoral (?:researcher|fellow))(?![a-z])/gu)) {
    if (firstPersonEn(text, m.index) && !EN_GENERAL_BEFORE.test(before(text, m.index, 30))) return void ctx.set('postdoc', true);
  }
}
