import { describe, expect, it } from 'vitest';
import { analyseQuestion, asksCondition, asksSomething, aspectsOf, focusOf, lastAsked, thingsAsked } from '../../../src/core/analysis/question-analysis.js';

describe('analyseQuestion', () => {
  it('reads the aspect asked, zh and en', () => {
    expect(aspectsOf('生活补贴申请要准备哪些材料')).toEqual(['materials']);
    expect(aspectsOf('人才认定要多久出结果')).toEqual(['duration']);
    // "多少" also asks amounts; with 工作日 it asks how long, and that comes first.
    expect(aspectsOf('人才认定多少个工作日出结果')[0]).toBe('duration');
    expect(aspectsOf('举荐后要多少天审核完')[0]).toBe('duration');
    expect(aspectsOf('房补一年什么时候申请，几月份？')).toContain('schedule');
    expect(aspectsOf('安家补贴认定后多久内要申请')[0]).toBe('schedule');
    expect(aspectsOf('硕士生活补贴多少钱')).toEqual(['amount']);
    expect(aspectsOf('钱塘人才21条现在还有效吗')).toEqual(['validity']);
    expect(aspectsOf('安家补贴是一次给完吗')).toEqual(['payment']);
    expect(aspectsOf('How long does talent recognition take?')).toEqual(['duration']);
    // "How long … valid" asks the text's term, not an office's time limit.
    expect(aspectsOf('How long are the 25 New Talent Policies valid for?')[0]).toBe('effective');
    // Everyday English for the figure, the age limit and the time to apply.
    expect(aspectsOf('What yearly stipend does a postdoc in a research station receive?')).toContain('amount');
    expect(aspectsOf("Up to what age can a master's graduate move their hukou here?")).toContain('eligibility');
    expect(aspectsOf('When in the year can I apply for rent help?')).toContain('schedule');
    expect(aspectsOf('By when must I first apply for the relocation money?')).toContain('schedule');
    // The rent of a flat is a figure asked for, as 租金打几折 is.
    expect(analyseQuestion("Can a master's graduate rent a talent apartment, and at what rent?").parts.map((p) => p.aspect)).toContain('amount');
    expect(aspectsOf('How long are the 25 New Talent Policies valid for?')).not.toContain('duration');
    expect(aspectsOf('What documents do I need for the rent subsidy?')).toEqual(['materials']);
    // Typed without the apostrophe, "whats the living allowance" still asks the amount.
    expect(aspectsOf("whats the living allowance for a bachelor's grad")).toEqual(['amount']);
    expect(aspectsOf('When do applications for the rent allowance open?')).toContain('schedule');
  });

  it('reads English aspect words: payment, months, deadlines, age, amounts named by the benefit', () => {
    expect(aspectsOf('Is the settlement allowance paid all at once?')).toEqual(['payment']);
    expect(aspectsOf('Is it paid in one go?')).toEqual(['payment']);
    expect(aspectsOf('When do high-level talents apply for school places?')).toEqual(['schedule']);
    expect(aspectsOf('In which months are applications accepted?')).toEqual(['schedule']);
    expect(aspectsOf('How soon must I first apply for the allowance after recognition?')).toEqual(['schedule']);
    expect(aspectsOf('Is there an age limit for a master to get hukou?')).toEqual(['eligibility']);
    expect(aspectsOf('Who counts as a young graduate?')).toEqual(['definition']);
    expect(aspectsOf('Which papers must I hand in?')).toEqual(['materials']);
    expect(aspectsOf("What's the housing subsidy for category B talent?")).toEqual(['amount']);
    expect(aspectsOf('What share of the market rent would I pay?')).toContain('amount');
    expect(aspectsOf('Are the 21 Articles still in force?')).toEqual(['validity']);
    // Naming a benefit is not asking its amount.
    expect(aspectsOf('What documents are needed for the rent subsidy?')).toEqual(['materials']);
    expect(aspectsOf('What is the Qiantang Talent Card?')).toEqual([]);
  });

  it('takes the asking clause of a long message, not its background', () => {
    const q = '我老家是安徽的，去年研究生毕业，今年41岁了，想把户口迁到钱塘方便以后孩子上学，不知道我这个年龄还能不能落户，要什么条件';
    expect(focusOf(q)).toBe('不知道我这个年龄还能不能落户，要什么条件');
    expect(focusOf('我2025年入职的。社保交了一年。生活补贴去哪申请？')).toBe('生活补贴去哪申请？');
  });

  it('splits questions listed with 、 into parts, but not a list of things asked once', () => {
    expect(analyseQuestion('硕士能拿的：生活补贴多少、房补一年多少、人才公寓租金按几成').parts.map((p) => p.text)).toEqual(['硕士能拿的:生活补贴多少', '房补一年多少', '人才公寓租金按几成']);
    expect(analyseQuestion('D、E类人才发什么卡').parts).toHaveLength(1);
  });

  it('reads 谁能申请 as asking who qualifies and 怎么分房 as asking the procedure', () => {
    expect(analyseQuestion('人才公寓谁能申请？要交啥材料？交了以后怎么分房').parts.map((p) => p.aspect)).toEqual(['eligibility', 'materials', 'procedure']);
  });

  it('reads 发什么人才卡 as asking which card one receives', () => {
    expect(analyseQuestion('区级高层次人才安家补贴多少，发什么人才卡').parts.map((p) => p.aspect)).toEqual(['amount', 'amount']);
  });

  it('splits a two-part question into its parts, each with its aspect', () => {
    const a = analyseQuestion('人才卡在哪里申请，办下来要多久');
    expect(a.parts.map((p) => p.aspect)).toEqual(['where', 'duration']);
    expect(analyseQuestion('硕士生活补贴多少钱').parts).toHaveLength(1);
  });

  it('reads a space between Chinese words as the comma between parts, and not in English', () => {
    expect(analyseQuestion('本科租房补贴一年多少 能领几年 几月份申请').parts.map((p) => p.aspect)).toEqual(['amount', 'term', 'schedule']);
    expect(analyseQuestion('How much is the rent subsidy and how long does it take').parts.map((p) => p.aspect)).toEqual(['amount', 'duration']);
    expect(analyseQuestion('E类 安家补贴多少').parts).toHaveLength(1);
  });

  it('reads a part in each asking sentence, a second part of the same aspect too, with the case named before it', () => {
    expect(analyseQuestion('硕士生活补贴多少？交上去以后审核要多久').parts.map((p) => p.aspect)).toEqual(['amount', 'duration']);
    expect(analyseQuestion('E类安家补贴多少钱，认定后最晚什么时候要申请').parts.map((p) => p.aspect)).toEqual(['amount', 'schedule']);
    expect(analyseQuestion('博士落户有年龄限制吗？办下来要几天').parts.map((p) => p.aspect)).toEqual(['eligibility', 'duration']);
    expect(analyseQuestion('D类人才拿什么卡？申请后多久制好').parts.map((p) => p.aspect)).toEqual(['amount', 'duration']);
    const same = analyseQuestion('博士后进站补贴一年多少？出站留区又给多少');
    expect(same.parts.map((p) => p.text)).toEqual(['博士后进站补贴一年多少?', '出站留区又给多少']);
    // The clause that asks nothing names the case of every part after it.
    expect(analyseQuestion('硕士申请人才公寓，租金打几折，按市场价多少收').parts.every((p) => p.text.startsWith('硕士申请人才公寓'))).toBe(true);
    // One part among several sentences keeps its own sentence, not the last one's.
    expect(analyseQuestion('A类人才发的是什么卡？那拿着有啥用').parts[0]?.text).toBe('A类人才发的是什么卡?');
  });

  it('reads when a text took effect, and materials named only as a point in time are not asked for', () => {
    expect(aspectsOf('人才新政25条是从哪天开始施行的')).toEqual(['effective']);
    expect(aspectsOf('人才公寓提交材料后多久能分到房')).toEqual(['duration']);
    expect(aspectsOf('C类人才的孩子上学，区里怎么安排')).toEqual([]);
    // "多久…一次" asks how often, not how long.
    expect(aspectsOf('人才认定多久受理一次')).toEqual(['schedule']);
  });
});

