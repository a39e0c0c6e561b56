import { describe, expect, it } from 'vitest';
import { citationOf, CAVEAT_ZH } from '../../../src/core/answer/citation-of.js';
import { composeComparison, composeGreeting, composeOutOfScope, composePolicyAnswer } from '../../../src/core/answer/offline-composer.js';
import type { Passage } from '../../../src/core/ports/knowledge-port.js';
import { g02_3, qt21_5, qt25_5, qt25_6, terms } from '../../helpers/passages.js';

const answer = (question: string, passages: Passage[], over: { lang?: 'zh' | 'en'; wantsOld?: boolean; lookup?: (key: string) => Passage[] } = {}) =>
  composePolicyAnswer({ question, lang: over.lang ?? 'zh', passages, wantsOld: over.wantsOld ?? false, terms, ...(over.lookup ? { lookup: over.lookup } : {}) });

const firstLine = (text: string): string => text.split('\n')[0] ?? '';

// The guide of qt25-5 with a procedure and a time-limit section, for the "how to apply" pointer and aspects.
const g02Section = (n: number, heading: string, text: string): Passage => ({ ...g02_3, key: `g02-${n}`, number: n, heading, text });
const g02_4 = g02Section(4, '四、办理流程', '1. 申请：社保满6个月后申请。申请人通过“钱塘人才全息场”在线提交申请。\n2. 审核：人才服务中心审核。');
const g02_5 = g02Section(5, '五、办理时限', '审核30个工作日；审核通过后公示5天，公示5天后发放。');
const corpus = new Map([qt25_5, qt25_6, qt21_5, g02_3, g02_4, g02_5].map((p) => [p.key, [p]]));
const lookup = (key: string): Passage[] => corpus.get(key) ?? [];

