import { describe, expect, it } from 'vitest';
import { extractProfile, extractProfileDetailed, mergeProfile } from '../../../src/core/eligibility/extract-profile.js';
import type { Profile } from '../../../src/core/eligibility/types.js';
import { TODAY } from './fixture.js';

const extract = (text: string) => extractProfile(text, TODAY);

// Each sentence with exactly the facts it states: toEqual also proves nothing else was invented.
const CASES: [string, Partial<Profile>][] = [
  ['我30岁，硕士，2023年毕业，去年来钱塘，社保交了8个月', { age: 30, degree: 'master', graduated: '2023-06', arrived: '2025-01', insuranceMonths: 8 }],
  ['本人二十八周岁，全日制本科，24年毕业，社保交了一年半', { age: 28, degree: 'bachelor', fullTime: true, graduated: '2024-06', insuranceMonths: 18 }],
  ['我是非全日制研究生，今年毕业，社保满半年', { degree: 'master', fullTime: false, graduated: '2026-06', insuranceMonths: 6 }],
  ['在职研究生，三十五岁，交了8个月社保', { age: 35, degree: 'master', fullTime: false, insuranceMonths: 8 }],
  ['毕业三年了，本科，社保一直在交…一年多了', { degree: 'bachelor', graduated: '2023-11', insuranceMonths: 12 }],
  ['我读研毕业，去年毕业的，28周岁', { age: 28, degree: 'master', graduated: '2025-06' }],
  ['博士，2022年7月毕业，2022年11月入职钱塘', { degree: 'phd', graduated: '2022-07', arrived: '2022-11' }],
  ['我是大专学历，32岁', { age: 32, degree: 'college' }],
  ['我是E类人才，在杭州没房，合同签了5年', { category: 'E', recognised: true, ownsHome: false, contractYears: 5 }],
  ['D类，名下无房', { category: 'D', recognised: true, ownsHome: false }],
  ['我没房，但是配偶有房', { ownsHome: true }],
  ['我是区级高层次人才，签了三年合同', { category: 'district', recognised: true, contractYears: 3 }],
  ['还没认定，没有人才类别', { recognised: false }],
  ['我住人才公寓，想问问', { inTalentApartment: true }],
  ['我没住人才公寓，自己租的房', { inTalentApartment: false }],
  ['我是副主任医师，2024年来钱塘', { title: 'deputy_senior', medical: true, arrived: '2024-01' }],
  ['主任医师，正高职称', { title: 'senior', medical: true }],
  ['我是特级教师，今年3月来钱塘工作', { title: 'special_teacher', arrived: '2026-03', worksInDistrict: true }],
  ['我是高级技师', { skill: 'senior_technician' }],
  ['技师，前年到钱塘', { skill: 'technician', arrived: '2024-01' }],
  ['我是博士后，刚进站', { postdoc: true }],
  ['博士后已经出站了，三年合同', { postdoc: false, postdocCompleted: true, contractYears: 3 }],
  // 博后 is how people say 博士后; 出站 still ahead leaves them in the station, the completion to come.
  ['我在钱塘一个国家级站做博后', { postdoc: true }],
  ['明年出站 打算留下来 公司给我签4年合同', { postdoc: true, contractYears: 4 }],
  ['我博士后明年就出站了', { postdoc: true }],
  ['我博士后还没出站', { postdoc: true }],
  ['我2027年6月出站', { postdoc: true }],
  ['博后出站了', { postdoc: false, postdocCompleted: true }],
  ['我被举才官举荐了', { recommendedByScout: true }],
  ['我在钱塘区一家公司上班，二〇二二年十一月来的钱塘', { worksInDistrict: true, arrived: '2022-11' }],
  ['２８岁，ｅ类人才', { age: 28, category: 'E', recognised: true }],
  ['社保从2025年3月开始交的', { insuranceMonths: 20 }],
  ['毕业五年多了', { graduated: '2021-10' }],
  ['来钱塘两年了', { arrived: '2024-11' }],
  // The place left out of a clause of its own: the year of coming (a place named that is not the district is not).
  ['我是从外地引进的特级教师，但是是2021年就来了', { title: 'special_teacher', arrived: '2021-01' }],
  ['2021年来的杭州', {}],
  ['我老家有房，在杭州没房', { ownsHome: false }],
  ["I'm 28, master's degree, graduated in 2023, came to Qiantang last year, 8 months of social insurance", { age: 28, degree: 'master', graduated: '2023-06', arrived: '2025-01', insuranceMonths: 8 }],
  ['I am 36 years old and I have a PhD. I work in Qiantang.', { age: 36, degree: 'phd', worksInDistrict: true }],
  ["I have a bachelor's, graduated 2 years ago, a 3-year contract, I don't own a home", { degree: 'bachelor', graduated: '2024-11', contractYears: 3, ownsHome: false }],
  ["I'm a senior technician and I paid social insurance for a year and a half", { skill: 'senior_technician', insuranceMonths: 18 }],
  ['I studied part-time for my master’s, graduated in June 2022', { degree: 'master', fullTime: false, graduated: '2022-06' }],
  ['I graduated last year with a master’s and moved to Qiantang in March 2025.', { degree: 'master', graduated: '2025-06', arrived: '2025-03' }],
  ['我是博士，博士后出站后留在钱塘工作', { degree: 'phd', postdoc: false, postdocCompleted: true, worksInDistrict: true }],
  ['我硕士毕业三年，来钱塘一年半了', { degree: 'master', graduated: '2023-11', arrived: '2025-05' }],
  ['年龄：33，学历本科', { age: 33, degree: 'bachelor' }],
  // A month without its year: the year said before it, else the latest such month up to today.
  ['我是博士，2025年7月毕业，9月来钱塘上班的', { degree: 'phd', graduated: '2025-07', arrived: '2025-09', worksInDistrict: true }],
  ['8月来钱塘工作的', { arrived: '2026-08', worksInDistrict: true }],
  ['12月来钱塘工作的', { arrived: '2025-12', worksInDistrict: true }],
];

