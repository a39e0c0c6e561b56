import { describe, expect, it } from 'vitest';
import { createEnglishTokenizer } from '../../src/knowledge/english-tokenizer.js';
import { embedTextOf } from '../../src/knowledge/index-files.js';
import { createLexicalIndex } from '../../src/knowledge/lexical-index.js';
import { createJiebaTokenizer } from '../../src/knowledge/tokenizer.js';
import { makeChunk } from '../helpers/chunks.js';

const tokenizer = createJiebaTokenizer({ extraWords: ['租房补贴', '人才新政25条'] });
const chunks = [
  makeChunk('qt25-6', { heading: '第六条 租房补贴', shortName: '人才新政25条', docTitle: '关于印发钱塘区人才新政的若干意见', text: '对新引进的青年大学生发放租房补贴，本科每月1000元，硕士每月2000元。' }),
  makeChunk('qt25-7', { heading: '第七条 购房补贴', docTitle: '钱塘区人才新政', text: '首次购房的博士给予最高30万元补贴。' }),
  makeChunk('g02-3', { kind: 'guide', heading: '三、申请材料', shortName: '生活补贴办事指南', text: '身份证、毕业证书、劳动合同。' }),
];
const index = createLexicalIndex(chunks, tokenizer);

describe('createLexicalIndex', () => {
  it('keeps the terms of each passage as cited: its name, heading and body', () => {
    const vocabulary = new Set(chunks.flatMap((c) => [...tokenizer.terms(embedTextOf(c)), ...tokenizer.terms(c.docTitle)]));
    for (const c of chunks) {
      const cut = new Set(tokenizer.terms(embedTextOf(c)));
      const kept = index.passageTerms(c.id);
      for (const term of vocabulary) expect(kept.has(term), `${c.id} ${term}`).toBe(cut.has(term));
    }
  });

  it('does not count the full title of a passage cited by its short name', () => {
    // 若干 occurs only in the full title of qt25-6, which is cited as 人才新政25条; BM25 still indexes it.
    expect(tokenizer.terms(chunks[0]!.docTitle)).toContain('若干');
    expect(index.search('若干', 3).map((h) => h.chunkId)).toEqual(['qt25-6']);
    expect(index.passageTerms('qt25-6').has('若干')).toBe(false);
    expect(index.passageTerms('qt25-7').has('人才')).toBe(true);
    expect(index.passageTerms('qt25-6').has('购房')).toBe(false);
  });

  it('knows no terms of an unknown chunk', () => {
    expect(index.passageTerms('nope').has('补贴')).toBe(false);
  });

  it('finds the same hits from terms as from the query text', () => {
    for (const query of ['博士购房补贴', '租房补贴要什么材料', '人才新政25条']) {
      expect(index.searchTerms(tokenizer.terms(query), 3)).toEqual(index.search(query, 3));
      expect(index.search(query, 3).length).toBeGreaterThan(0);
    }
  });

  it('keeps the terms of English passages with the English tokenizer', () => {
    const english = createEnglishTokenizer();
    const translated = [makeChunk('qt25-6', { heading: 'Article 6 Rent Subsidies', shortName: '25 Talent Measures', docTitle: 'Opinions on Talent', text: 'Graduates renting in Qiantang receive 1,000 yuan a month.' })];
    const en = createLexicalIndex(translated, english);
    const cut = new Set(english.terms(embedTextOf(translated[0]!)));
    for (const term of [...cut, 'opinion', 'talent', 'weather']) expect(en.passageTerms('qt25-6').has(term), term).toBe(cut.has(term));
    expect(cut.has('subsidy')).toBe(true);
  });
});
