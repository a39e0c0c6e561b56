import { describe, expect, it } from 'vitest';
import { figuresAsked, wantedUnits, withEnglishCases } from '../../../src/core/analysis/case-of.js';
import { labelledFigures, sectionAspect } from '../../../src/core/analysis/passage-structure.js';
import { terms } from '../../helpers/passages.js';

const show = (text: string) => labelledFigures(text).map((f) => `${f.label}|${f.figure}|${f.period}`);

describe('sectionAspect', () => {
  it('reads the aspect a guide section answers from its heading', () => {
    expect(sectionAspect('三、申请材料')).toBe('materials');
    expect(sectionAspect('四、办理流程')).toBe('procedure');
    expect(sectionAspect('五、办理时限')).toBe('duration');
    expect(sectionAspect('六、办理地点与咨询')).toBe('where');
    expect(sectionAspect('二、办理条件')).toBe('eligibility');
  });
});

describe('labelledFigures', () => {
  it('labels each figure of a list with the words before it, and says yearly or one-off', () => {
    expect(show('给予租房补贴：本科每年1万元、硕士每年2万元、博士每年3万元，最长享受3年。')).toEqual(['本科|1万元|每年', '硕士|2万元|每年', '博士|3万元|每年', '最长享受|3年|']);
    expect(show('按学历给予一次性生活补贴：本科1万元、硕士3万元、博士10万元。').slice(1)).toEqual(['硕士|3万元|一次性', '博士|10万元|一次性']);
  });

  it('pairs a 分别 list with its figures, sharing the noun of the last item', () => {
    expect(show('对新引进的高级技师、技师，分别给予5万元、3万元一次性补贴。')).toEqual(['高级技师|5万元|一次性', '技师|3万元|一次性']);
    expect(show('对新建的国家级、省级、市级技能大师工作室，分别给予50万元、20万元、10万元资助。').map((s) => s.split('|')[0])).toEqual(['国家级技能大师工作室', '省级技能大师工作室', '市级技能大师工作室']);
    expect(show('评审类项目经评审分为一、二、三等，分别给予300万元、200万元、100万元资助。').map((s) => s.split('|')[0])).toEqual(['一等', '二等', '三等']);
  });
});

describe('figuresAsked', () => {
  const postdoc = labelledFigures('对新设立的国家级博士后科研工作站给予50万元建站资助，对新设立的省级博士后工作站给予30万元建站资助。\n对进站博士后给予生活补贴，每人每年10万元，最长2年。\n博士后出站后留在区内工作，并与区内单位签订3年以上劳动合同的，给予一次性补贴40万元。');
  const ask = (q: string, known: string[] = ['博士后']) => figuresAsked(q, postdoc, { units: wantedUnits(q, 'amount'), terms, known }).figures.map((f) => f.figure);

  it('picks the case the question names among the article cases', () => {
    expect(ask('出站留在钱塘工作有什么奖励')).toEqual(['40万元']);
    expect(ask('国家级博士后工作站资助多少')).toEqual(['50万元']);
    expect(ask('省级工作站给多少钱')).toEqual(['30万元']);
  });

  it('does not read 博士 inside 博士后, nor a word inside a longer word of the text (工作 in 工作站)', () => {
    const living = labelledFigures('按学历给予一次性生活补贴：本科1万元、硕士3万元、博士10万元。');
    const r = figuresAsked('博士后生活补贴多少', living, { units: wantedUnits('多少', 'amount'), terms, known: ['博士后'] });
    expect(r.byCase).toBe(false);
    expect(ask('出站以后留在区里工作给多少')).toEqual(['40万元']);
  });

  it('answers "最多多少" with the cap of a rate-and-cap rule, even when the question shares a word with the rate', () => {
    const fees = labelledFigures('对区内产业工人取得大专、本科学历的，按所缴学费的50%给予补助，每人最高6000元。');
    const q = '产业工人读本科，学费最多补助多少';
    expect(figuresAsked(q, fees, { units: wantedUnits(q, 'amount'), terms }).figures.map((f) => f.figure)).toEqual(['6000元']);
  });

  it('does not read another name the text gives the benefit in brackets as a case (人才专项租赁住房（人才公寓）)', () => {
    const flat = labelledFigures('E类以上高层次人才及博士，可申请入住人才专项租赁住房（人才公寓），前3年租金按市场价的50%收取；硕士申请入住的，前3年租金按市场价的70%收取。');
    // An English question reaches here with the glossary's terms: the benefit's two names and the case.
    const q = "What percent of market rent does a master's holder pay for a talent apartment? 租金 人才公寓 人才专项租赁住房 市场价 硕士";
    // The corpus tokenizer knows the long name as one term (the test tokenizer has no corpus vocabulary).
    const corpusTerms = (t: string): string[] => [...terms(t), ...(t.includes('人才专项租赁住房') ? ['人才专项租赁住房'] : [])];
    expect(figuresAsked(q, flat, { units: wantedUnits(q, 'amount'), terms: corpusTerms, known: ['人才公寓'] }).figures.map((f) => f.figure)).toEqual(['70%']);
  });

  it('reads the case an English question (or its follow-up turn) names in the text\'s words', () => {
    const rent = labelledFigures('给予租房补贴：本科每年1万元、硕士每年2万元、博士每年3万元，最长享受3年。');
    const en = (q: string) => figuresAsked(q, rent, { units: wantedUnits(q, 'amount'), terms, known: ['租房补贴'] }).figures.map((f) => f.figure);
    expect(en('what about a PhD?')).toEqual(['3万元']);
    expect(en("sorry, I meant master's, I have a master's degree")).toEqual(['2万元']);
    expect(en('How much is the rent subsidy?')).toEqual(['1万元', '2万元', '3万元']);
    expect(ask('And how much funding does a new national-level postdoc station get?')).toEqual(['50万元']);
    expect(ask('What does a provincial station get?')).toEqual(['30万元']);
    // A skills master studio is no master's degree.
    expect(withEnglishCases('How much for a skills master studio?')).toBe('How much for a skills master studio?');
  });

  it('a case the question rules out ("不是高级技师") does not name the case asked', () => {
    const skill = labelledFigures('对新引进的高级技师、技师，分别给予5万元、3万元一次性补贴。');
    const q = '技师（不是高级技师）新引进有补贴吗，多少';
    expect(figuresAsked(q, skill, { units: wantedUnits(q, 'amount'), terms }).figures.map((f) => f.figure)).toEqual(['3万元']);
  });

  it('asks for the unit the question asks about', () => {
    const rent = labelledFigures('给予租房补贴：本科每年1万元、硕士每年2万元、博士每年3万元，最长享受3年。');
    expect(figuresAsked('本科租房补贴最长领几年', rent, { units: wantedUnits('本科租房补贴最长领几年', 'amount'), terms }).figures.map((f) => f.figure)).toEqual(['3年']);
  });
});

describe('wantedUnits', () => {
  it('reads a wait in days as a duration, as it reads working days and months', () => {
    const units = wantedUnits('审完多久发钱', 'duration');
    for (const f of ['5天', '30个工作日', '6个月']) expect(units.test(f), f).toBe(true);
    expect(units.test('10万元')).toBe(false);
  });
});