describe('composePolicyAnswer', () => {
  it('answers each part of a several-part question from the article that part is about, each quoted under its own source', () => {
    const settle: Passage = { ...qt25_5, key: 'qt25-22', number: 22, heading: '第二十二条 人才落户', text: '全日制博士学历（不限年龄）的人才，在区内就业的，可直接落户。' };
    const articles = new Map([...corpus, [settle.key, [settle]]]);
    const filler = (key: string): Passage[] => (/^qt25-\d+$/u.test(key) && Number(key.slice(5)) <= 25 ? [{ ...qt25_5, key, heading: '第一条 目的依据', text: '' }] : []);
    const { text, citations } = answer('博士落户有没有年龄限制 生活补贴多少 租房补贴一年多少', [qt25_6, qt25_5], { lookup: (key) => articles.get(key) ?? filler(key) });
    const lines = text.split('\n\n');
    expect(lines[0]).toContain('不限年龄');
    expect(lines[0]).toContain('[qt25-22]');
    expect(lines[1]).toContain('博士10万元');
    expect(lines[2]).toContain('博士3万元');
    expect(citations.map((c) => c.key).slice(0, 3)).toEqual(['qt25-22', 'qt25-5', 'qt25-6']);
    expect(text).toContain('（《人才新政25条》第五条 青年大学生生活补贴）');
    expect(text).toContain('（《人才新政25条》第六条 租房补贴）');
  });

  it('answers one thing asked of two benefits named for each, from its own article', () => {
    const { text, citations } = answer('生活补贴和租房补贴 哪个是一次性的哪个是按年的', [qt25_6, qt25_5], { lookup });
    expect(citations.map((c) => c.key).slice(0, 2)).toEqual(['qt25-6', 'qt25-5']);
    expect(text).toContain('一次性');
    expect(text).toContain('按年发放');
  });

  it('keeps the category named once for a later part about another topic (安家补贴多少，发什么人才卡)', () => {
    const settle: Passage = { ...qt25_5, key: 'qt25-4', number: 4, heading: '第四条 高层次人才安家补贴', text: '对新引进的高层次人才给予安家补贴，标准为：D类人才200万元、E类人才100万元、区级高层次人才50万元。' };
    const card: Passage = { ...qt25_5, key: 'qt25-19', number: 19, heading: '第十九条 钱塘人才卡', text: '向A、B、C类人才发放金卡，D、E类人才及区级高层次人才发放银卡。持卡人才凭卡享受就医绿色通道、子女入学等服务。' };
    const { text } = answer('区级高层次人才安家补贴多少，发什么人才卡', [card, settle]);
    expect(text).toContain('50万元');
    expect(text).toContain('银卡');
  });

  it('carries the case named once to every part', () => {
    const { text } = answer('硕士：生活补贴多少 租房补贴一年多少', [qt25_5, qt25_6], { lookup });
    expect(text).toContain('硕士3万元');
    expect(text).toContain('硕士2万元');
    expect(text).not.toContain('博士3万元');
  });

  it('answers a heard figure for a case from the article stating that case, not from one that never speaks of it', () => {
    const postdoc: Passage = { ...qt25_5, key: 'qt25-13', number: 13, heading: '第十三条 博士后', text: '对进站博士后给予生活补贴，每人每年10万元，最长2年。' };
    const { citations } = answer('听说博士的补贴现在涨到20万了？', [postdoc, qt25_5]);
    expect(citations[0]?.key).toBe('qt25-5');
  });

  it('answers a benefit named one character off for the benefit it is near, saying so, not from the sibling ranked first', () => {
    const { text, citations } = answer('硕士生火补贴给多少', [qt25_6, qt25_5]);
    const lead = firstLine(text);
    expect(lead.startsWith('未找到“生火补贴”，以下按“生活补贴”回答：')).toBe(true);
    expect(lead).toContain('硕士3万元');
    expect(lead).not.toContain('2万元');
    expect(citations[0]?.key).toBe('qt25-5');
  });

  it('opens with one sentence carrying the figure of the asked case, labelled and keyed', () => {
    const { text } = answer('硕士生活补贴有多少？', [qt25_5]);
    expect(firstLine(text)).toBe('青年大学生生活补贴：硕士3万元（一次性） [qt25-5]。');
  });

  it('quotes only the sentence that states the figure, once, and never repeats a sentence', () => {
    const { text } = answer('硕士生活补贴有多少？', [qt25_5]);
    expect(text).toContain('依据：“……按学历给予一次性生活补贴：本科1万元、硕士3万元、博士10万元。”（《人才新政25条》第五条 青年大学生生活补贴）');
    expect(text).not.toContain('生活补贴按本人最高学历计发');
    const sentences = text.split(/[。\n]/u).map((s) => s.trim()).filter((s) => s.length > 8);
    expect(new Set(sentences).size).toBe(sentences.length);
  });

  it('is short: no restatement of the article, at most half the length of the article quoted twice', () => {
    const { text } = answer('硕士生活补贴有多少？', [qt25_5]);
    expect([...text].length).toBeLessThan(2 * [...qt25_5.text].length);
    expect(text).not.toContain('简要回答');
  });

  it('carries the sample caveat once', () => {
    const { text } = answer('硕士生活补贴有多少？', [qt25_5]);
    expect(text.split(CAVEAT_ZH).length - 1).toBe(1);
  });

  it('cites the answering passage with its key, title, article, the full quote for the source card and status', () => {
    const { citations } = answer('硕士生活补贴有多少？', [qt25_5]);
    expect(citations).toEqual([
      { key: 'qt25-5', title: '杭州市钱塘区关于进一步加快人才集聚发展的若干政策', article: '第五条 青年大学生生活补贴', quote: qt25_5.text, status: 'current' },
    ]);
  });

  it('prefers the current article over a superseded one ranked above it', () => {
    const { text, citations } = answer('生活补贴多少', [qt21_5, qt25_5]);
    expect(citations[0]?.key).toBe('qt25-5');
    expect(text).not.toContain('已废止');
  });

  it('answers from the superseded article when the question is about the old policy, and says it is repealed', () => {
    const { text, citations } = answer('21条的博士生活补贴是多少', [qt25_5, qt21_5], { wantsOld: true });
    expect(citations[0]).toMatchObject({ key: 'qt21-5', status: 'superseded' });
    expect(firstLine(text)).toContain('博士5万元');
    expect(text).toContain('⚠️ 《钱塘人才21条》已废止（2022-09-30），现行规定以《人才新政25条》为准。');
  });

  it('falls back to a superseded passage when it is all there is, with the superseded note', () => {
    const { text, citations } = answer('生活补贴多少', [qt21_5]);
    expect(citations.map((c) => c.key)).toEqual(['qt21-5']);
    expect(text).toContain('已废止');
  });

  it('points a general question at the guide procedure section for how to apply (not the conditions or materials section)', () => {
    const { text, citations } = answer('介绍一下生活补贴', [qt25_5, g02_3], { lookup });
    expect(text).toContain('怎么申请：见《生活补贴申领指南》四、办理流程 [g02-4]');
    expect(citations.map((c) => c.key)).toEqual(['qt25-5', 'g02-4']);
  });

  it('answers a figure asked by its sentence alone, without the pointer to the procedure', () => {
    const { text, citations } = answer('硕士生活补贴有多少？', [qt25_5, g02_3], { lookup });
    expect(text).not.toContain('怎么申请');
    expect(citations.map((c) => c.key)).toEqual(['qt25-5']);
  });

  it('answers the asked aspect from the guide section that carries it, even when the article ranks first', () => {
    const { text, citations } = answer('生活补贴审核要多久', [qt25_5, g02_3], { lookup });
    expect(firstLine(text)).toContain('30个工作日');
    expect(firstLine(text)).toContain('[g02-5]');
    expect(citations[0]?.key).toBe('g02-5');
  });

  it('keeps to the benefit the question names when a sibling benefit ranks first', () => {
    const { text } = answer('博士租房补贴每年多少', [qt25_5, qt25_6]);
    expect(firstLine(text)).toContain('博士3万元（每年）');
    expect(firstLine(text)).toContain('[qt25-6]');
  });

  it('answers a two-part question in two direct lines', () => {
    const { text } = answer('博士生活补贴多少，审核要多久', [qt25_5, g02_3], { lookup });
    const lines = text.split('\n\n');
    expect(lines[0]).toContain('博士10万元');
    expect(lines[1]).toContain('30个工作日');
  });

  it('in English without a translation: English frame, the caveat in both languages', () => {
    const { text, citations } = answer('How much is the living allowance for a master?', [qt25_5], { lang: 'en' });
    expect(text).toContain('Basis');
    expect(text).toContain('_Sample text, not the official wording (示例文本，非官方原文');
    expect(text).not.toContain('依据');
    expect(citations.map((c) => c.key)).toEqual(['qt25-5']);
  });

  it('in English with a translation: the English sentence of the same case, the same key', () => {
    const en = { title: 'Several Policies', shortName: '25 New Talent Policies', heading: 'Article 5 Living Allowance for Young Graduates', text: "Young graduates receive a one-off living allowance according to their degree: RMB 10,000 for a bachelor's degree, RMB 30,000 for a master's degree, and RMB 100,000 for a doctorate." };
    const { text, citations } = composePolicyAnswer({ question: '硕士 How much is the living allowance for a master?', lang: 'en', passages: [{ ...qt25_5, en } as Passage], wantsOld: false, terms });
    expect(firstLine(text)).toBe("Living Allowance for Young Graduates: RMB 30,000 for a master's degree (one-off) [qt25-5].");
    expect(text).toContain('(Chinese original in the source card)');
    const latin = text.match(/[a-z]/giu)?.length ?? 0;
    const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
    expect(latin / (latin + han)).toBeGreaterThan(0.7);
    expect(citations.map((c) => c.key)).toEqual(['qt25-5']);
  });

  it('in English, the superseded note is English too', () => {
    const { text } = answer('old policy living subsidy', [qt21_5], { lang: 'en', wantsOld: true });
    expect(text).toContain('⚠️ This is a superseded policy (repealed 2022-09-30); the current rules are in 人才新政25条.');
  });

  it('returns nothing when there is nothing to answer from', () => {
    expect(answer('硕士生活补贴有多少？', [])).toEqual({ text: '', citations: [] });
  });
});

