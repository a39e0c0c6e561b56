import { describe, expect, it } from 'vitest';
import { benefitPhrases, benefitTerms, namesByAlias, ofEveryBenefit, saysOfText, nearBenefit, onBenefit } from '../../../src/core/analysis/benefit-of.js';

const article = (heading: string, text: string) => ({ kind: 'policy' as const, heading, text, docTitle: '示例政策', shortName: undefined });

describe('onBenefit', () => {
  const rural = article('第十七条 乡村人才', '对返乡创业的青年大学生，经认定给予一次性创业补贴5万元。');
  const startup = article('第十一条 人才创业项目', '认定类创业项目直接给予500万元资助。');

  it('keeps the top passage that states the benefit in the person own words over a glossary-added term', () => {
    // The glossary adds 人才创业项目 for the loose word 创业; the person said 创业补贴, which only the top states.
    const named = '返乡创业的大学生一次性创业补贴多少 人才创业项目';
    expect(onBenefit(named, [rural, startup], 5, '返乡创业的大学生一次性创业补贴多少')).toBe(rural);
  });

  it('keeps the top passage sharing the person specific words when only a glossary guess names another', () => {
    // 返乡创业 is said and stated by the top passage; 人才创业项目 was only added for 创业.
    const asked = '返乡创业的大学生补多少';
    expect(onBenefit(`${asked} 人才创业项目`, [rural, startup], 5, asked)).toBe(rural);
  });

  it('follows the glossary guess when the named passage shares the person specific words too', () => {
    const permit = article('第九条 海外人才', '对外国人来华工作许可与居留许可实行联办，推行容缺受理。');
    const papers = article('三、申请材料', '无犯罪记录证明、体检证明。');
    const asked = '外籍员工办工作许可，无犯罪记录证明还没开出来';
    expect(onBenefit(`${asked} 海外人才`, [papers, permit], 5, asked)).toBe(permit);
  });

  it('leaves the 博士后 article that only speaks of 生活补贴 for the article naming it and the 博士 asked', () => {
    const postdoc = article('第十三条 博士后', '对进站博士后给予生活补贴，每人每年10万元，最长2年。');
    const graduates = article('第五条 青年大学生生活补贴', '按学历给予一次性生活补贴：本科1万元、硕士3万元、博士10万元。');
    const asked = '博士生活补贴现在涨到20万了？';
    expect(onBenefit(asked, [postdoc, graduates], 5, asked)).toBe(graduates);
    // The 博士后 asked keeps their own article.
    expect(onBenefit('博士后生活补贴多少', [postdoc, graduates], 5, '博士后生活补贴多少')).toBe(postdoc);
  });

  it('still moves to the named benefit when the person words are not in the top passage', () => {
    const rent = article('第六条 租房补贴', '给予租房补贴：本科每年1万元。');
    const flat = article('第七条 人才公寓', '前3年租金按市场价的50%收取。');
    expect(onBenefit('硕士租房补贴多少', [flat, rent], 5, '硕士租房补贴多少')).toBe(rent);
  });

  it('keeps the top passage whose bracketed other name the person used over a glossary-added term', () => {
    const flat = article('第七条 人才公寓', '博士可申请入住人才专项租赁住房（人才公寓），前3年租金按市场价的50%收取。');
    const rent = article('第六条 租房补贴', '给予租房补贴：硕士每年2万元。入住人才公寓（人才专项租赁住房）期间，不享受租房补贴。');
    const asked = '硕士申请人才专项租赁住房的话房租按市场价的多少收';
    // 房租 adds 租房补贴; the person named the apartment by the name its own article gives it.
    expect(onBenefit(`${asked} 租房补贴`, [flat, rent], 5, asked)).toBe(flat);
    // Without that name, the glossary term still moves the answer to the rent subsidy.
    expect(onBenefit('硕士房租补多少 租房补贴', [flat, rent], 5, '硕士房租补多少')).toBe(rent);
  });

  it('reads a benefit other name from either side of the brackets', () => {
    expect(namesByAlias('人才专项租赁住房租金', article('第七条 人才公寓', '可申请入住人才专项租赁住房（人才公寓）。'))).toBe(true);
    expect(namesByAlias('专项租赁住房租金', article('第七条 人才公寓', '人才公寓（人才专项租赁住房）实行轮候。'))).toBe(false);
    expect(namesByAlias('人才专项租赁住房租金', article('第七条 人才公寓', '人才公寓（人才专项租赁住房）实行轮候。'))).toBe(true);
    expect(namesByAlias('住房租金', article('第七条 人才公寓', '可申请入住人才专项租赁住房（人才公寓）。'))).toBe(false);
  });

  it('keeps the top passage named without its place when the glossary adds two guesses for one word', () => {
    // 院士 adds both 举才官 and 顶尖人才: the top article is 钱塘举才官, asked as 举才官.
    const scout = article('第八条 钱塘举才官', '聘请院士等知名专家学者担任“钱塘举才官”。');
    const top = article('第三条 顶尖人才', '对引进的A类人才（顶尖人才）实行“一人一议”。');
    const asked = '我被一个院士推荐来钱塘';
    expect(onBenefit(`${asked} 举才官 顶尖人才 举荐`, [scout, top], 5, asked)).toBe(scout);
  });

  it('tells whether the person\'s own words say something of a text', () => {
    const top = '第三条 顶尖人才 对引进的A类人才（顶尖人才）及其团队携带项目来区创新创业的，实行“一人一议”。';
    expect(saysOfText('我们团队想谈一人一议', top)).toBe(true);
    // 院士 is read as 顶尖人才 by the glossary only; 人才 alone is any text's word.
    expect(saysOfText('我被一个院士推荐来钱塘 但我社保还在外地', top)).toBe(false);
    expect(saysOfText('我是人才吗', top)).toBe(false);
  });

  it('names a benefit also without the place it belongs to', () => {
    expect(benefitTerms('钱塘举才官')).toEqual(['钱塘举才官', '举才官']);
    expect(benefitTerms('钱塘人才卡')).toEqual(['钱塘人才卡', '人才卡']);
    expect(benefitTerms('青年大学生生活补贴')).toEqual(['青年大学生生活补贴', '生活补贴']);
  });

  it('names a 人才 benefit by what is given, unless that names any benefit', () => {
    expect(benefitTerms('人才落户')).toEqual(['人才落户', '落户']);
    expect(benefitTerms('人才公寓')).toEqual(['人才公寓', '公寓']);
    expect(benefitTerms('人才补贴')).toEqual(['人才补贴']);
    expect(benefitTerms('人才分类认定')).toEqual(['人才分类认定', '分类认定']);
    expect(benefitTerms('租房补贴')).toEqual(['租房补贴']);
  });

  it('reads benefit names from a text', () => {
    expect(benefitPhrases('返乡的一次性创业补贴和建站资助')).toEqual(['创业补贴', '建站资助']);
  });
});