describe('extractProfile', () => {
  it.each(CASES)('%s', (text, expected) => {
    expect(extract(text)).toEqual(expected);
  });

  it(`covers ${CASES.length} varied sentences`, () => {
    expect(CASES.length).toBeGreaterThanOrEqual(25);
  });
});

describe('extractProfile never invents', () => {
  it.each([
    '落户需要什么材料',
    '35周岁以下的本科生可以落户吗',
    '博士能拿多少生活补贴',
    'E类人才安家补贴多少',
    '社保要交满6个月吗',
    '无房证明怎么开',
    '我儿子5岁，想问子女入学',
    '如果是硕士的话租房补贴多少',
    '人才公寓能申请吗',
    '毕业5年以内的能申请吗',
    '要求签3年以上劳动合同吗',
    '医生有什么补贴',
    '技师学院在哪里',
    '我们公司有博士后工作站',
    '有房的话还能拿租房补贴吗',
    'What does a PhD get for rent subsidy?',
    'Is there an age limit of 35 for hukou?',
    '我在读博士',
    '你好，老师',
    '正高职称评审什么时候',
    '博士后出站后留区工作能拿多少',
    '听说博士后出站留区补贴现在给到50万？',
    // The benefit named by the stay it pays for, an employer's postdocs, a kind of people.
    '博后进站两年的生活补贴加上出站留区的 一共能拿多少',
    'HR在算成本，博后个人生活补贴那块已经了解过了',
    '准备招两个博后',
    '要出站的博士后能拿什么',
    '老婆没房',
    '三十多岁',
    "I'm 3 months into my job",
    '女儿今年十二岁',
  ])('%s → {}', (text) => {
    expect(extract(text)).toEqual({});
  });
});

describe('conventions', () => {
  it('a year without a month: graduation in June (types.ts), arrival in January (the earliest it can mean)', () => {
    const { profile, conventions } = extractProfileDetailed('2023年毕业，2024年来钱塘', TODAY);
    expect(profile).toEqual({ graduated: '2023-06', arrived: '2024-01' });
    expect(conventions.graduated).toContain('6月');
    expect(conventions.arrived).toContain('1月');
  });

  it('a stated month is no assumption', () => {
    expect(extractProfileDetailed('2023年9月毕业', TODAY).conventions).toEqual({});
  });

  it('"X年多" counts as X years and one month, so 毕业五年多 is past 毕业5年内', () => {
    expect(extract('毕业五年多').graduated).toBe('2021-10');
    expect(extract('毕业五年了').graduated).toBe('2021-11');
  });
});

describe('mergeProfile', () => {
  it('new facts win, unmentioned facts are kept, and undefined never erases', () => {
    const old: Profile = { age: 30, degree: 'master', ownsHome: false };
    expect(mergeProfile(old, { age: 31, insuranceMonths: 6, degree: undefined })).toEqual({ age: 31, degree: 'master', ownsHome: false, insuranceMonths: 6 });
    expect(old).toEqual({ age: 30, degree: 'master', ownsHome: false });
  });

  it('merges a correction from a later message', () => {
    const first = extract('我30岁，本科');
    const second = extract('说错了，是硕士');
    expect(mergeProfile(first, second)).toEqual({ age: 30, degree: 'master' });
  });
});

describe('English statements of the person asked about', () => {
  it('reads a spouse and a contract said of someone else, a class written after its letter, and work "here"', () => {
    expect(extract("He and his wife don't own any place in Hangzhou and the contract is 5 years. what housing allowance can he get?")).toEqual({ ownsHome: false, contractYears: 5 });
    expect(extract("We're hiring a B category scientist from Shanghai")).toEqual({ category: 'B', recognised: true });
    expect(extract('hi, im a phd who just moved here for work, is there any rent help?')).toEqual({ degree: 'phd', worksInDistrict: true });
    expect(extract("I'm a senior technician moving to a factory in Qiantang for my first job here, any bonus?")).toEqual({ skill: 'senior_technician', worksInDistrict: true });
    // "a category C talent": the article is no category.
    expect(extract("I'm a category C talent")).toMatchObject({ category: 'C' });
  });
});