describe('composeComparison', () => {
  it('opens with a one-line conclusion of what changed, figures before → after, with both keys', () => {
    const { text } = compare([qt21_5, qt25_5]);
    expect(firstLine(text)).toBe('变化：博士5万元 → 10万元 [qt21-5, qt25-5]。');
  });

  const compare = (passages: Passage[], lang: 'zh' | 'en' = 'zh') => composeComparison({ question: '新政和21条的生活补贴有什么区别', lang, passages, wantsOld: true, terms });

  it('puts the current and the superseded article side by side, both keys in the table header', () => {
    const { text, citations } = compare([qt21_5, qt25_5, g02_3]);
    expect(text).toContain('新旧政策对比如下：');
    expect(text).toContain('| | 现行：《人才新政25条》第五条 青年大学生生活补贴 [qt25-5] | 原政策（已废止）：《钱塘人才21条》第五条 生活补贴 [qt21-5] |');
    expect(text).toContain('|---|---|---|');
    expect(text).toContain('博士10万元');
    expect(text).toContain('博士5万元');
    expect(text).toContain('原政策已于2022-09-30废止，现按现行政策执行。');
    expect(text).toContain(CAVEAT_ZH);
    expect(citations).toEqual([citationOf(qt25_5), citationOf(qt21_5)]);
  });

  it('keeps each text on one table row (line breaks folded, pipes escaped)', () => {
    const piped: Passage = { ...qt25_5, text: '第一行|有竖线\n第二行' };
    const { text } = compare([piped, qt21_5]);
    const row = text.split('\n').find((l) => l.startsWith('| 规定 |'));
    expect(row).toBe(`| 规定 | 第一行｜有竖线 第二行 | ${qt21_5.text} |`);
  });

  it('in English', () => {
    const { text } = compare([qt25_5, qt21_5], 'en');
    expect(text).toContain('Current policy vs. the superseded one:');
    expect(text).toContain('Current: 《人才新政25条》第五条 青年大学生生活补贴 [qt25-5]');
    expect(text).toContain('Superseded: 《钱塘人才21条》第五条 生活补贴 [qt21-5]');
    expect(text).toContain('The superseded policy was repealed on 2022-09-30');
    // The change in the English form of amounts, the case in English.
    expect(firstLine(text)).toBe('What changed: doctorate: RMB 50,000 → RMB 100,000 [qt21-5, qt25-5].');
  });

  it('in English, the table shows the translations where there are some', () => {
    const en = (heading: string, t: string) => ({ title: 'Policies', shortName: 'Policies', heading, text: t });
    const current = { ...qt25_5, en: en('Article 5 Living Allowance', 'RMB 100,000 for a doctorate.') } as Passage;
    const old = { ...qt21_5, en: en('Article 5 Living Allowance', 'RMB 50,000 for a doctorate.') } as Passage;
    const { text } = compare([current, old], 'en');
    expect(text).toContain('| Text | RMB 100,000 for a doctorate. | RMB 50,000 for a doctorate. |');
    expect(text).toContain('Current: 《Policies》Article 5 Living Allowance [qt25-5]');
  });

  it('without both generations it answers as a policy question', () => {
    const { text, citations } = compare([qt25_5, g02_3]);
    expect(text).not.toContain('新旧政策对比');
    expect(citations[0]?.key).toBe('qt25-5');
  });
});