describe('nearBenefit', () => {
  const rent = article('第六条 租房补贴', '给予租房补贴：本科每年1万元、硕士每年2万元、博士每年3万元。');
  const living = article('第五条 青年大学生生活补贴', '按学历给予一次性生活补贴：本科1万元、硕士3万元、博士10万元。');

  it('finds the benefit a name one character off means, below a sibling benefit ranked first', () => {
    const near = nearBenefit('硕士生火补贴给多少', [rent, living]);
    expect(near?.passage).toBe(living);
    expect(near?.said).toBe('生火补贴');
    expect(near?.meant).toBe('生活补贴');
  });

  it('finds nothing when a passage names the benefit as said, or when no name is that close', () => {
    expect(nearBenefit('硕士生活补贴给多少', [rent, living])).toBeUndefined();
    expect(nearBenefit('硕士能拿多少补贴', [rent, living])).toBeUndefined();
    expect(nearBenefit('人才补贴有哪些', [rent, living])).toBeUndefined();
  });
});

describe('ofEveryBenefit', () => {
  it("finds the rule on combining said of every benefit, not one article's clause about its own", () => {
    const own = { text: '同一人才同时符合本条和本政策其他条款安家补贴条件的，按“就高、不重复”原则享受。' };
    const all = { text: '同一人才同时符合本政策及区内其他同类政策规定的，按照就高不重复原则享受。' };
    expect(ofEveryBenefit([own, all])).toBe(all);
    expect(ofEveryBenefit([own])).toBeUndefined();
  });
});
