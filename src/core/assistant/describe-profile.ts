import type { Profile } from '../eligibility/types.js';
import type { Lang } from '../types.js';

const DEGREE_ZH = { college: '大专', bachelor: '本科', master: '硕士', phd: '博士' } as const;
const DEGREE_EN = { college: 'college diploma', bachelor: "bachelor's", master: "master's", phd: 'PhD' } as const;
const CATEGORY = (c: NonNullable<Profile['category']>, lang: Lang): string => (c === 'district' ? (lang === 'en' ? 'district-level talent' : '区级高层次人才') : lang === 'en' ? `category ${c} talent` : `${c}类人才`);

const TITLE_ZH = { senior: '正高级职称', deputy_senior: '副高级职称', special_teacher: '特级教师' } as const;
const TITLE_EN = { senior: 'senior title', deputy_senior: 'deputy-senior title', special_teacher: 'special-grade teacher' } as const;
const SKILL_ZH = { senior_technician: '高级技师', technician: '技师' } as const;
const SKILL_EN = { senior_technician: 'senior technician', technician: 'technician' } as const;

/** The known facts of a profile in words, for "目前已了解" and the officer's summary. */
export function describeProfile(p: Profile, lang: Lang): string[] {
  const out: string[] = [];
  const en = lang === 'en';
  if (p.age !== undefined) out.push(en ? `age ${p.age}` : `${p.age}岁`);
  if (p.degree) out.push(`${p.fullTime === false ? (en ? 'part-time ' : '非全日制') : p.fullTime ? (en ? 'full-time ' : '全日制') : ''}${en ? DEGREE_EN[p.degree] : DEGREE_ZH[p.degree]}`);
  if (p.graduated) out.push(en ? `graduated ${p.graduated}` : `${yearMonth(p.graduated)}毕业`);
  if (p.arrived) out.push(en ? `working in the district since ${p.arrived}` : `${yearMonth(p.arrived)}起在区内工作`);
  if (p.insuranceMonths !== undefined) out.push(en ? `${p.insuranceMonths} months of social insurance` : `社保${p.insuranceMonths}个月`);
  if (p.category) out.push(CATEGORY(p.category, lang));
  if (p.ownsHome !== undefined) out.push(p.ownsHome ? (en ? 'owns a home in Hangzhou' : '在杭有房') : en ? 'no home in Hangzhou' : '在杭无房');
  if (p.contractYears !== undefined) out.push(en ? `${p.contractYears}-year contract` : `劳动合同${p.contractYears}年`);
  if (p.inTalentApartment !== undefined) out.push(p.inTalentApartment ? (en ? 'lives in a talent apartment' : '住人才公寓') : en ? 'not in a talent apartment' : '未住人才公寓');
  if (p.recognisedAt) out.push(en ? `recognised ${p.recognisedAt}` : `${yearMonth(p.recognisedAt)}获认定`);
  if (p.postdocSince) out.push(en ? `postdoc since ${p.postdocSince}` : `${yearMonth(p.postdocSince)}进站`);
  else if (p.postdoc) out.push(en ? 'postdoc in a station' : '在站博士后');
  if (p.postdocCompleted) out.push(en ? 'postdoc completed' : '博士后已出站');
  if (p.title) out.push(en ? TITLE_EN[p.title] : TITLE_ZH[p.title]);
  if (p.skill) out.push(en ? SKILL_EN[p.skill] : SKILL_ZH[p.skill]);
  if (p.worksInDistrict !== undefined) out.push(p.worksInDistrict ? (en ? 'works in Qiantang' : '在区内就业') : en ? 'not working in Qiantang' : '未在区内就业');
  return out;
}

/** 2025-07 → 2025年7月. */
function yearMonth(ym: string): string {
  const [y, m] = ym.split('-');
  return `${y}年${Number(m)}月`;
}