describe('composeOutOfScope and composeGreeting', () => {
  it('out of scope: a polite redirect with an example question, no citations', () => {
    const zh = composeOutOfScope('zh');
    expect(zh.citations).toEqual([]);
    expect(zh.text).toContain('只能解答钱塘区人才政策');
    const en = composeOutOfScope('en');
    expect(en.citations).toEqual([]);
    expect(en.text).toContain('Qiantang District talent policies');
  });

  it('greeting: introduces 钱小智 and says how to reach an officer, no citations', () => {
    const zh = composeGreeting('zh');
    expect(zh.citations).toEqual([]);
    expect(zh.text).toContain('钱小智');
    expect(zh.text).toContain('转人工');
    const en = composeGreeting('en');
    expect(en.text).toContain('talent-policy assistant');
    expect(en.text).toContain('转人工');
  });
});

describe('composePolicyAnswer, part by part', () => {
  it('answers each part of a two-part question from the passage carrying its aspect', () => {
    const { text, citations } = answer('硕士生活补贴多少？交上去以后审核要多久', [qt25_5, g02_3], { lookup });
    const [first, second] = text.split('\n\n');
    expect(first).toContain('3万元');
    expect(first).toContain('[qt25-5]');
    expect(second).toContain('30个工作日');
    expect(second).toContain('[g02-5]');
    expect(citations.map((c) => c.key)).toEqual(expect.arrayContaining(['qt25-5', 'g02-5']));
  });

  it('answers a wait before applying from the sentence that states it, not from the time the office takes', () => {
    const { text } = answer('生活补贴要交满多久社保才可以申请', [qt25_5, g02_3], { lookup });
    expect(firstLine(text)).toContain('满6个月');
    expect(firstLine(text)).not.toContain('30个工作日');
  });

  it('answers where the money is paid to from the account sentence', () => {
    const { text } = answer('生活补贴审核通过后钱打到哪里', [qt25_5, g02_3], { lookup });
    expect(firstLine(text)).toContain('银行卡');
  });

  it('answers how a case is paid with the case figure and the way it is paid', () => {
    const { text } = answer('硕士生活补贴是一次性给还是分期？', [qt25_5], { lookup });
    expect(firstLine(text)).toContain('硕士3万元');
    expect(firstLine(text)).toContain('一次性');
  });

  it('prefers the sentence naming the thing asked for ("哪个平台") over sentences sharing the topic words', () => {
    const g02_6 = g02Section(6, '六、办理地点与咨询', '1. 线下窗口：钱塘区人才服务中心，青年大学生生活补贴申领窗口。\n2. 线上办理：“钱塘人才全息场”平台。');
    const local = (key: string): Passage[] => (key === 'g02-6' ? [g02_6] : lookup(key));
    const { text } = answer('青年大学生生活补贴申领在哪个平台办', [g02_6, qt25_5], { lookup: local });
    expect(firstLine(text)).toContain('全息场');
    expect(firstLine(text)).not.toContain('线下窗口');
  });

  it('answers the term of a two-part question by its clause, quoting the sentence both parts rest on once', () => {
    const { text } = answer('硕士租房补贴每年多少，最多能领几年', [qt25_6], { lookup });
    const [first, second] = text.split('\n\n');
    expect(first).toContain('硕士2万元');
    expect(second).toBe('租房补贴：最长享受3年 [qt25-6]。');
    expect(text.split('最长享受3年').length - 1).toBe(2);
  });

  it('answers a general question naming a material (劳动合同) from the materials section that names it, not the article', () => {
    const { text, citations } = answer('申请生活补贴，要交跟单位签的劳动合同吗', [qt25_5, g02_3], { lookup });
    expect(firstLine(text)).toContain('劳动合同');
    expect(firstLine(text)).toContain('[g02-3]');
    expect(citations[0]?.key).toBe('g02-3');
  });

  it('keeps to the article when the thing is named only before the asking clause (我有…两个学位，按哪个算)', () => {
    const { text } = answer('我有硕士和博士两个学位，生活补贴按哪个算', [qt25_5, g02_3], { lookup });
    expect(firstLine(text)).toContain('[qt25-5]');
  });

  it('does not answer a material said to be missing ("还没开出来") with the materials list', () => {
    const { text } = answer('劳动合同还没签下来，生活补贴能先申请吗', [qt25_5, g02_3], { lookup });
    expect(firstLine(text)).not.toContain('申请材料');
  });

  it('lists a material whose aside holds brackets of its own whole, the aside kept when the question is about it', () => {
    const { text } = answer('申请生活补贴时，留学人员要交学历认证吗', [qt25_5, g02_3], { lookup });
    expect(firstLine(text)).toContain('学历认证（教育部门出具的国（境）外学历学位认证材料）');
    const plain = answer('生活补贴要交哪些材料', [g02_3, qt25_5], { lookup });
    expect(firstLine(plain.text)).toContain('留学人员另交学历认证、与区内用人单位签订的劳动合同');
  });

  it('answers how long after a step with the sentence taking up from that step, the whole wait otherwise', () => {
    const after = answer('生活补贴审核通过以后一般多久能到账', [qt25_5, g02_3], { lookup });
    expect(firstLine(after.text)).toContain('公示5天');
    expect(firstLine(after.text)).not.toContain('30个工作日');
    const whole = answer('生活补贴交上去以后多久能到账', [qt25_5, g02_3], { lookup });
    expect(firstLine(whole.text)).toContain('30个工作日');
  });

  it('answers "which card do I get" of a person of one category with their category\'s provision, the text stating no figure', () => {
    const qt25_19: Passage = { ...qt25_5, key: 'qt25-19', number: 19, heading: '第十九条 钱塘人才卡', text: '对高层次人才发放“钱塘人才卡”；A、B、C类人才发放金卡，D、E类人才及区级高层次人才发放银卡。\n持卡人才凭卡享受就医绿色通道、子女入学、交通出行、文旅场馆等服务。' };
    const { text } = composePolicyAnswer({ question: '人才卡怎么申请 我拿的是哪种卡', asked: '我拿的是哪种卡', lang: 'zh', passages: [qt25_19], wantsOld: false, terms, category: 'D' });
    expect(firstLine(text)).toContain('银卡');
    expect(firstLine(text)).not.toContain('金卡');
  });

  it('answers whether a benefit is paid at once with the sentences saying how it is paid', () => {
    const qt25_4: Passage = { ...qt25_5, key: 'qt25-4', number: 4, heading: '第四条 高层次人才安家补贴', text: '对新引进的高层次人才给予安家补贴，标准为：A类人才800万元、B类人才400万元。\n安家补贴分5年发放。人才在区内购买首套住房的，凭购房合同等材料经审核后，可一次性发放剩余部分的安家补贴。' };
    const { text } = answer('高层次人才的安家补贴是一次性发放的吗', [qt25_4]);
    expect(firstLine(text).startsWith('安家补贴分5年发放；人才在区内购买首套住房的')).toBe(true);
    expect(firstLine(text)).not.toContain('800万元');
  });

  it('answers whether an old text is still valid with the successor article that repeals it, found by key when not retrieved', () => {
    const qt25_25: Passage = { ...qt25_5, key: 'qt25-25', heading: '第二十五条 附则', number: 25, text: '本政策自2022年10月1日起施行，有效期五年。《杭州钱塘新区关于加快集聚人才的若干政策》（“钱塘人才21条”）同时废止。' };
    const articles = new Map([qt25_5, qt25_6, qt25_25].map((p) => [p.key, [p]]));
    // Keys qt25-1 … qt25-4 are absent in this small corpus: the scan goes on past the gap to the last article.
    const local = (key: string): Passage[] => articles.get(key) ?? (key.startsWith('qt25-') && Number(key.slice(5)) < 25 ? [{ ...qt25_5, key, text: '' }] : []);
    const { text, citations } = answer('钱塘人才21条现在还能用吗', [qt21_5], { lookup: local });
    expect(firstLine(text)).toContain('不再有效');
    expect(firstLine(text)).toContain('[qt25-25]');
    expect(citations.map((c) => c.key)).toContain('qt25-25');
  });

  it('answers when a text took effect from its final provisions, whichever article was retrieved', () => {
    const qt25_25: Passage = { ...qt25_5, key: 'qt25-25', heading: '第二十五条 附则', number: 25, text: '同一人才同时符合本政策及区内其他同类政策规定的，按照就高不重复原则享受。\n本政策自2022年10月1日起施行，有效期五年。' };
    const local = (key: string): Passage[] => (key === 'qt25-25' ? [qt25_25] : key.startsWith('qt25-') && Number(key.slice(5)) < 25 ? [{ ...qt25_5, key }] : []);
    const { text } = answer('人才新政25条是从哪天开始施行的', [qt25_5], { lookup: local });
    expect(firstLine(text)).toContain('2022年10月1日起施行');
  });
});

