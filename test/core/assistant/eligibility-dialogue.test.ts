import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/core/types.js';
import { askedFirst, asksCasesInTurn, byStory } from '../../../src/core/assistant/eligibility-dialogue.js';
import { useServices } from '../../helpers/services.js';

// Today is 2026-11-27 (helpers/services TODAY_ISO); every date below counts from it.
const fx = useServices();
const keys = (r: Reply): string[] => r.citations.map((c) => c.key);
const asked = (r: Reply): string | undefined => /先问一句：(.+)|One question first: (.+)/u.exec(r.text)?.slice(1).find((x) => x !== undefined)?.trim();
const lastOf = (replies: Reply[]): Reply => {
  const r = replies[replies.length - 1];
  if (!r) throw new Error('no reply');
  return r;
};

describe('eligibility dialogue through the assistant', () => {
  describe('facts already given are used, never asked again', () => {
    it('a bare reply ("28", "没有") answers the question just asked; the next reply asks the next fact', async () => {
      const { replies } = await fx.dialogue('我全日制硕士，2024年6月毕业，2026年3月来钱塘工作，能领生活补贴吗', '28');
      expect(asked(replies[0] as Reply)).toBe('请问您今年多少周岁？');
      const after = lastOf(replies);
      expect(after.intent).toBe('eligibility');
      expect(after.text).toContain('28岁');
      expect(asked(after)).toBe('请问您在钱塘区已缴纳社保多少个月？');
    });

    it('"没有" to the home question is a fact: the rent check moves on instead of asking it again', async () => {
      const { replies } = await fx.dialogue('我28岁，全日制本科，2025年毕业，2025年8月来钱塘上班，没住人才公寓，能领租房补贴吗', '没有');
      expect(asked(replies[0] as Reply)).toBe('请问您本人或配偶在杭州市区是否有自有住房？');
      const r = lastOf(replies);
      expect(r.text).toContain('✅ **租房补贴**');
      expect(r.text).toContain('**每年1万元，最长3年**');
      expect(asked(r)).toBeUndefined();
    });

    it('"全日制" in reply to the degree question is kept: the next question asks only the degree', async () => {
      const { replies } = await fx.dialogue('我能领生活补贴吗', '全日制的');
      expect(asked(replies[0] as Reply)).toBe('请问您的最高学历是？是否为全日制？');
      expect(asked(lastOf(replies))).toBe('请问您的最高学历是（本科、硕士、博士或大专）？');
    });

    it('facts spread over turns are all used: the verdict comes when the last one arrives', async () => {
      const { replies } = await fx.dialogue('我是全日制硕士', '2024年毕业，28岁', '2026年3月来钱塘工作，社保交了8个月，生活补贴能领吗');
      const r = lastOf(replies);
      expect(r.text).toContain('✅ **青年大学生生活补贴**');
      expect(r.text).toContain('**3万元**');
      expect(asked(r)).toBeUndefined();
    });
  });

  describe('what benefits there are, asked before any fact', () => {
    it('lists the benefits with their keys and no figure, then checks them against the facts the reply gives', async () => {
      const { replies } = await fx.dialogue('钱塘有哪些人才补贴', '我是全日制博士，2026年7月毕业，2026年8月来钱塘上班');
      const overview = replies[0] as Reply;
      expect(keys(overview)).toEqual(expect.arrayContaining(['qt25-4', 'qt25-5', 'qt25-6', 'qt25-13', 'qt25-22']));
      // No figure: each differs by case, and the person has not said theirs.
      expect(overview.text).not.toMatch(/\d+万元/u);
      expect(overview.text).toContain('学历');
      const checked = lastOf(replies);
      expect(checked.intent).toBe('eligibility');
      expect(checked.text).toContain('10万元');
      expect(keys(checked)).toContain('qt25-5');
    });

    it('answers in English, and leaves a question naming a case or a thing to the texts', async () => {
      const en = await fx.ask(fx.newConversation(), 'What benefits are there for talent in Qiantang?');
      expect(en.text).toContain('rent subsidy [qt25-6]');
      const master = await fx.ask(fx.newConversation(), '硕士有哪些补贴');
      expect(master.text).toMatch(/\d+万元/u);
      const card = await fx.ask(fx.newConversation(), '人才卡有哪些服务');
      expect(keys(card)[0]).toBe('qt25-19');
    });
  });

  describe('a condition asked is not a check', () => {
    it('"合同要签几年" of a category gets the condition, not a verdict and a question', async () => {
      const r = await fx.ask(fx.newConversation(), 'B类人才拿安家补贴 劳动合同要签几年');
      // The rule's requirement says the measure: 3年以上（含3年）.
      expect((r.text.split('\n')[0] ?? '')).toMatch(/3年以上(?:（含3年）)?劳动合同/u);
      expect(r.text).not.toContain('400万元');
      expect(asked(r)).toBeUndefined();
    });
  });

  describe('a verdict as soon as the facts decide it', () => {
    it('one failing fact decides, though others are missing: 大专 gets no living subsidy and no question', async () => {
      const r = await fx.ask(fx.newConversation(), '我是大专学历，能领生活补贴吗');
      expect(r.text).toContain('❌ **青年大学生生活补贴**');
      expect(asked(r)).toBeUndefined();
    });
  });

  describe('with facts missing: the conditional answer first, then one question', () => {
    it('states the amount for the person\'s case and the open conditions with the key, then asks one fact', async () => {
      const r = await fx.ask(fx.newConversation(), '我是全日制硕士，26岁，能领租房补贴吗');
      expect(r.intent).toBe('eligibility');
      const conditional = r.text.indexOf('符合这些条件就能领');
      expect(conditional).toBeGreaterThanOrEqual(0);
      expect(r.text).toContain('按您的情况为**每年2万元，最长3年** [qt25-6]');
      expect(r.text).toContain('在区内租房居住');
      expect(conditional).toBeLessThan(r.text.indexOf('先问一句'));
      expect(r.text.match(/请问/gu)).toHaveLength(1);
      expect(keys(r)).toContain('qt25-6');
    });
  });

  describe('a how-much question gets the amounts, not a question back', () => {
    it('硕士 + 生活补贴多少钱: the asker\'s case, then an offer to check', async () => {
      const r = await fx.ask(fx.newConversation(), '我是硕士，26岁，生活补贴多少钱');
      expect(r.text).toMatch(/^\*\*青年大学生生活补贴\*\*：\*\*硕士3万元\*\* \[qt25-5\]/u);
      expect(asked(r)).toBeUndefined();
      expect(r.text).toContain('想确认您能否领取');
    });

    it('an amount question after facts were given earlier is answered for that case', async () => {
      const { replies } = await fx.dialogue('我是全日制博士，能领人才公寓吗', '生活补贴多少钱');
      const r = lastOf(replies);
      expect(r.text).toContain('**青年大学生生活补贴**：**博士10万元** [qt25-5]');
      expect(asked(r)).toBeUndefined();
    });
  });

  describe('only the benefit the question asks gets a verdict', () => {
    it('renting, asking about the living subsidy: no rent-subsidy verdict or amount', async () => {
      // Every rent-subsidy fact is given too, so a rent verdict could be stated: it must not be.
      const r = await fx.ask(fx.newConversation(), '我28岁，全日制硕士，在钱塘租房住，没住人才公寓，本人和配偶都没房，2024年毕业，2026年3月来钱塘工作，社保交了8个月，生活补贴能领吗');
      expect(r.text).toContain('✅ **青年大学生生活补贴**');
      expect(r.text).not.toContain('租房补贴**');
      expect(r.text).not.toContain('每年2万元');
      expect(keys(r)).toEqual(['qt25-5']);
    });

    it('a question naming no benefit but giving facts lists what the facts qualify for, with figures and keys', async () => {
      const r = await fx.ask(fx.newConversation(), '我是全日制博士，能享受哪些补贴');
      expect(r.intent).toBe('eligibility');
      expect(r.text).toContain('**青年大学生生活补贴**');
      expect(r.text).toContain('**10万元** [qt25-5]');
      expect(r.text).toContain('**每年3万元，最长3年** [qt25-6]');
      expect(r.text).not.toContain('博士后');
    });
  });

  describe('the benefit the conversation is about leads, not a benefit a story fact names', () => {
    it('"能拿多少？" after a story naming 博士 stays on the living subsidy asked first (no 博士后)', async () => {
      const { replies } = await fx.dialogue('想问生活补贴', '我全日制博士，2024年毕业，2025年3月来钱塘工作，30岁', '能拿多少？');
      const r = lastOf(replies);
      expect(r.intent).toBe('eligibility');
      expect(keys(r)).toEqual(['qt25-5']);
      expect(r.text).toContain('10万元');
      expect(r.text).not.toContain('博士后');
    });

    it('a fact with "多少钱" after a category answer re-answers the settlement allowance with that category', async () => {
      const { replies } = await fx.dialogue('我是D类人才，想了解安家补贴', '劳动合同签的5年，多少钱？');
      const r = lastOf(replies);
      expect(keys(r)).toEqual(['qt25-4']);
      expect(r.text.split('\n')[0]).toContain('200万元');
    });

    it('a question about another matter without a benefit name ("能领几年") is not read as a re-check', async () => {
      const { replies } = await fx.dialogue('硕士租房补贴一年多少', '能领几年');
      expect(lastOf(replies).text).not.toContain('先问一句');
    });

    it('a 特级教师 asking about 安家补贴 gets the teachers\' settlement allowance (50万元), not the category table', async () => {
      const { replies } = await fx.dialogue('我是特级教师', '今年刚从外地调到钱塘区的学校', '有安家补贴吗，多少');
      const r = lastOf(replies);
      expect(keys(r)[0]).toBe('qt25-15');
      expect(r.text.split('\n')[0]).toContain('50万元');
      expect(r.text).not.toContain('800万元');
    });

    it('a deputy-senior doctor asking "能拿多少安家补贴" gets the health talents\' 20万元', async () => {
      const { replies } = await fx.dialogue('我爱人是医生', '她是副主任医师，副高职称，刚被钱塘的医院引进', '她能拿多少安家补贴');
      const r = lastOf(replies);
      expect(keys(r)[0]).toBe('qt25-16');
      expect(r.text.split('\n')[0]).toContain('20万元');
    });

    it('a postdoc asking about the stay-on grant is not given the in-station allowance first (they are not forms of each other)', async () => {
      const { replies } = await fx.dialogue('博士后进站每年补多少', '出站留下来呢');
      expect(lastOf(replies).text.split('\n')[0]).toContain('40万元');
    });

    it('a correction that mentions an earlier degree ("本科是之前的学历") re-answers from the current policy', async () => {
      const { replies } = await fx.dialogue('我本科毕业，刚入职钱塘的企业，生活补贴能领多少', '不对，我说错了，我是硕士毕业，本科是之前的学历');
      const r = lastOf(replies);
      expect(keys(r)).toEqual(['qt25-5']);
      expect(r.text).toContain('3万元');
      expect(r.text).not.toContain('已废止');
    });
  });

  describe('a total over the years when the question asks one', () => {
    it('"按三年算总共多少" says the yearly figure with its total and the arithmetic, in the first sentence', async () => {
      const r = await fx.ask(fx.newConversation(), '硕士的租房补贴按三年算总共多少');
      const first = r.text.split('。')[0] ?? '';
      expect(first).toContain('6万元（2万元×3年）');
      expect(keys(r)).toEqual(['qt25-6']);
    });

    it('without 一共/总共 no total is added', async () => {
      const r = await fx.ask(fx.newConversation(), '硕士的租房补贴每年多少');
      expect(r.text).not.toContain('合计');
    });

    it('the postdoc allowance asked as 博士后的生活补贴 is that one alone, with its two-year total', async () => {
      // Naming the benefit states no fact of the person: the article answers, with the sum of its years.
      const r = await fx.ask(fx.newConversation(), '进站博士后的生活补贴最多拿几年，加起来多少？');
      expect(r.text).toMatch(/合计20万元（(?:每年)?10万元×2年）/u);
      expect(r.text).not.toContain('出站');
      expect(r.text).not.toContain('青年大学生生活补贴');
    });

    it('an amount question names the benefit asked first, before another one the same word names', async () => {
      const r = await fx.ask(fx.newConversation(), '进站博士后每年生活补贴多少');
      expect(r.text.split('\n')[0]).toContain('10万元');
    });
  });

  describe('deadlines and exclusions the facts trigger', () => {
    it('a passed filing window is said with its date: 认定后1年内首次申请', async () => {
      const r = await fx.ask(fx.newConversation(), '我2025年3月认定为D类人才，安家补贴还能申请吗');
      expect(r.text).toContain('按您的情况为**200万元** [qt25-4]');
      expect(r.text).toContain('⚠️ 申请期限：认定后1年内首次申请');
      expect(r.text).toContain('期限已于2026年3月届满');
    });

    it('an open window is said with its end: 进站后3个月内申报', async () => {
      const r = await fx.ask(fx.newConversation(), '我2026年10月进了区内企业的博士后工作站，生活补贴每年多少，什么时候之前要申报');
      expect(r.text).toContain('**博士后生活补贴**');
      expect(r.text).toContain('每人每年10万元');
      expect(r.text).toContain('截止在2027年1月');
      expect(r.text).not.toContain('青年大学生生活补贴');
    });

    it('a question leading with when to apply is answered by the guide, whatever facts it gives', async () => {
      const r = await fx.ask(fx.newConversation(), '我是硕士，今年刚来钱塘租房住，租房补贴几月份可以报');
      expect(r.text).toContain('3月、9月');
      expect(r.text).not.toContain('先问一句');
      const postdoc = await fx.ask(fx.newConversation(), '博士后出站留在钱塘的补贴什么时候去申报');
      expect(postdoc.text).toContain('签订劳动合同后申报');
      expect(postdoc.text).not.toContain('❌');
    });

    it('when to apply asked after background is answered from the asking clause, not the background\'s degree', async () => {
      const r = await fx.ask(fx.newConversation(), '我本科毕业两年，去年12月入职区内企业交社保，生活补贴什么时候能申请');
      expect(r.text).toContain('满6个月后');
      expect(r.citations[0]?.key).toMatch(/^g02-/u);
    });

    it('"A类发的是什么卡" is answered from the card article, not the definitions article the category pulls first', async () => {
      const r = await fx.ask(fx.newConversation(), 'A类人才发的是什么卡？拿这张卡能享受什么');
      expect(r.citations[0]?.key).toBe('qt25-19');
      expect(r.text).toContain('金卡');
      expect(r.text).toContain('就医');
    });

    it('asking which card a category gets and what it gives is not a check of everything the category qualifies for', async () => {
      const r = await fx.ask(fx.newConversation(), 'D类人才领的是什么卡，凭卡有哪些服务');
      expect(r.text).toContain('银卡');
      expect(r.text).toContain('就医');
      expect(r.text).not.toContain('安家补贴');
    });

    it('living in a talent apartment rules the rent subsidy out, said with the reason', async () => {
      const r = await fx.ask(fx.newConversation(), '我是全日制硕士，现在住人才公寓，还能领租房补贴吗');
      expect(r.text).toContain('❌ **租房补贴**');
      expect(r.text).toContain('入住期间不享受租房补贴');
    });

    it('two settlement allowances: 就高不重复, the lower one marked', async () => {
      const r = await fx.ask(fx.newConversation(), '我是特级教师，也是D类人才，2025年1月来钱塘工作，签了5年合同，本人和配偶在杭州都没房，安家补贴能拿多少');
      expect(r.text).toContain('✅ **特级教师安家补贴**');
      expect(r.text).toContain('✅ **高层次人才安家补贴**');
      expect(r.text).toContain('**200万元**');
      expect(r.text).toContain('就高不重复');
      expect(r.text).toContain('本项不重复享受');
    });
  });

  describe('someone else', () => {
    it('HR asking for a new hire: the answer speaks of 该员工, never 您', async () => {
      const r = await fx.ask(fx.newConversation(), '我们公司新招了一个博士，2025年毕业，他能领多少生活补贴');
      expect(r.intent).toBe('eligibility');
      expect(r.text).toContain('**青年大学生生活补贴**：**博士10万元** [qt25-5]');
      const body = r.text.split('依据原文')[0] ?? '';
      expect(body).not.toContain('您');
    });

    it('in English, about a new hire: the employee, and the given degree is not asked again', async () => {
      const r = await fx.ask(fx.newConversation(), "Our new hire has a full-time master's degree and he is 27. Can he get the rent subsidy?");
      expect(r.intent).toBe('eligibility');
      expect(r.text).toContain('the employee qualifies if the employee meets these conditions');
      expect(r.text).toContain('**20,000 yuan a year, for up to 3 years**');
      expect(asked(r)).not.toMatch(/degree/u);
      expect(r.text.split('Basis')[0]).not.toMatch(/\byou\b/iu);
    });

    it('the next reply about the hire keeps speaking of 该员工', async () => {
      const { replies } = await fx.dialogue('我们新员工是全日制硕士，他能领租房补贴吗', '26岁');
      const r = lastOf(replies);
      expect(asked(r)).toMatch(/^请问该员工/u);
      expect((r.text.split('依据原文')[0] ?? '')).not.toContain('您');
    });
  });

  describe('corrections replace facts and re-answer the question', () => {
    it('a new how-to question while a fact is pending is answered as itself, not as the pending check', async () => {
      const { replies } = await fx.dialogue('我能领生活补贴吗', '我是博士，人才卡怎么申领');
      const r = lastOf(replies);
      expect(asked(r)).toBeUndefined();
      expect(r.text).not.toContain('符合这些条件就能领');
    });

    it('"不对，我是硕士" after a PhD verdict: the same check again, with 3万元 and not 10万元', async () => {
      const { replies } = await fx.dialogue('我28岁，全日制博士，2024年毕业，2026年3月来钱塘工作，社保交了8个月，能领生活补贴吗', '不对，我是硕士');
      expect((replies[0] as Reply).text).toContain('**10万元**');
      const r = lastOf(replies);
      expect(r.intent).toBe('eligibility');
      expect(r.text).toContain('✅ **青年大学生生活补贴**');
      expect(r.text).toContain('**3万元**');
      expect(r.text).not.toContain('10万元**');
      expect(r.text).toContain('全日制硕士');
    });

    it('"我说错了，是2020年毕业" turns the verdict: graduated more than 5 years ago', async () => {
      const { replies, conversationId } = await fx.dialogue('我28岁，全日制硕士，2024年毕业，2026年3月来钱塘工作，社保交了8个月，能领生活补贴吗', '我说错了，是2020年毕业');
      const r = lastOf(replies);
      expect(r.text).toContain('❌ **青年大学生生活补贴**');
      expect(r.text).toContain('毕业已超过5年');
      expect((await fx.conversations.get(conversationId))?.profile.graduated).toBe('2020-06');
    });
  });

  describe('English', () => {
    it('a missing fact gets the conditional answer and the question in English', async () => {
      const r = await fx.ask(fx.newConversation(), "I'm a C-class talent. Can I get the settlement allowance?");
      expect(r.lang).toBe('en');
      expect(r.text).toContain('**high-level talent settlement allowance**');
      expect(r.text).toContain('**3,000,000 yuan**');
      expect(r.text).toContain('[qt25-4]');
      expect(asked(r)).toBe('When did you first start working and paying social insurance in Qiantang (year and month)?');
      const body = r.text.split('Basis')[0] ?? '';
      expect(body).not.toMatch(/\p{Script=Han}/u);
    });
  });
});

