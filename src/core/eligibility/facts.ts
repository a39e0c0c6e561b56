import { yuanWords } from './amount-share.js';
import type { Fact, Profile } from './types.js';

/** The kind of value a profile fact holds, which decides the operators a rule may apply to it. */
export type FactKind =
  | { type: 'number' }
  | { type: 'boolean' }
  /** `YYYY-MM` (a day may follow; rules compare at the month). */
  | { type: 'month' }
  | { type: 'enum'; values: readonly string[] };

/** What the engine knows about one fact: its kind, how to ask for it and how to say it back. */
export interface FactInfo {
  /** Value kind, used to validate rules. */
  kind: FactKind;
  /** One short polite question per language. */
  ask: { zh: string; en: string };
  /** The value in words (Chinese), for a verdict's `assumed`. */
  describe(value: unknown): string;
  /** Another fact this question also asks about, and the question without it, once that fact is known. */
  alsoAsks?: { fact: Fact; ask: { zh: string; en: string } };
}

const DEGREE_ZH: Record<string, string> = { college: '大专', bachelor: '本科', master: '硕士', phd: '博士' };
const TITLE_ZH: Record<string, string> = { senior: '正高级职称', deputy_senior: '副高级职称', special_teacher: '特级教师' };
const SKILL_ZH: Record<string, string> = { senior_technician: '高级技师', technician: '技师' };

function monthWords(value: unknown, suffix: string): string {
  const m = /^(\d{4})-(\d{2})/u.exec(String(value));
  return m ? `${m[1]}年${Number(m[2])}月${suffix}` : `${String(value)}${suffix}`;
}

const yesNo = (yes: string, no: string) => (value: unknown): string => (value === true ? yes : no);

