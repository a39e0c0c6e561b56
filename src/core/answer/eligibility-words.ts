import { withTotal } from '../eligibility/amount-total.js';
import type { Fact } from '../eligibility/types.js';
import type { Lang } from '../types.js';

/** Whom an eligibility answer is about. */
export type Subject = 'self' | 'other';

/**
 * Speaks of the person asked about: the rules and questions are written to "您"/"you"; for someone
 * else (an employer asking for a new hire) they are said of 该员工 / the employee.
 */
export function aboutSubject(text: string, subject: Subject, lang: Lang): string {
  if (subject === 'self') return text;
  if (lang === 'zh') return text.replace(/您本人/gu, '该员工本人').replace(/您/gu, '该员工').replace(/本人或配偶/gu, '该员工或其配偶');
  return text
    .replace(/\b(Have|Do|Are|Were|Did) you\b/gu, (_, v: string) => `${({ Have: 'Has', Do: 'Does', Are: 'Is', Were: 'Was', Did: 'Did' } as Record<string, string>)[v] ?? v} the employee`)
    .replace(/\b(have|do|are|were|did) you\b/gu, (_, v: string) => `${({ have: 'has', do: 'does', are: 'is', were: 'was', did: 'did' } as Record<string, string>)[v] ?? v} the employee`)
    .replace(/\bare you\b/giu, 'is the employee')
    .replace(/\byou or your spouse\b/gu, 'the employee or their spouse')
    .replace(/\bneither you nor your spouse owns\b/gu, 'neither the employee nor their spouse owns')
    .replace(/\bYour\b/gu, "The employee's")
    .replace(/\byour\b/gu, "the employee's")
    .replace(/\bYou\b/gu, 'The employee')
    .replace(/\byou\b/gu, 'the employee')
    .replace(/the employee (own|pay|work|live|hold|appear|meet)\b/gu, 'the employee $1s')
    .replace(/the employee qualify\b/gu, 'the employee qualifies')
    .replace(/the employee do not\b/gu, 'the employee does not');
}

/** The person in words: 您 / 该员工, you / the employee. */
export function who(subject: Subject, lang: Lang): string {
  if (lang === 'en') return subject === 'self' ? 'you' : 'the employee';
  return subject === 'self' ? '您' : '该员工';
}

const NOUN: Partial<Record<Fact, { zh: string; en: string }>> = {
  age: { zh: '年龄', en: 'age' },
  degree: { zh: '最高学历（是否全日制）', en: 'highest degree (and whether full-time)' },
  fullTime: { zh: '是否全日制', en: 'whether the degree was full-time' },
  graduated: { zh: '毕业时间', en: 'graduation date' },
  arrived: { zh: '来区就业参保的时间', en: 'when work and social insurance in Qiantang began' },
  insuranceMonths: { zh: '区内社保缴纳月数', en: 'months of social insurance in Qiantang' },
  category: { zh: '人才类别', en: 'talent category' },
  recognised: { zh: '是否已获人才认定', en: 'whether recognised as a talent' },
  ownsHome: { zh: '本人及配偶在杭州市区有无住房', en: 'whether a home is owned in Hangzhou' },
  contractYears: { zh: '劳动合同年限', en: 'length of the labour contract' },
  inTalentApartment: { zh: '是否住人才公寓', en: 'whether living in a talent apartment' },
  worksInDistrict: { zh: '是否在区内就业', en: 'whether working in Qiantang' },
};

/** The noun of a fact without one of its own: it names nothing the person could tell. */
export const VAGUE_FACT: Record<Lang, string> = { zh: '相关情况', en: 'situation' };

/** A short noun for a fact, for "tell me your …" offers. */
export function factNoun(fact: Fact, lang: Lang): string {
  const n = NOUN[fact];
  return n ? n[lang] : VAGUE_FACT[lang];
}

/**
 * An amount as the texts state it, in English where its shape is a plain sum: 300万元 → 3,000,000 yuan,
 * 每年2万元，最长3年 → 20,000 yuan a year, for up to 3 years. Anything else stays in Chinese.
 */
export function amountInEnglish(amount: string): string {
  const yuan = (n: string, unit: string | undefined) => `${Math.round(Number(n) * (unit === '亿' ? 1e8 : unit === '万' ? 1e4 : 1)).toLocaleString('en-US')} yuan`;
  let m = /^(?:每人)?每年(\d+(?:\.\d+)?)(万|亿)?元，最长(\d+)年$/u.exec(amount);
  if (m?.[1] && m[3]) return `${yuan(m[1], m[2])} a year, for up to ${m[3]} years`;
  m = /^(\d+(?:\.\d+)?)(万|亿)?元$/u.exec(amount);
  if (m?.[1]) return yuan(m[1], m[2]);
  // A capped share (rules/*.yaml `share`): in words, or worked out on the sum the person gave.
  m = /^按.+的(\d+(?:\.\d+)?)%，每人(每年)?最高(\d+(?:\.\d+)?)(万)?元$/u.exec(amount);
  if (m?.[1] && m[3]) return `${m[1]}% of the sum actually paid, at most ${yuan(m[3], m[4])} per person${m[2] ? ' a year' : ''}`;
  m = /^(\d+(?:\.\d+)?)(万)?元×(\d+(?:\.\d+)?)%=(\d+(?:\.\d+)?)(万)?元（未超过.*最高(\d+(?:\.\d+)?)(万)?元）$/u.exec(amount);
  if (m?.[1] && m[3] && m[4] && m[6]) return `${yuan(m[4], m[5])} (${yuan(m[1], m[2])} × ${m[3]}% = ${yuan(m[4], m[5])}, within the cap of ${yuan(m[6], m[7])})`;
  m = /^(\d+(?:\.\d+)?)(万)?元（(\d+(?:\.\d+)?)(万)?元×(\d+(?:\.\d+)?)%=(\d+(?:\.\d+)?)(万)?元，超过.*，按.*计）$/u.exec(amount);
  if (m?.[1] && m[3] && m[5] && m[6]) return `${yuan(m[1], m[2])} (${yuan(m[3], m[4])} × ${m[5]}% = ${yuan(m[6], m[7])}, above the cap of ${yuan(m[1], m[2])})`;
  m = /^前(\d+)年租金按市场价的(\d+)%收取$/u.exec(amount);
  if (m?.[1] && m[2]) return `rent at ${m[2]}% of the market rate for the first ${m[1]} years`;
  return amount;
}

/**
 * An amount in the answer's language: a rule's own English for a text amount (可直接落户… has no
 * figure to translate), else the figures put into English; with `total`, a yearly amount with its sum.
 */
export function amountIn(amount: string, amountEn: string | undefined, lang: Lang, total = false): string {
  const english = (a: string): string => (a === amount && amountEn !== undefined ? amountEn : amountInEnglish(a));
  if (total) return withTotal(amount, lang, english);
  return lang === 'en' ? english(amount) : amount;
}

/** 2027-01 → 2027年1月 / January 2027. */
export function monthText(ym: string, lang: Lang): string {
  const [y, m] = ym.split('-');
  if (lang === 'zh') return `${y}年${Number(m)}月`;
  const names = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return `${names[Number(m) - 1] ?? m} ${y}`;
}
