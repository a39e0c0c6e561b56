import { describe, expect, it } from 'vitest';
import { corpusVocabulary } from '../../src/knowledge/corpus-vocabulary.js';
import { createGlossary } from '../../src/knowledge/glossary.js';
import { createEnglishIndex } from '../../src/knowledge/english-index.js';
import { createLexicalIndex } from '../../src/knowledge/lexical-index.js';
import { createJiebaTokenizer } from '../../src/knowledge/tokenizer.js';
import { makeChunk } from '../helpers/chunks.js';

// As in production, the domain's own words are kept whole.
const tokenizer = createJiebaTokenizer({ extraWords: ['举才官'] });
// 补贴 is in every passage (generic); 租房 and 举才官 head one article each; 个税 is only in a text.
const chunks = [
  makeChunk('qt25-6', { heading: '第六条 租房补贴', text: '对新引进的青年大学生给予租房补贴。', en: { title: 'Policy', heading: 'Article 6 Rent Subsidy', text: 'Rent subsidy for graduates.' } }),
  makeChunk('qt25-8', { heading: '第八条 钱塘举才官', text: '举荐的人才可以打破社保、个税等限制，享受补贴。' }),
  makeChunk('qt25-5', { heading: '第五条 生活补贴', text: '给予一次性生活补贴。' }),
  makeChunk('qt25-9', { heading: '第九条 海外人才', text: '工作许可与居留许可联办，补贴另行规定。' }),
  makeChunk('qt25-22', { heading: '第二十二条 人才落户', text: '博士可直接落户，补贴另行规定。' }),
];
const state = { chunks, lexical: createLexicalIndex(chunks, tokenizer), english: createEnglishIndex(chunks) };

describe('corpusVocabulary', () => {
  const vocabulary = corpusVocabulary(state, tokenizer);

  it('names as topics the heading terms a question uses, not generic ones', () => {
    expect(vocabulary.topicsIn('租房补贴每年多少')).toContain('租房');
    expect(vocabulary.topicsIn('举才官举荐的人')).toContain('举才官');
    // 补贴 heads articles too, but every passage has it.
    expect(vocabulary.topicsIn('补贴多少')).toEqual([]);
    // 个税 is in a passage, in no heading.
    expect(vocabulary.topicsIn('个税怎么交')).toEqual([]);
  });

  it('counts a heading word the passages write only inside its heading phrase when the phrase is named', () => {
    // 生活 is written nowhere but in 生活补贴: alone it is an everyday word.
    expect(vocabulary.topicsIn('哪个城市更适合年轻人生活')).toEqual([]);
    expect(vocabulary.topicsIn('生活补贴多少')).toContain('生活');
    // 落户 heads 人才落户 and is written on its own too ("直接落户").
    expect(vocabulary.topicsIn('落户要什么条件')).toContain('落户');
  });

  it('reads English topics from the translated headings', () => {
    expect(vocabulary.topicsIn('how much is the rent subsidy')).toContain('rent');
  });

  it('tells whether a passage uses a phrase, case and width aside', () => {
    expect(vocabulary.uses('个税')).toBe(true);
    expect(vocabulary.uses('公积金')).toBe(false);
    expect(vocabulary.uses('RENT SUBSIDY')).toBe(true);
  });

  it('is built once per index generation', () => {
    expect(corpusVocabulary(state, tokenizer)).toBe(vocabulary);
    expect(corpusVocabulary({ ...state }, tokenizer)).not.toBe(vocabulary);
  });

  it('tells whether a passage a named topic heads uses a phrase', () => {
    // 个税 stands in the 举才官 article only; 工作许可 in the 海外人才 one.
    expect(vocabulary.usesUnder('个税', ['举才官'])).toBe(true);
    expect(vocabulary.usesUnder('个税', ['租房', '落户'])).toBe(false);
    expect(vocabulary.usesUnder('工作许可', ['海外人才'])).toBe(true);
    expect(vocabulary.usesUnder('工作许可', [])).toBe(false);
    expect(vocabulary.usesUnder('公积金', ['举才官'])).toBe(false);
  });

  it('finds the words of a text that only one article and its guide use', () => {
    const terms = vocabulary.distinctiveTerms('举才官举荐的博士租房补贴和公积金');
    expect(terms).toEqual(expect.arrayContaining(['举才官', '举荐', '博士', '租房']));
    // 补贴 is in every passage, 公积金 in none, 的 is one character.
    expect(terms).not.toContain('补贴');
    expect(terms).not.toContain('公积金');
    expect(terms).not.toContain('的');
  });

  it('reads a phrase as the glossary reads it, and as nothing without a glossary', () => {
    const glossary = createGlossary({ zh: { 派出所: ['落户'], 老外: ['外国人', '海外人才'] } });
    const read = corpusVocabulary({ ...state }, tokenizer, glossary);
    expect(read.meaningOf('派出所')).toEqual(['落户']);
    expect(read.meaningOf('老外')).toEqual(['外国人', '海外人才']);
    expect(read.meaningOf('房东')).toEqual([]);
    expect(vocabulary.meaningOf('派出所')).toEqual([]);
  });

  it('finds the names of texts a question says, the glossary\'s names people use included', () => {
    const glossary = createGlossary({ names: { 'qt25-22': ['户口落地'] } });
    const read = corpusVocabulary({ ...state }, tokenizer, glossary);
    expect(read.textsNamed('生活补贴发到哪里')).toContain('生活补贴');
    expect(read.textsNamed('户口落地要带什么')).toContain('户口落地');
    expect(read.textsNamed('公积金怎么取')).toEqual([]);
  });

  it('knows an article by its whole heading name, not by a word of it nor by a heading every guide repeats', () => {
    const guides = ['g03', 'g05', 'g07', 'g09'].map((g) => makeChunk(`${g}-3`, { docTitle: `${g} 办事指南`, kind: 'guide', heading: '三、申请材料', text: '身份证、学历证书。' }));
    const all = [...chunks, ...guides];
    const read = corpusVocabulary({ chunks: all, lexical: createLexicalIndex(all, tokenizer), english: createEnglishIndex(all) }, tokenizer);
    expect(read.namesArticle('租房补贴')).toBe(true);
    expect(read.namesArticle('人才落户')).toBe(true);
    // 租房 is a word of the heading, 申请材料 heads every guide.
    expect(read.namesArticle('租房')).toBe(false);
    expect(read.namesArticle('申请材料')).toBe(false);
    expect(read.namesArticle('公积金')).toBe(false);
  });

  it('tells whether one heading segment holds two terms, not a title over another section', () => {
    const permit = makeChunk('g07-3', { docTitle: '外国人工作许可与居留办事指南', kind: 'guide', heading: '三、申请材料', text: '护照、体检证明。' });
    const all = [...chunks, permit];
    const read = corpusVocabulary({ chunks: all, lexical: createLexicalIndex(all, tokenizer), english: createEnglishIndex(all) }, tokenizer);
    expect(read.headsTogether('外国人', '工作许可')).toBe(true);
    expect(read.headsTogether('外国人', '居留')).toBe(true);
    // 材料 and 工作许可 meet only in the title above the materials section.
    expect(read.headsTogether('材料', '工作许可')).toBe(false);
  });
});