describe('byStory', () => {
  const rulesFor = (t: string) => [
    ...(t.includes('出站') ? [{ id: 'stay', key: 'k', benefit: '出站补贴' }] : []),
    ...(t.includes('博后') ? [{ id: 'living', key: 'k', benefit: '生活补贴' }, { id: 'stay', key: 'k', benefit: '出站补贴' }] : []),
  ];
  const v = (ruleId: string, status: string) => ({ ruleId, status });

  it('puts the benefits the latest message names first, then decided before undecided', () => {
    const ranked = byStory(rulesFor, ['我是博后', '明年出站', '有啥补贴'], [v('home', 'missing'), v('living', 'eligible'), v('stay', 'missing'), v('card', 'eligible')]);
    expect(ranked.map((r) => r.ruleId)).toEqual(['stay', 'living', 'card', 'home']);
  });
});

describe('a post-doc planning to leave the station', () => {
  it('asked what they can get, hears of the stay-on grant first, the living allowance as theirs now', async () => {
    const { replies } = await fx.dialogue('我在区里一个省级工作站做博后', '打算后年出站以后留在钱塘，单位签5年合同', '能享受哪些补贴');
    const r = lastOf(replies);
    const first = r.text.split('\n')[0] ?? '';
    expect(first).toContain('博士后出站留区补贴');
    expect(first).toContain('40万元');
    expect(r.text).toContain('✅ **博士后生活补贴**');
    expect(r.text).not.toContain('博士后尚未出站');
  });
});

