import { describe, expect, it } from 'vitest';
import { answerPoint, bestSentences, caseItem, figureClause, namedItem, sectionFor } from '../../../src/core/answer/answer-parts.js';
import type { Passage } from '../../../src/core/ports/knowledge-port.js';
import { g02_3, terms } from '../../helpers/passages.js';

const hukou = '具有全日制本科学历且年龄在35周岁以下、全日制硕士学历且年龄在45周岁以下、全日制博士学历（不限年龄）的人才，在区内就业的，可直接落户。';

describe('caseItem', () => {
  it('keeps the item of a case-by-case condition that names the asked case, with what is said of every item', () => {
    expect(caseItem(hukou, '博士落户有年龄限制吗', terms, [])).toBe('全日制博士学历（不限年龄）的人才，在区内就业的，可直接落户');
    expect(caseItem(hukou, '硕士落户年龄有要求吗', terms, [])).toBe('全日制硕士学历且年龄在45周岁以下的人才，在区内就业的，可直接落户');
  });

  it('keeps the whole sentence when no single item names the case', () => {
    expect(caseItem(hukou, '落户有年龄限制吗', terms, [])).toBeUndefined();
    expect(caseItem('申请人在区内缴纳社会保险满6个月。', '博士要交满多久社保', terms, [])).toBeUndefined();
  });
});

describe('figureClause', () => {
  it('keeps the one clause of a long sentence that carries the figure in the asked unit', () => {
    const rent = '对新引进的青年大学生，在区内租房居住且本人及配偶在杭州市区无自有住房的，给予租房补贴：本科每年1万元、硕士每年2万元、博士每年3万元，最长享受3年。';
    expect(figureClause(rent, /年$/u)).toBe('最长享受3年');
    // Money is in one clause with three figures: not narrowed by a time unit it does not carry.
    expect(figureClause(rent, /平方米$/u)).toBeUndefined();
    expect(figureClause('最长享受3年。', /年$/u)).toBeUndefined();
  });
});

describe('namedItem', () => {
  const steps = ['申领：认定后线上申领', '审核制卡：钱塘区人才服务中心核对认定信息后制卡', '遗失补办：人才卡遗失的，申请人在线提交补办申请，按上述流程重新制卡'];
  it('keeps the one step a word of the question names', () => {
    expect(namedItem(steps, '人才卡丢了怎么补办', terms, '四、办理流程 人才卡')).toBe(steps[2]);
  });
  it('keeps none when the question asks the procedure as a whole', () => {
    expect(namedItem(steps, '人才卡怎么申请', terms, '四、办理流程 人才卡')).toBeUndefined();
  });
  it('does not let a word several steps share (在线) name a step beside the one asked', () => {
    const full = ['申领：认定后线上申领，申请人通过“钱塘人才全息场”在线申领钱塘人才卡', ...steps.slice(1)];
    expect(namedItem(full, '人才卡在线补办', terms, '四、办理流程 人才卡')).toBe(full[2]);
  });
});

describe('answerPoint, one condition asked', () => {
  const conditions: Passage = { ...g02_3, key: 'g07-2', docId: 'g07', heading: '二、办理条件', text: '1. 申请人已与钱塘区注册的用人单位签订劳动合同。\n2. 申请人符合外国人来华工作许可的条件，学历、无犯罪记录、健康状况等证明材料齐全有效。\n3. 主要材料齐全、次要材料暂缺的，可按容缺受理方式先行受理，申请人书面承诺在规定时间内补齐。' };
  it('answers a paper said to be missing with the provision for it, not the whole list of conditions', () => {
    const point = answerPoint(conditions, '外国人工作许可材料差一个体检证明，能先受理吗', 'eligibility', terms, []);
    expect(point.direct).toContain('容缺受理');
    expect(point.direct).not.toContain('签订劳动合同');
  });
  it('still lists every condition when the conditions are asked as a whole', () => {
    expect(answerPoint(conditions, '外国人工作许可要什么条件', 'eligibility', terms, []).list).toBe(true);
  });
});

describe('answerPoint, how long until the money arrives', () => {
  const timeLimit: Passage = { ...g02_3, key: 'g02-5', heading: '五、办理时限', text: '审核30个工作日；审核通过后公示5天，公示5天后发放（公示期间无异议的）。' };
  it('states every wait of the time-limit section, not the one naming the payment alone', () => {
    const point = answerPoint(timeLimit, '生活补贴交上去以后多久能到账', 'duration', terms, [], '', '发放');
    expect(point.direct).toContain('30个工作日');
    expect(point.direct).toContain('公示5天后发放');
  });
  it('counted from a step, answers the waits after it', () => {
    const point = answerPoint(timeLimit, '生活补贴审完多久发钱', 'duration', terms, [], '', '发放');
    expect(point.direct).toContain('公示5天后发放');
    expect(point.direct).not.toContain('30个工作日');
  });
  it('answers how long the review takes by the review', () => {
    const point = answerPoint(timeLimit, '生活补贴审核要多久', 'duration', terms, []);
    expect(point.direct).toContain('30个工作日');
    expect(point.direct).not.toContain('发放');
  });
});

