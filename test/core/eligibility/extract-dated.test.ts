import { describe, expect, it } from 'vitest';
import { extractProfile } from '../../../src/core/eligibility/extract-profile.js';
import { TODAY } from './fixture.js';

const facts = (text: string) => extractProfile(text, TODAY);

describe('dated facts that start a filing window', () => {
  it('the month of recognition (认定后1年内首次申请 starts then)', () => {
    expect(facts('我2025年3月认定为D类人才，安家补贴还能申请吗')).toMatchObject({ category: 'D', recognisedAt: '2025-03' });
    expect(facts('我去年5月被认定为C类人才')).toMatchObject({ category: 'C', recognisedAt: '2025-05' });
    expect(facts('I was recognised as a category C talent in March 2025')).toMatchObject({ category: 'C', recognisedAt: '2025-03' });
  });

  it('a year without a month gives no recognition date: the one-year window could fall either side', () => {
    expect(facts('我2025年认定为D类人才')).not.toHaveProperty('recognisedAt');
  });

  it('entering a postdoctoral station at a month: a postdoc since then', () => {
    expect(facts('我2026年10月进了区内企业的国家级博士后工作站')).toMatchObject({ postdoc: true, postdocSince: '2026-10' });
    expect(facts('今年9月进站的')).toMatchObject({ postdoc: true, postdocSince: '2026-09' });
    expect(facts('I joined a postdoc station in September 2026')).toMatchObject({ postdoc: true, postdocSince: '2026-09' });
  });

  it('a condition is not a fact', () => {
    expect(facts('如果2026年10月进站的话，什么时候申报')).not.toHaveProperty('postdocSince');
  });
});

describe('talent category letters in any form', () => {
  it.each([
    ["I'm a C-class talent", 'C'],
    ['I am a category C talent', 'C'],
    ['I am a class c talent', 'C'],
    ['我是c类人才', 'C'],
    ['我是Ｃ类人才', 'C'],
    ['我是ｄ类', 'D'],
    ['我是区级高层次人才', 'district'],
  ])('%s → %s', (text, category) => {
    expect(facts(text)).toMatchObject({ category, recognised: true });
  });
});

describe('English facts about the person asked about', () => {
  it('an age at the end of a sentence ("I\'m 30.") is an age; "1.5 years" is not', () => {
    expect(facts("I have a full-time PhD and I'm 30.")).toMatchObject({ age: 30, degree: 'phd' });
    expect(facts("I'm 1.5 years into my job")).not.toHaveProperty('age');
  });

  it('HR speaking of a new hire: the hire\'s degree and age', () => {
    expect(facts("Our new hire has a full-time master's degree and he is 27.")).toMatchObject({ degree: 'master', fullTime: true, age: 27 });
  });
});