describe('asksSomething', () => {
  it.each(['生活补贴能领多少', '硕士落户吗', '租房补贴材料', 'How much is the rent subsidy', '社保交了8个月了，能领吗', '我想申请租房补贴', '请问人才公寓', '帮我查一下', 'How much is it', '我是硕士?', '我是硕士？'])('%s asks', (text) => {
    expect(asksSomething(text)).toBe(true);
  });
  it.each(['去年9月从上海过来钱塘工作', '我是本科，今年29岁，2021年全日制毕业', '社保交了8个月了', '刚从外地来钱塘一家企业，以前没在钱塘上过班', '不对，我是高级技师', ''])('%s only tells', (text) => {
    expect(asksSomething(text)).toBe(false);
  });
});

describe('procedural aspects read from the asking words', () => {
  it('materials said to be missing are not asked for: "能先受理吗" is', () => {
    expect(aspectsOf('海外人才材料没带齐能先受理吗')).toEqual(['eligibility']);
    expect(aspectsOf('材料不全可以先交吗')[0]).not.toBe('materials');
  });

  it('"要经过哪些环节" asks the steps', () => {
    expect(aspectsOf('评审类创业项目申报后要经过哪些环节')).toEqual(['procedure']);
  });

  it('"每年" in one clause does not join a "什么时候" of the next: the amount is asked first', () => {
    expect(aspectsOf('生活补贴每年多少，什么时候之前要申报')[0]).toBe('amount');
  });
});