/** Every profile fact; `satisfies` makes a new Profile field fail to compile until it is described here. */
export const FACTS = {
  age: {
    kind: { type: 'number' },
    ask: { zh: '请问您今年多少周岁？', en: 'How old are you, in full years?' },
    describe: (v) => `${String(v)}周岁`,
  },
  degree: {
    kind: { type: 'enum', values: ['college', 'bachelor', 'master', 'phd'] },
    ask: { zh: '请问您的最高学历是？是否为全日制？', en: 'What is your highest degree, and was it full-time study?' },
    describe: (v) => `最高学历${DEGREE_ZH[String(v)] ?? String(v)}`,
    alsoAsks: { fact: 'fullTime', ask: { zh: '请问您的最高学历是（本科、硕士、博士或大专）？', en: "What is your highest degree (bachelor's, master's, PhD or college diploma)?" } },
  },
  fullTime: {
    kind: { type: 'boolean' },
    ask: { zh: '请问您的最高学历是全日制的吗？', en: 'Was your highest degree full-time study?' },
    describe: yesNo('全日制学历', '非全日制学历'),
  },
  graduated: {
    kind: { type: 'month' },
    ask: { zh: '请问您是哪年哪月毕业的？', en: 'When did you graduate (year and month)?' },
    describe: (v) => monthWords(v, '毕业'),
  },
  arrived: {
    kind: { type: 'month' },
    ask: {
      zh: '请问您是哪年哪月首次在钱塘区就业并缴纳社保的？',
      en: 'When did you first start working and paying social insurance in Qiantang (year and month)?',
    },
    describe: (v) => monthWords(v, '起首次在区内就业参保'),
  },
  insuranceMonths: {
    kind: { type: 'number' },
    ask: { zh: '请问您在钱塘区已缴纳社保多少个月？', en: 'How many months of social insurance have you paid in Qiantang?' },
    describe: (v) => `区内社保已缴${String(v)}个月`,
  },
  category: {
    kind: { type: 'enum', values: ['A', 'B', 'C', 'D', 'E', 'district'] },
    ask: {
      zh: '请问您是否已认定为杭州市A–E类人才或钱塘区区级高层次人才？是哪一类？',
      en: 'Have you been recognised as a Hangzhou category A–E talent or a Qiantang district-level talent, and which category?',
    },
    describe: (v) => (v === 'district' ? '区级高层次人才' : `${String(v)}类人才`),
  },
  recognised: {
    kind: { type: 'boolean' },
    ask: {
      zh: '请问您是否已获得杭州市或钱塘区高层次人才认定？',
      en: 'Have you been recognised as a high-level talent by Hangzhou or Qiantang?',
    },
    describe: yesNo('已获高层次人才认定', '尚未获高层次人才认定'),
  },
  ownsHome: {
    kind: { type: 'boolean' },
    ask: {
      zh: '请问您本人或配偶在杭州市区是否有自有住房？',
      en: 'Do you or your spouse own a home in the urban districts of Hangzhou?',
    },
    describe: yesNo('本人或配偶在杭州市区有自有住房', '本人及配偶在杭州市区无自有住房'),
  },
  contractYears: {
    kind: { type: 'number' },
    ask: { zh: '请问您与区内单位签订的劳动合同期限是几年？', en: 'How many years does your labour contract with the district employer run?' },
    describe: (v) => `劳动合同${String(v)}年`,
  },
  inTalentApartment: {
    kind: { type: 'boolean' },
    ask: { zh: '请问您目前是否入住人才公寓？', en: 'Do you currently live in a talent apartment?' },
    describe: yesNo('正入住人才公寓', '未入住人才公寓'),
  },
  title: {
    kind: { type: 'enum', values: ['senior', 'deputy_senior', 'special_teacher'] },
    ask: {
      zh: '请问您是否具有正高级或副高级职称，或是特级教师？',
      en: 'Do you hold a senior or deputy-senior professional title, or are you a special-grade teacher (特级教师)?',
    },
    describe: (v) => TITLE_ZH[String(v)] ?? String(v),
  },
  skill: {
    kind: { type: 'enum', values: ['senior_technician', 'technician'] },
    ask: { zh: '请问您是否具有高级技师或技师职业资格？', en: 'Are you qualified as a senior technician or a technician?' },
    describe: (v) => SKILL_ZH[String(v)] ?? String(v),
  },
  medical: {
    kind: { type: 'boolean' },
    ask: { zh: '请问您是否为医疗卫生专业人才（如医师）？', en: 'Do you work as a medical professional (e.g. a physician)?' },
    describe: yesNo('医疗卫生人才', '非医疗卫生人才'),
  },
  postdoc: {
    kind: { type: 'boolean' },
    ask: { zh: '请问您目前是否在区内博士后工作站在站？', en: 'Are you currently a postdoc in a district postdoctoral station?' },
    describe: yesNo('在站博士后', '不在博士后工作站在站'),
  },
  postdocCompleted: {
    kind: { type: 'boolean' },
    ask: { zh: '请问您是否已从博士后工作站出站？', en: 'Have you completed (left) a postdoctoral station?' },
    describe: yesNo('博士后已出站', '博士后未出站'),
  },
  worksInDistrict: {
    kind: { type: 'boolean' },
    ask: { zh: '请问您目前是否在钱塘区内单位就业？', en: 'Do you currently work for an employer in Qiantang?' },
    describe: yesNo('在区内就业', '不在区内就业'),
  },
  recommendedByScout: {
    kind: { type: 'boolean' },
    ask: { zh: '请问您是否由“钱塘举才官”举荐？', en: 'Have you been recommended by a Qiantang talent scout (钱塘举才官)?' },
    describe: yesNo('经钱塘举才官举荐', '未经钱塘举才官举荐'),
  },
  recognisedAt: {
    kind: { type: 'month' },
    ask: { zh: '请问您是哪年哪月获得人才认定的？', en: 'When (year and month) were you recognised as a talent?' },
    describe: (v) => monthWords(v, '获人才认定'),
  },
  postdocSince: {
    kind: { type: 'month' },
    ask: { zh: '请问您是哪年哪月进站的？', en: 'When (year and month) did you enter the postdoctoral station?' },
    describe: (v) => monthWords(v, '进站'),
  },
  paid: {
    kind: { type: 'number' },
    ask: {
      zh: '请问实际支付的金额是多少（如企业一年实际支付的报酬，或本人所缴学费）？',
      en: 'How much was actually paid (e.g. the yearly pay the firm paid, or the tuition fees you paid)?',
    },
    describe: (v) => `实际支付${yuanWords(Number(v))}`,
  },
} satisfies Record<Fact, FactInfo>;

/** Names of all facts, in the order of the Profile. */
export const FACT_NAMES = Object.keys(FACTS) as Fact[];

/** True when `name` is a profile fact. */
export function isFact(name: string): name is Fact {
  return Object.hasOwn(FACTS, name);
}

/** The known facts a verdict relied on, in words; a degree and its 全日制 flag read as one phrase. */
export function describeFacts(facts: readonly Fact[], profile: Profile): string[] {
  const out: string[] = [];
  for (const fact of facts) {
    const value = profile[fact];
    if (value === undefined) continue;
    if (fact === 'fullTime' && facts.includes('degree') && profile.degree !== undefined) continue;
    if (fact === 'degree' && facts.includes('fullTime') && profile.fullTime !== undefined) {
      out.push(`${profile.fullTime ? '全日制' : '非全日制'}${DEGREE_ZH[String(value)] ?? String(value)}`);
      continue;
    }
    out.push((FACTS[fact] as FactInfo).describe(value));
  }
  return out;
}
