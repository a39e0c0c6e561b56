import { describe, expect, it } from 'vitest';
import { figureFirst, figureOwners, firstSentence, median, statesWrongBenefit } from '../../../src/core/evaluation/answer-shape.js';
import type { EvalItem } from '../../../src/core/evaluation/eval-item.js';
import { summarise, type EvalOutcome } from '../../../src/core/evaluation/eval-metrics.js';

const owners = figureOwners([
  { key: 'qt25-5', text: '本科1万元、硕士3万元、博士10万元。' },
  { key: 'qt25-6', text: '本科每年1万元、硕士每年2万元、博士每年3万元。' },
]);

describe('answer shape measures', () => {
  it('reads the first sentence without emphasis or keys', () => {
    expect(firstSentence('**青年大学生生活补贴：硕士3万元** [qt25-5]。\n\n依据：…')).toBe('青年大学生生活补贴：硕士3万元 。');
    expect(firstSentence('Living allowance: RMB 30,000 [qt25-5]. Basis…')).toBe('Living allowance: RMB 30,000 .');
  });

  it('finds the figure in the first sentence only (NFKC, no white space)', () => {
    expect(figureFirst('硕士３万元（一次性）[qt25-5]。依据：…', '3万元')).toBe(true);
    expect(figureFirst('根据第五条：\n\n硕士3万元。', '3万元')).toBe(false);
  });

  it('counts a first sentence stating another article\'s figure instead of the expected one as wrong benefit', () => {
    expect(statesWrongBenefit('租房补贴：博士3万元（每年）[qt25-6]。', { figure: '10万元', cite: ['qt25-5'] }, owners)).toBe(false); // 3万元 is also qt25-5's
    expect(statesWrongBenefit('租房补贴：硕士2万元（每年）[qt25-6]。', { figure: '3万元', cite: ['qt25-5'] }, owners)).toBe(true);
    expect(statesWrongBenefit('生活补贴：硕士3万元。', { figure: '3万元', cite: ['qt25-5'] }, owners)).toBe(false);
  });

  it('median', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });

  it('summarise reports figure-first share, wrong benefits and the median single-fact length', () => {
    const items: EvalItem[] = [
      { id: 'a', history: [], question: 'q', expect: { cite: ['qt25-5'], figure: '3万元' }, source: 'f:1' },
      { id: 'b', history: [], question: 'q', expect: { cite: ['qt25-5'], figure: '3万元' }, source: 'f:2' },
      { id: 'c', history: ['x'], question: 'q', expect: { cite: ['qt25-5'] }, source: 'f:3' },
    ];
    const out = (id: string, answer: string): EvalOutcome => ({ id, answer, citations: ['qt25-5'], retrieved: ['qt25-5'], handoff: false, scope: 'in', lang: 'zh', ms: 1 });
    const s = summarise(items, [out('a', '硕士3万元。'), out('b', '硕士2万元。'), out('c', 'long answer not counted')], owners);
    expect(s.figureItems).toBe(2);
    expect(s.figureFirstShare).toBe(0.5);
    expect(s.wrongBenefit).toBe(1);
    expect(s.medianSingleFactLength).toBe(6);
    expect(s.failures.find((f) => f.id === 'b')?.reasons).toContain('first sentence lacks "3万元"');
    // The wrong-benefit answer says so first in the list of failures.
    expect(s.failures.find((f) => f.id === 'b')?.reasons[0]).toMatch(/^WRONG BENEFIT/u);
    expect(s.failures.filter((f) => f.reasons.some((r) => r.startsWith('WRONG BENEFIT'))).map((f) => f.id)).toEqual(['b']);
  });
});