describe('composePolicyAnswer, conditions and procedure steps', () => {
  const g02_1 = g02Section(1, '一、适用对象', '本事项依据《人才新政25条》第五条办理，适用于新引进且毕业5年内的青年大学生，即具有全日制本科及以上学历、年龄在35周岁以下的高校毕业生。');
  const g02_2 = g02Section(2, '二、办理条件', '1. 申请人在钱塘区注册、依法纳税的企事业单位全职工作。\n2. 申请人毕业5年内，年龄在35周岁以下。\n3. 申请人在区内缴纳社会保险满6个月。社会保险缴纳满6个月后方可提出申请。');
  const g02_4full = g02Section(4, '四、办理流程', '1. 申请：社保满6个月后申请。\n2. 审核：人才服务中心审核。\n3. 公示：审核通过的名单公示5天。\n4. 发放：公示无异议的，一次性发放至申请人本人银行卡。');
  const g02_6 = g02Section(6, '六、办理地点与咨询', '1. 线下窗口：钱塘区人才服务中心。\n2. 线上办理：“钱塘人才全息场”。');
  const g02 = new Map([qt25_5, g02_1, g02_2, g02_3, g02_4full, g02_5, g02_6].map((p) => [p.key, [p]]));
  const local = (key: string): Passage[] => g02.get(key) ?? [];
  const qt25_4: Passage = { ...qt25_5, key: 'qt25-4', number: 4, heading: '第四条 高层次人才安家补贴', text: '对新引进的高层次人才给予安家补贴，标准为：A类人才800万元、B类人才400万元、C类人才300万元、D类人才200万元、E类人才100万元、区级高层次人才50万元。\n享受安家补贴的人才，应与区内用人单位签订3年以上劳动合同，且本人及配偶在杭州市区无自有住房。\n同一人才同时符合本条和本政策其他条款安家补贴条件的，按“就高、不重复”原则享受。' };

  it('answers whether benefits combine, asked of no benefit, from the provision saying it of all of them', () => {
    const qt25_25: Passage = { ...qt25_5, key: 'qt25-25', heading: '第二十五条 附则', number: 25, text: '同一人才同时符合本政策及区内其他同类政策规定的，按照就高不重复原则享受。' };
    const general = answer('同一类补贴能不能重复拿', [qt25_4, qt25_25]);
    expect(firstLine(general.text)).toContain('[qt25-25]');
    // Asked of one benefit, that benefit's own clause answers.
    const own = answer('安家补贴能不能重复拿', [qt25_4, qt25_25]);
    expect(firstLine(own.text)).toContain('[qt25-4]');
  });

  it('answers a question asking the condition with the condition sentence, not the amounts naming the case', () => {
    const { text } = answer('区级高层次人才安家补贴要满足啥条件才给', [qt25_4]);
    expect(firstLine(text)).toContain('3年以上劳动合同');
    expect(firstLine(text)).toContain('配偶');
    expect(firstLine(text)).not.toContain('50万元');
  });

  it('answers whether one may apply at once from the condition stating the wait, though the time limit ranked first', () => {
    const { text } = answer('生活补贴是入职就能申请吗 还是要等', [g02_5, qt25_5], { lookup: local });
    expect(firstLine(text)).toContain('满6个月');
    expect(firstLine(text)).toContain('[g02-2]');
    // One condition, not the whole list.
    expect(firstLine(text)).not.toContain('依法纳税');
  });

  it('answers how the money is paid from the payment step (the account, after the notice), not the office', () => {
    const { text } = answer('生活补贴的钱是怎么发的 打到哪里', [g02_6, qt25_5], { lookup: local });
    expect(firstLine(text)).toContain('银行卡');
    expect(firstLine(text)).toContain('公示');
    expect(firstLine(text)).not.toContain('线下窗口');
  });

  it('answers two times asked of one wait with both sentences of the time limit', () => {
    const { text } = answer('生活补贴审核要多久 审完多久发钱', [g02_5, qt25_5], { lookup: local });
    expect(firstLine(text)).toContain('30个工作日');
    expect(firstLine(text)).toContain('公示5天');
  });

  it('answers a kind named (认定类) from its own sentence, not the sibling kind sharing the question words', () => {
    const g11_5: Passage = { ...g02_5, key: 'g11-5', docId: 'g11', basis: ['qt25-11'], text: '评审类项目每年两批，按批次组织初审、答辩、公示，具体时间以当批次申报通知为准；认定类项目随时受理、随时审核。' };
    const { text } = answer('认定类的创业项目也要等每年的批次吗', [g11_5]);
    expect(firstLine(text)).toContain('随时受理');
    expect(firstLine(text)).not.toContain('每年两批');
  });

  it('quotes a sum alone in its sentence with the conditions it is granted on', () => {
    const qt25_13: Passage = { ...qt25_5, key: 'qt25-13', number: 13, heading: '第十三条 博士后', text: '对进站博士后给予生活补贴，每人每年10万元，最长2年。\n博士后出站后留在区内工作，并与区内单位签订3年以上劳动合同的，给予一次性补贴40万元。' };
    const { text } = answer('博后出站留在钱塘 有一次性补贴吗 多少', [qt25_13]);
    expect(firstLine(text)).toContain('40万元');
    expect(text).toContain('“博士后出站后留在区内工作，并与区内单位签订3年以上劳动合同的，给予一次性补贴40万元。”');
  });

  it('answers a comparison of categories for all of them, not for the person\'s own', () => {
    const qt25_19: Passage = { ...qt25_5, key: 'qt25-19', number: 19, heading: '第十九条 钱塘人才卡', text: '对高层次人才发放“钱塘人才卡”。A、B、C类人才发放金卡，D、E类人才及区级高层次人才发放银卡。' };
    const { text } = composePolicyAnswer({ question: 'C类跟D类的人才卡一样吗 金卡银卡怎么分', lang: 'zh', passages: [qt25_19], wantsOld: false, terms, category: 'C' });
    expect(firstLine(text)).toContain('金卡');
    expect(firstLine(text)).toContain('银卡');
  });
});

