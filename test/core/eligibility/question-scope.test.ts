import { describe, expect, it } from 'vitest';
import { questionClauses, scopeQuestion } from '../../../src/core/eligibility/question-scope.js';
import { engineAt } from './fixture.js';

const engine = engineAt();
const scope = (q: string) => scopeQuestion((t) => engine.rulesFor(t), q);
const ids = (q: string) => scope(q).rules.map((r) => r.id);

describe('questionClauses', () => {
  it('keeps the clauses that ask, leaving the stated background out', () => {
    expect(questionClauses('我在租房，生活补贴能领吗')).toEqual(['生活补贴能领吗']);
    expect(questionClauses('I rent a flat. Can I get the living allowance?')).toEqual(['Can I get the living allowance']);
  });

  it('a message without any asking clause is all question', () => {
    expect(questionClauses('博士后生活补贴')).toEqual(['博士后生活补贴']);
  });
});

describe('scopeQuestion', () => {
  it('a benefit named only in the background gets no verdict: renting while asking about the living subsidy', () => {
    expect(ids('我在租房，生活补贴能领吗')).toEqual(['living-subsidy']);
    expect(ids('我住人才公寓，能领租房补贴吗')).toEqual(['rent-subsidy']);
    expect(ids('I rent a flat. Can I get the living allowance?')).toEqual(['living-subsidy']);
  });

  it('falls back to every benefit named when the question clause names none', () => {
    expect(ids('租房补贴，我能领吗')).toEqual(['rent-subsidy']);
  });

  it('the background makes the asked benefit specific: a postdoc asking about 生活补贴 means the postdoc one', () => {
    expect(ids('我进了博士后工作站，生活补贴每年多少')).toEqual(['postdoc-living']);
  });

  it('tells a how-much question from a may-I question', () => {
    expect(scope('硕士生活补贴多少钱').amountOnly).toBe(true);
    expect(scope("I'm a C-class talent, how much settlement allowance can I get?").amountOnly).toBe(true);
    expect(scope('我能领生活补贴吗').amountOnly).toBe(false);
    expect(scope('生活补贴多少钱，我能领吗').amountOnly).toBe(false);
  });

  it('an open question names no benefit: 能享受哪些', () => {
    expect(scope('我是博士，能享受哪些').open).toBe(true);
    expect(scope('What benefits can I get as a PhD?').open).toBe(true);
    expect(scope('我能领生活补贴吗').open).toBe(false);
  });

  it('reads whom the question is about', () => {
    expect(scope('我们公司新招了一个博士，他能领多少生活补贴').subject).toBe('other');
    expect(scope('Can this new hire get the rent subsidy?').subject).toBe('other');
    expect(scope('我能领生活补贴吗').subject).toBe('self');
    expect(scope('我老婆也是硕士，我能领生活补贴吗').subject).toBe('self');
  });
});