// A guide whose sections speak of three kinds of funding, each item headed by its kind.
const g10 = (n: number, heading: string, text: string): Passage => ({ ...g02_3, key: `g10-${n}`, docId: 'g10', shortName: '博士后资助申领指南', basis: ['qt25-13'], number: n, heading, text });
const g10_2 = g10(2, '二、办理条件', '1. 建站资助：申请单位依法纳税，博士后工作站经批准新设立。\n2. 出站留区补贴：博士后已出站，与区内单位签订3年以上劳动合同。');
const g10_3 = g10(3, '三、申请材料', '1. 建站资助：工作站设立批准文件。\n2. 进站生活补贴：进站通知、博士学位证书。\n3. 出站留区补贴：出站证明材料、劳动合同。');
const g10_4 = g10(4, '四、办理流程', '1. 申报：进站生活补贴在进站后3个月内申报；出站留区补贴在与区内单位签订劳动合同后申报。\n2. 审核：人才服务中心审核。');

describe('answerPoint on a list headed case by case', () => {
  it('keeps the items headed by the case the question names', () => {
    const { direct } = answerPoint(g10_3, '博士后出站留区补贴要准备什么材料', 'materials', terms, []);
    expect(direct).toContain('出站证明材料');
    expect(direct).not.toContain('进站通知');
    expect(direct).not.toContain('设立批准文件');
  });

  it('keeps every item when no head names the case', () => {
    expect(answerPoint(g10_3, '博士后资助要交什么材料', 'materials', terms, []).direct).toContain('设立批准文件');
  });
});

describe('sectionFor: when to apply', () => {
  it('is the section saying when one applies, not one whose 批准 reads like a batch', () => {
    expect(sectionFor([g10_2, g10_3, g10_4], 'schedule', '博士后出站留区补贴什么时候可以申报', terms)?.key).toBe('g10-4');
  });
});

describe('answerPoint: where to apply online', () => {
  it('answers "网上能办吗，哪个平台" with the sentence naming where to apply online, not one quoting the matter', () => {
    const article: Passage = { ...g02_3, kind: 'policy', key: 'qt25-23', heading: '第二十三条 人才安居乐业一件事', text: '深化“人才安居乐业一件事”改革，将人才认定、落户等事项集成办理，实现“一窗进出”。\n\n人才可通过“钱塘人才全息场”在线提交申请、查询进度，也可到窗口现场办理。' };
    expect(answerPoint(article, '人才政策的事能在网上申请吗 人才安居乐业一件事', 'where', terms, []).direct).toContain('钱塘人才全息场');
  });

  it('answers what one receives with the sentence saying what is enjoyed', () => {
    const card: Passage = { ...g02_3, kind: 'policy', key: 'qt25-19', heading: '第十九条 钱塘人才卡', text: '对高层次人才发放“钱塘人才卡”。A、B、C类人才发放金卡。\n\n持卡人才凭卡享受就医绿色通道、子女入学等服务。' };
    expect(answerPoint(card, '拿这张卡能享受什么 钱塘人才卡', 'amount', terms, []).direct).toContain('就医');
  });
});

describe('bestSentences of a case named', () => {
  const apartment: Passage = {
    key: 'qt25-7',
    docId: 'qt25',
    docTitle: '杭州市钱塘区关于进一步加快人才集聚发展的若干政策',
    shortName: '人才新政25条',
    kind: 'policy',
    status: 'current',
    heading: '第七条 人才公寓',
    number: 7,
    text: 'E类以上高层次人才及博士，可申请入住人才专项租赁住房（人才公寓），前3年租金按市场价的50%收取；硕士申请入住的，前3年租金按市场价的70%收取。\n申请人本人及配偶应在杭州市区无自有住房。',
  };
  it('leads with the asked case\'s sentence, even when the glossary names the topic the other way', () => {
    expect(bestSentences(apartment, '人才房硕士能住不 租金咋算 人才公寓 人才专项租赁住房', terms, undefined)[0]).toContain('70%');
    expect(bestSentences(apartment, '博士能申请人才公寓吗', terms, undefined)[0]).toContain('50%');
  });
  it('follows the case of this turn, not of the earlier one', () => {
    expect(bestSentences(apartment, '博士能申请人才公寓吗 硕士呢', terms, undefined, 2, '硕士呢')[0]).toContain('70%');
  });
});

describe('answerPoint of a long message', () => {
  const postdoc: Passage = {
    key: 'qt25-13',
    docId: 'qt25',
    docTitle: '杭州市钱塘区关于进一步加快人才集聚发展的若干政策',
    shortName: '人才新政25条',
    kind: 'policy',
    status: 'current',
    heading: '第十三条 博士后',
    number: 13,
    text: '对新设立的国家级博士后科研工作站给予50万元建站资助，对新设立的省级博士后工作站给予30万元建站资助。\n对进站博士后给予生活补贴，每人每年10万元，最长2年。\n博士后出站后留在区内工作，并与区内单位签订3年以上劳动合同的，给予一次性补贴40万元。',
  };
  it('answers the figure the asking sentence asks, not the one the story\'s words (工作站) point at', () => {
    const q = '我刚进了区里一家企业的博士后工作站，导师人很好，做新材料方向的。家里人都觉得博后工资低，我自己也有点焦虑。在站期间的生活补贴一年多少钱？';
    const point = answerPoint(postdoc, q, 'amount', terms, ['博士后']);
    expect(point.direct).toContain('10万元');
    expect(point.direct).not.toContain('50万元');
  });
});
