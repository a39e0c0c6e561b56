import { describe, expect, it } from 'vitest';
import type { Rule } from '../../../src/core/eligibility/rule.js';
import { compileTriggers, normalizeTrigger } from '../../../src/core/eligibility/triggers.js';
import { rules } from './fixture.js';

const base = rules[0] as Rule;
const rule = (id: string, benefit: string, triggers: string[]): Rule => ({ ...base, id, benefit, triggers });
const ids = (matched: Rule[]) => matched.map((r) => r.id);

/** The matching rules state: each trigger tested alone, Latin ones as whole words (a-z, 0-9). */
function reference(list: readonly Rule[], question: string): string[] {
  const q = normalizeTrigger(question);
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
  const test = (trigger: string): boolean => {
    const t = normalizeTrigger(trigger);
    if (t === '') return false;
    if (/^[\x20-\x7e]+$/u.test(t)) return new RegExp(`(^|[^a-z0-9])${escape(t)}($|[^a-z0-9])`, 'u').test(q);
    return q.includes(t);
  };
  return list
    .map((r, index) => ({ r, index, score: [...r.triggers, r.benefit].filter(test).reduce((s, t) => s + normalizeTrigger(t).length, 0) }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((s) => s.r.id);
}

describe('compileTriggers', () => {
  const synthetic = [
    rule('rent', '租房补贴', ['租房', 'rent', 'rent subsidy']),
    rule('living', '生活补贴', ['生活补贴', 'living allowance', 'b2']),
    rule('postdoc', '博士后生活补贴', ['博士后', '生活补贴']),
    rule('same-a', '甲补贴', ['同名']),
    rule('same-b', '乙补贴', ['同名']),
    rule('empty', '   ', ['', '空']),
  ];
  const matcher = compileTriggers(synthetic);

  it('matches Latin triggers as whole words only, digits joining a word', () => {
    expect(ids(matcher.match('Can I get the RENT subsidy?'))).toEqual(['rent']);
    expect(ids(matcher.match('my parent is current'))).toEqual([]);
    expect(ids(matcher.match('category b2 talent'))).toEqual(['living']);
    expect(ids(matcher.match('category b22'))).toEqual([]);
    expect(ids(matcher.match('rent2'))).toEqual([]);
  });

  it('matches other triggers anywhere, after full-width and case folding', () => {
    expect(ids(matcher.match('我想租房'))).toEqual(['rent']);
    expect(ids(matcher.match('ＬＩＶＩＮＧ　ＡＬＬＯＷＡＮＣＥ'))).toEqual(['living']);
  });

  it('scores by the total length of matched triggers, the benefit counting as one', () => {
    // postdoc: 博士后 (3) + 生活补贴 (4) + 博士后生活补贴 (7); living: 生活补贴 as trigger and benefit (8).
    expect(ids(matcher.match('博士后生活补贴'))).toEqual(['postdoc', 'living']);
    expect(ids(matcher.match('生活补贴多少'))).toEqual(['living', 'postdoc']);
  });

  it('keeps the rules order on equal scores and never fires an empty trigger', () => {
    expect(ids(matcher.match('同名的补贴'))).toEqual(['same-a', 'same-b']);
    expect(ids(matcher.match('  '))).toEqual([]);
    expect(ids(matcher.match('空'))).toEqual(['empty']);
  });

  it('finds what testing each trigger alone finds, on the product rules', () => {
    const product = compileTriggers(rules);
    const questions = [
      '我能领生活补贴吗', '住人才公寓还能领租房补贴吗', '博士后生活补贴', '特级教师安家补贴多少', 'How much is the Living Allowance?',
      'ＨＵＫＯＵ　ｐｏｌｉｃｙ', 'can my parent apply?', '今天天气怎么样', 'rent subsidy for a PhD', '硕士来钱塘工作，租房补贴和生活补贴能一起领吗',
      ...rules.flatMap((r) => [...r.triggers, r.benefit].flatMap((t) => [t, `x${t}y`, `the ${t}s`, `${t}2`, t.toUpperCase()])),
    ];
    for (const q of questions) expect(ids(product.match(q)), q).toEqual(reference(rules, q));
    expect(questions.filter((q) => product.match(q).length > 1).length).toBeGreaterThan(0);
  });
});
