import { describe, expect, it } from 'vitest';
import { STOP_WORDS } from '../../src/knowledge/stop-words.js';
import { createJiebaTokenizer } from '../../src/knowledge/tokenizer.js';

describe('createJiebaTokenizer', () => {
  const plain = createJiebaTokenizer();
  const domain = createJiebaTokenizer({ extraWords: ['钱塘人才卡', '举才官', '租房补贴'] });

  it('removes stop words and punctuation from a question', () => {
    const terms = plain.terms('我想问一下租房补贴怎么申请？');
    expect(terms).toContain('补贴');
    expect(terms).toContain('申请');
    for (const t of terms) {
      expect(STOP_WORDS.has(t), t).toBe(false);
      expect(t).toMatch(/[\p{L}\p{N}]/u);
    }
    for (const stop of ['我', '想', '问', '一下', '怎么', '？']) expect(terms).not.toContain(stop);
  });

  it('drops the giver of the money ("政府给多少钱"), keeping a domain name that holds the word', () => {
    expect(plain.terms('读研出来到钱塘上班，政府给多少钱补贴')).not.toContain('政府');
    const named = createJiebaTokenizer({ extraWords: ['政府助才专员'] });
    expect(named.terms('政府助才专员是做什么的')).toContain('政府助才专员');
  });

  it('drops English stop words and lower-cases Latin words', () => {
    expect(plain.terms('What is the Rent subsidy for a PhD?')).toEqual(['rent', 'subsidy', 'phd']);
  });

  it('returns nothing for a question of stop words only', () => {
    expect(plain.terms('请问 你好 谢谢')).toEqual([]);
    expect(plain.terms('   ')).toEqual([]);
  });

  it('yields sub-words in search mode', () => {
    const terms = plain.terms('中华人民共和国');
    expect(terms).toContain('中华人民共和国');
    expect(terms).toContain('中华');
    expect(terms).toContain('共和国');
  });

  it('keeps extra words whole and still yields their sub-words', () => {
    const terms = domain.terms('钱塘人才卡怎么办理');
    expect(terms).toContain('钱塘人才卡');
    expect(terms).toContain('钱塘');
    expect(terms).toContain('人才');
    expect(domain.terms('举才官')).toContain('举才官');
    expect(domain.terms('租房补贴')).toEqual(expect.arrayContaining(['租房', '补贴', '租房补贴']));
  });

  it('does not know the extra words without being told', () => {
    expect(plain.terms('钱塘人才卡')).not.toContain('钱塘人才卡');
    expect(plain.terms('举才官')).not.toContain('举才官');
  });

  it('normalises traditional and full-width input before cutting', () => {
    expect(domain.terms('租房補貼')).toEqual(domain.terms('租房补贴'));
    expect(plain.terms('ＰｈＤ')).toEqual(['phd']);
  });
});
