import { describe, expect, it } from 'vitest';
import { createTypoRepairer, type RepairVocabulary } from '../../src/knowledge/typo-repair.js';

// A small corpus vocabulary (term → passages) and general word frequencies in jieba's scale.
const CORPUS: [string, number][] = [
  ['工作站', 5], ['工作', 30], ['博士后', 10], ['技师', 4], ['高级技师', 3], ['补贴', 40], ['生活补贴', 8], ['社保', 6],
  ['工作室', 3], ['租房补贴', 6], ['租房', 6], ['硕士', 10], ['事项', 5], ['落户', 4], ['进站', 3], ['申请', 20], ['多少', 12],
  ['引进', 9], ['一次', 1],
];
const GENERAL: Record<string, number> = {
  工作: 90_000, 生火: 106, 多少: 50_000, 什么: 80_000, 当面: 900, 申请: 9_000, 引进: 3_000,
  是: 796_991, 想: 61_904, 做: 50_331, 事: 44_769, 家: 41_022, 站: 23_194, 近: 17_557, 给: 69_480,
};

function repairer(extra: Partial<RepairVocabulary> = {}) {
  return createTypoRepairer({ corpus: CORPUS, named: ['安家补贴'], frequency: (w) => GENERAL[w] ?? 0, ...extra });
}

describe('createTypoRepairer', () => {
  it('repairs a sound-alike character that turns a non-word into a corpus word (工做站 → 工作站)', () => {
    const r = repairer().repair('省级博士后工做站给多少钱');
    expect(r.text).toBe('省级博士后工作站给多少钱');
    expect(r.repairs).toEqual([{ from: '工做站', to: '工作站', at: 5 }]);
  });

  it('repairs a look-alike that pinyin cannot see (技帅 → 技师) and prefers the longer word (高级技帅 → 高级技师)', () => {
    expect(repairer().repair('技帅引进能拿多少补贴').text).toBe('技师引进能拿多少补贴');
    expect(repairer().repair('高级技帅引进').repairs).toEqual([{ from: '高级技帅', to: '高级技师', at: 0 }]);
  });

  it('repairs towards named terms (glossary, headings) whatever their count', () => {
    expect(repairer().repair('按家补贴怎么发').text).toBe('安家补贴怎么发');
  });

  it('never changes a span that is a word: a corpus word, or a common word (生火 in 生火补贴)', () => {
    for (const q of ['硕士租房补贴', '生活补贴多少', '生火补贴给多少', '博士后进站']) expect(repairer().repair(q)).toEqual({ text: q, repairs: [] });
  });

  it('leaves a character that stands as a word by itself next to a complete word (工作是 is not 工作室)', () => {
    expect(repairer().repair('他的工作是什么').repairs).toEqual([]);
    // 想 is a word of its own; 事想 is not a typo of 事项.
    expect(repairer().repair('有点事想当面说').repairs).toEqual([]);
  });

  it('needs a rare enough target: a word in one passage only is not a repair target', () => {
    // 一次 occurs in one passage; 一刺 stays.
    expect(repairer().repair('一刺性').repairs).toEqual([]);
  });

  it('never touches digits or Latin letters and keeps the text around a repair', () => {
    expect(repairer().repair('C类 3万元，社宝 ok?')).toEqual({ text: 'C类 3万元，社保 ok?', repairs: [{ from: '社宝', to: '社保', at: 7 }] });
  });

  it('makes at most three repairs in one question', () => {
    const r = repairer().repair('社宝，落护，技帅，近站');
    expect(r.repairs).toHaveLength(3);
    expect(r.text).toBe('社保，落户，技师，近站');
  });

  it('leaves text without Han characters as it is', () => {
    expect(repairer().repair('How much is the rent subsidy?')).toEqual({ text: 'How much is the rent subsidy?', repairs: [] });
    expect(repairer().repair('')).toEqual({ text: '', repairs: [] });
  });

  it('counts its targets: corpus words in two passages or more and the named terms', () => {
    expect(repairer().targets).toBe(CORPUS.filter(([, n]) => n >= 2).length + 1);
  });
});
