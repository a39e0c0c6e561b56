import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGlossary } from '../../src/knowledge/glossary.js';

// The shipped glossary reads the everyday English words for each benefit as the texts name it.
const glossary = await loadGlossary(path.resolve('seeds/glossary.yaml'));
const added = (q: string): string[] => glossary.expand(q).added;

describe('English everyday benefit words (seeds/glossary.yaml)', () => {
  it('maps a flat, a stipend, rent help and relocation money to their benefits', () => {
    expect(added('Who can live in a talent flat?')).toContain('人才公寓');
    expect(added('Is there a stipend for master graduates?')).toContain('生活补贴');
    expect(added('How much rent help can I get?')).toContain('租房补贴');
    expect(added('How much relocation money does Category E get?')).toContain('安家补贴');
  });

  it('reads "rent" alone as the rent paid, not as the rent subsidy', () => {
    expect(added("Can a master's graduate rent a talent apartment, and at what rent?")).not.toContain('租房补贴');
    expect(added("Can a master's graduate rent a talent apartment, and at what rent?")).toContain('人才公寓');
  });

  it('tells the postdoc stages and the doctors serving firms apart', () => {
    expect(added('How much does an in-station postdoc get per year?')).toContain('进站');
    expect(added('What does a postdoc get after leaving the station?')).toContain('出站');
    expect(added('Our firm brings in a university PhD for R&D services')).toEqual(expect.arrayContaining(['高校博士', '研发']));
  });

  it('reads the level of a station or studio as its case', () => {
    expect(added('And how much funding does a new national-level postdoc station get?')).toContain('国家级');
    expect(added('What does a provincial postdoc station get?')).toContain('省级');
    expect(added('How much for a municipal-level skills master studio?')).toContain('市级');
    expect(added('My wife is a foreign national')).not.toContain('国家级');
  });

  it('reads a graduate as a degree holder, and the age and first-application words', () => {
    expect(added("Up to what age can a master's graduate move their hukou here?")).not.toContain('青年大学生');
    expect(added("Up to what age can a master's graduate move their hukou here?")).toContain('周岁');
    expect(added('By when must I first apply for the relocation money?')).toEqual(expect.arrayContaining(['截止', '首次申请']));
  });
});
