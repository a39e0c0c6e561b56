import { describe, expect, it } from 'vitest';
import { citationOf, CAVEAT_ZH } from '../../../src/core/answer/citation-of.js';
import { composeComparison, composeGreeting, composeOutOfScope, composePolicyAnswer } from '../../../src/core/answer/offline-composer.js';
import type { Passage } from '../../../src/core/ports/knowledge-port.js';
import { g02_3, qt21_5, qt25_5, qt25_6, terms } from '../../helpers/passages.js';

const answer = (question: string, passages: Passage[], over: { lang?: 'zh' | 'en'; wantsOld?: boolean } = {}) =>
  composePolicyAnswer({ question, lang: over.lang ?? 'zh', passages, wantsOld: over.wantsOld ?? false, terms });

describe('composePolicyAnswer', () => {
  it('leads with the figure asked for, then the answering sentence in bold, naming the article and its key', () => {
    const { text } = answer('硕士生活补贴有多少？', [qt25_5]);
    expect(text.startsWith('**简要回答：硕士3万元** [qt25-5]\n\n根据《人才新政25条》第五条 青年大学生生活补贴[qt25-5]：')).toBe(true);
    expect(text).toContain('**对新引进且毕业5年内的青年大学生，在区内缴纳社会保险满6个月的，按学历给予一次性生活补贴：本科1万元、硕士3万元、博士10万元。');
  });

  it('quotes the basis as a Markdown block quote, line by line', () => {
    const { text } = answer('硕士生活补贴有多少？', [qt25_5]);
    expect(text).toContain('依据原文（《人才新政25条》第五条 青年大学生生活补贴）：\n> 对新引进且毕业5年内');
    expect(text).toContain('\n> 生活补贴按本人最高学历计发');
  });

  it('carries the sample caveat', () => {
    const { text } = answer('硕士生活补贴有多少？', [qt25_5]);
    expect(text).toContain('示例文本，非官方原文');
    expect(text).toContain(CAVEAT_ZH);
    expect(text).toContain('转人工');
  });

  it('cites the top passage with its key, title, article, quote and status', () => {
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
    const { text, citations } = answer('21条的生活补贴是多少', [qt21_5, qt25_5], { wantsOld: true });
    expect(citations[0]).toMatchObject({ key: 'qt21-5', status: 'superseded' });
    expect(text).toContain('[qt21-5]');
    expect(text).toContain('⚠️ 该条款所在的《钱塘人才21条》已废止（2022-09-30），现行规定以《人才新政25条》为准。');
  });

  it('falls back to a superseded passage when it is all there is, with the superseded note', () => {
    const { text, citations } = answer('生活补贴多少', [qt21_5]);
    expect(citations.map((c) => c.key)).toEqual(['qt21-5']);
    expect(text).toContain('已废止');
  });

  it('names the guide next to the article (and the article next to the guide), quoting the best sentences', () => {
    const a = answer('生活补贴要哪些材料', [qt25_5, g02_3]);
    expect(a.citations.map((c) => c.key)).toEqual(['qt25-5', 'g02-3']);
    expect(a.text).toContain('办理指引：《生活补贴申领指南》三、申请材料[g02-3]');
    const b = answer('生活补贴要哪些材料', [g02_3, qt25_5]);
    expect(b.citations.map((c) => c.key)).toEqual(['g02-3', 'qt25-5']);
    expect(b.text).toContain('政策依据：《人才新政25条》第五条 青年大学生生活补贴[qt25-5]');
  });

  it('does not name a second article of the same document, nor a superseded one, as the companion', () => {
    expect(answer('补贴多少', [qt25_5, qt25_6]).citations.map((c) => c.key)).toEqual(['qt25-5']);
    expect(answer('补贴多少', [qt25_5, qt21_5]).citations.map((c) => c.key)).toEqual(['qt25-5']);
  });

  it('in English: the English frame around the quoted text, and the caveat in both languages', () => {
    const { text, citations } = answer('How much is the living allowance for a master?', [qt25_5, g02_3], { lang: 'en' });
    expect(text.startsWith('According to 《人才新政25条》第五条 青年大学生生活补贴 [qt25-5]:')).toBe(true);
    expect(text).toContain('Basis（《人才新政25条》第五条 青年大学生生活补贴）：');
    expect(text).toContain('How to apply：《生活补贴申领指南》三、申请材料[g02-3]');
    expect(text).toContain('_Sample text, not the official wording (示例文本，非官方原文');
    expect(text).not.toContain('依据原文');
    expect(citations.map((c) => c.key)).toEqual(['qt25-5', 'g02-3']);
  });

  it('in English, the superseded note is English too', () => {
    const { text } = answer('old policy living subsidy', [qt21_5], { lang: 'en', wantsOld: true });
    expect(text).toContain('⚠️ This article is from a superseded policy (repealed 2022-09-30); the current rules are in 人才新政25条.');
  });

  it('returns nothing when there is nothing to answer from', () => {
    expect(answer('硕士生活补贴有多少？', [])).toEqual({ text: '', citations: [] });
  });
});

describe('composeComparison', () => {
  const compare = (passages: Passage[], lang: 'zh' | 'en' = 'zh') => composeComparison({ question: '新政和21条的生活补贴有什么区别', lang, passages, wantsOld: true, terms });

  it('puts the current and the superseded article side by side, both keys in the table header', () => {
    const { text, citations } = compare([qt21_5, qt25_5, g02_3]);
    expect(text.startsWith('新旧政策对比如下：')).toBe(true);
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
    expect(text).toContain('Current：《人才新政25条》第五条 青年大学生生活补贴 [qt25-5]');
    expect(text).toContain('Superseded：《钱塘人才21条》第五条 生活补贴 [qt21-5]');
    expect(text).toContain('The superseded policy was repealed on 2022-09-30');
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
