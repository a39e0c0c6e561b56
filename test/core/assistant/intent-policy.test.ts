import { describe, expect, it } from 'vitest';
import { namesDomain, pickIntent, withoutMarkup } from '../../../src/core/assistant/intent-policy.js';

describe('intent policy', () => {
  it('never lets a model overrule a firm or out-of-scope intent, and otherwise takes the model', () => {
    expect(pickIntent('complaint', 'policy_question')).toBe('complaint');
    expect(pickIntent('own_case', 'procedure')).toBe('own_case');
    expect(pickIntent('out_of_scope', 'policy_question')).toBe('out_of_scope');
    expect(pickIntent('policy_question', 'procedure')).toBe('procedure');
    expect(pickIntent('policy_question', undefined)).toBe('policy_question');
  });

  it('strips tags and entities but keeps the words', () => {
    expect(withoutMarkup('<b>硕士</b>&nbsp;生活补贴<script>x</script>多少')).toBe('硕士 生活补贴 x 多少');
  });

  it('counts a question as naming the domain by a glossary term, a domain word or a corpus topic', () => {
    const none = { hasTopic: () => false };
    expect(namesDomain('附近有什么好吃的', [], none)).toBe(false);
    expect(namesDomain('附近有什么好吃的', ['租房补贴'], none)).toBe(true);
    expect(namesDomain('what talent subsidies are there', [], none)).toBe(true);
    expect(namesDomain('钱塘人才卡', [], { hasTopic: () => true })).toBe(true);
  });
});