describe('thingsAsked', () => {
  it('reads the kind of thing asked for by name, not the words that ask a time or a benefit', () => {
    expect(thingsAsked('A类人才发的是什么卡？拿这张卡能享受什么')).toEqual(['卡']);
    expect(thingsAsked('我是D类人才，能享受哪些待遇')).toEqual([]);
    expect(thingsAsked('什么时候申请')).toEqual([]);
  });
});

describe('conditions and spoken procedure questions', () => {
  it('reads spoken question words (咋办, 啥时候) as the written ones', () => {
    expect(aspectsOf('钱塘人才卡丢了咋办')).toEqual(['procedure']);
    expect(aspectsOf('要啥时候申请')).toEqual(['schedule']);
  });

  it('reads a missed batch as asking when the next one is', () => {
    expect(aspectsOf('错过了3月那批租房补贴 今年还有机会吗')).toEqual(['schedule']);
  });

  it('reads a paper said to be short as asking whether it is accepted, not which papers', () => {
    expect(aspectsOf('外籍专家材料还差一份 能先受理吗')).toEqual(['eligibility']);
  });

  it('reads a condition asked by its measure ("合同要签几年") as a condition', () => {
    expect(aspectsOf('B类人才拿安家补贴 劳动合同要签几年')).toEqual(['eligibility']);
    expect(aspectsOf('社保要交满几个月才能申请生活补贴')).toEqual(['eligibility']);
  });

  it('tells a question asking the condition itself from one asking whether one qualifies or how much', () => {
    expect(asksCondition('区级高层次人才安家补贴要满足啥条件才给')).toBe(true);
    expect(asksCondition('劳动合同要签几年')).toBe(true);
    expect(asksCondition('社保要交满几个月')).toBe(true);
    expect(asksCondition('我是硕士，能领生活补贴吗')).toBe(false);
    expect(asksCondition('硕士生活补贴多少钱')).toBe(false);
  });

  it('reads a choice between two of a kind ("金卡还是银卡") as asking which one is received', () => {
    expect(analyseQuestion('人才卡是金卡还是银卡，怎么申请').parts.map((p) => p.aspect)).toEqual(['amount', 'procedure']);
    expect(aspectsOf('安家补贴是一次性发还是分期发')).toEqual(['payment']);
  });

  it('does not read "每年多少 啥时候" across the space as asking how often', () => {
    expect(aspectsOf('进站以后生活补贴每年多少 啥时候去报')).toEqual(['amount', 'schedule']);
  });

  it.each(['我也不是什么人才', '没什么学历', '什么补贴都没领过', '什么安家费租房补贴都跟我们没关系'])('does not read the indefinite 什么 of %s as a question', (clause) => {
    expect(asksSomething(clause)).toBe(false);
    expect(thingsAsked(clause)).toEqual([]);
  });

  it('finds the question after a clause with an indefinite 什么', () => {
    expect(focusOf('普通工人想提升学历有没有补助，我也不是什么人才')).toContain('有没有补助');
    expect(thingsAsked('发的是什么卡')).toEqual(['卡']);
  });

  it('reads 重复拿 as asking whether benefits combine', () => {
    expect(aspectsOf('同一类补贴能不能重复拿')).toEqual(['combine']);
  });

  it('reads 每个月都能报吗 as asking when one applies', () => {
    expect(aspectsOf('人才认定是每个月都能报吗')[0]).toBe('schedule');
  });
});

describe('follow-up cases in one message', () => {
  it('asks "技师呢" as a part of its own, with the aspect before it', () => {
    const { parts } = analyseQuestion('新引进高级技师补多少 技师呢 新建市级技能大师工作室呢');
    expect(parts.map((p) => p.text)).toEqual(['新引进高级技师补多少', '技师呢', '新建市级技能大师工作室呢']);
    expect(parts.every((p) => p.aspect === 'amount')).toBe(true);
  });
  it('does not let "二等呢" become the setting of the next question', () => {
    const { parts } = analyseQuestion('创业项目评审类一等给多少 二等呢 场地最大给多少平');
    expect(parts.map((p) => p.text)).toEqual(['创业项目评审类一等给多少', '二等呢', '场地最大给多少平']);
  });
  it('reads "一年几个钱" as an amount', () => {
    expect(aspectsOf('房贴博士一年几个钱')).toEqual(['amount']);
  });
});

describe('lastAsked', () => {
  it('is the asking clause after a story separated by spaces', () => {
    expect(lastAsked('我在站的时候每年领10万生活补贴 现在出站了签了3年合同留钱塘 出站补贴多少')).toBe('出站补贴多少');
  });
  it('is the asking sentence of a long message', () => {
    expect(lastAsked('我爱人是副高，她的事情我回头再问。先问我自己：特级教师的安家补贴是多少？')).toMatch(/^先问我自己.特级教师的安家补贴是多少.$/u);
  });
});
