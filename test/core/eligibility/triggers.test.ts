import { describe, expect, it } from 'vitest';
import { FACT_NAMES } from '../../../src/core/eligibility/facts.js';
import { engineAt } from './fixture.js';

const engine = engineAt();
const ids = (q: string) => engine.rulesFor(q).map((r) => r.id);

describe('rulesFor', () => {
  it('finds a rule by its Chinese trigger', () => {
    expect(ids('我能领生活补贴吗')).toEqual(['living-subsidy']);
    expect(ids('落户要什么条件')).toEqual(['hukou']);
  });

  it('matches English triggers case-insensitively and as whole words', () => {
    expect(ids('How much is the Living Allowance?')).toEqual(['living-subsidy']);
    expect(ids('can my parent apply?')).toEqual([]);
  });

  it('reads English benefit words as the glossary does: a housing or relocation allowance is the settling-in money', () => {
    expect(ids("What's the housing allowance for district-level talent?")[0]).toBe('housing-settlement');
    expect(ids('How much relocation money does a Category E person get?')[0]).toBe('housing-settlement');
    expect(ids('How much rent help can a PhD get?')[0]).toBe('rent-subsidy');
    // The rent of a flat asks about the flat, not the rent subsidy.
    expect(ids('As a PhD, how much of the market rent would I pay for a talent flat?')[0]).toBe('talent-apartment');
  });

  it('normalises full-width text (NFKC) before matching', () => {
    expect(ids('ＨＵＫＯＵ　ｐｏｌｉｃｙ')).toEqual(['hukou']);
    expect(ids('ｔａｌｅｎｔ ａｐａｒｔｍｅｎｔ')).toEqual(['talent-apartment']);
  });

  it('returns every rule a question names, the most specific first', () => {
    expect(ids('住人才公寓还能领租房补贴吗')).toEqual(['rent-subsidy', 'talent-apartment']);
    expect(ids('博士后生活补贴')[0]).toBe('postdoc-living');
    expect(ids('博士后生活补贴')).toContain('living-subsidy');
    expect(ids('特级教师安家补贴多少')).toEqual(['education-teacher', 'housing-settlement']);
  });

  it('returns nothing for an unrelated question', () => {
    expect(ids('今天天气怎么样')).toEqual([]);
  });
});

describe('questionFor', () => {
  it('asks one short polite question per fact, in either language', () => {
    expect(engine.questionFor('degree', 'zh')).toBe('请问您的最高学历是？是否为全日制？');
    expect(engine.questionFor('degree', 'en')).toBe('What is your highest degree, and was it full-time study?');
    for (const fact of FACT_NAMES) {
      expect(engine.questionFor(fact, 'zh')).toMatch(/^请问.*？$/u);
      expect(engine.questionFor(fact, 'en')).toMatch(/\?$/u);
    }
  });
});
