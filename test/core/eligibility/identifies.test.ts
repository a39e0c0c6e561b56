import { describe, expect, it } from 'vitest';
import { engineAt } from './fixture.js';

const engine = engineAt();

describe('whom a rule is for (identifies)', () => {
  it('a special-grade teacher is whom the teachers\' settlement allowance is for, a D类 talent is not', () => {
    expect(engine.identifies('education-teacher', { title: 'special_teacher' })).toBe(true);
    expect(engine.identifies('education-teacher', { category: 'D' })).toBe(false);
  });

  it('a deputy-senior title alone is not enough once the person is known not to be medical', () => {
    expect(engine.identifies('health-talent', { title: 'deputy_senior', medical: true })).toBe(true);
    expect(engine.identifies('health-talent', { title: 'deputy_senior', medical: false })).toBe(false);
  });

  it('an unknown first fact identifies nobody, even when later facts are known', () => {
    expect(engine.identifies('education-teacher', { arrived: '2025-03' })).toBe(false);
    expect(engine.identifies('postdoc-living', {})).toBe(false);
  });

  it('a condition only checked when known (ifKnown) does not count as the first condition', () => {
    expect(engine.identifies('housing-settlement', { category: 'C' })).toBe(true);
    expect(engine.identifies('housing-settlement', { recognised: true })).toBe(false);
  });
});