describe('a condition measure asked', () => {
  it('is answered by the rule requirement, in English after the facts were told', async () => {
    const { replies } = await fx.dialogue("I have a master's degree and graduated last year, I start in Qiantang next month", 'how many months of social insurance do I need for the living subsidy?');
    const r = lastOf(replies);
    expect(r.text.split('\n')[0]).toContain('6 months of social insurance paid in the district [qt25-5]');
    expect(asked(r)).toBeUndefined();
  });
});

describe('askedFirst', () => {
  const verdicts = [{ ruleId: 'living' }, { ruleId: 'leaving' }];
  it('puts the verdict on the benefit the asking clause names first', () => {
    expect(askedFirst(verdicts, ['leaving']).map((v) => v.ruleId)).toEqual(['leaving', 'living']);
  });
  it('keeps the order when the clause names none or all of them', () => {
    expect(askedFirst(verdicts, []).map((v) => v.ruleId)).toEqual(['living', 'leaving']);
    expect(askedFirst(verdicts, ['leaving', 'living']).map((v) => v.ruleId)).toEqual(['living', 'leaving']);
  });
});

describe('asksCasesInTurn', () => {
  it('is a figure asked, then the same of other cases', () => {
    expect(asksCasesInTurn('新引进高级技师补多少 技师呢 新建市级技能大师工作室呢')).toBe(true);
  });
  it('is not one figure asked of one case, nor a follow-up alone', () => {
    expect(asksCasesInTurn('新引进高级技师补多少')).toBe(false);
    expect(asksCasesInTurn('技师呢')).toBe(false);
  });
});
