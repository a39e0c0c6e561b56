import { describe, expect, it } from 'vitest';
import { DEFAULT_HANDOFF_POLICY, decideHandoff, isDissatisfied, type HandoffInput } from '../../../src/core/assistant/decide-handoff.js';
import type { Intent } from '../../../src/core/types.js';

const sure: HandoffInput = { intent: 'policy_question', confidence: 0.9, dissatisfiedStreak: 0, topKey: 'qt25-5', settled: false };

describe('decideHandoff', () => {
  it.each([
    ['request_human', 'user_request'],
    ['complaint', 'complaint'],
    ['own_case', 'own_case'],
  ] as const)('%s always goes to an officer (%s), whatever the confidence', (intent, reason) => {
    expect(decideHandoff({ ...sure, intent })).toEqual({ handoff: true, reason });
    expect(decideHandoff({ ...sure, intent, confidence: 0, settled: true, dissatisfiedStreak: 5 })).toEqual({ handoff: true, reason });
  });

  it('answers a confident policy question', () => {
    expect(decideHandoff(sure)).toEqual({ handoff: false });
  });

  describe('repeated dissatisfaction', () => {
    it('one dissatisfied turn is answered; two in a row go to an officer', () => {
      expect(decideHandoff({ ...sure, dissatisfiedStreak: 1 })).toEqual({ handoff: false });
      expect(decideHandoff({ ...sure, dissatisfiedStreak: 2 })).toEqual({ handoff: true, reason: 'repeated_dissatisfaction' });
      expect(decideHandoff({ ...sure, dissatisfiedStreak: 3 })).toEqual({ handoff: true, reason: 'repeated_dissatisfaction' });
    });

    it('applies to every answerable intent, settled or not, and to greetings too', () => {
      for (const intent of ['policy_question', 'eligibility', 'procedure', 'comparison', 'greeting'] as Intent[]) {
        expect(decideHandoff({ ...sure, intent, settled: true, dissatisfiedStreak: 2 })).toEqual({ handoff: true, reason: 'repeated_dissatisfaction' });
      }
    });

    it('comes before the case-by-case and confidence checks', () => {
      expect(decideHandoff({ ...sure, dissatisfiedStreak: 2, personal: true, topKey: 'qt25-3', confidence: 0 })).toEqual({
        handoff: true,
        reason: 'repeated_dissatisfaction',
      });
    });
  });

  describe('confidence threshold', () => {
    const min = DEFAULT_HANDOFF_POLICY.minConfidence;

    it('the default floor is 0.38', () => {
      expect(min).toBe(0.38);
    });

    it('at the floor the bot answers; just below it hands off (low_confidence)', () => {
      expect(decideHandoff({ ...sure, confidence: min })).toEqual({ handoff: false });
      expect(decideHandoff({ ...sure, confidence: min - 0.001 })).toEqual({ handoff: true, reason: 'low_confidence' });
      expect(decideHandoff({ ...sure, confidence: min + 0.001 })).toEqual({ handoff: false });
    });

    it('a missing confidence counts as 0', () => {
      const { confidence: _unused, ...noConfidence } = sure;
      expect(decideHandoff(noConfidence)).toEqual({ handoff: true, reason: 'low_confidence' });
    });

    it('a settled turn (rule or curated answer) is answered whatever the confidence', () => {
      expect(decideHandoff({ ...sure, confidence: 0, settled: true })).toEqual({ handoff: false });
    });

    it.each(['policy_question', 'eligibility', 'procedure', 'comparison'] as const)('applies to %s', (intent) => {
      expect(decideHandoff({ ...sure, intent, confidence: 0.1 })).toEqual({ handoff: true, reason: 'low_confidence' });
    });

    it.each(['greeting', 'out_of_scope'] as const)('does not apply to %s (nothing to answer from the texts)', (intent) => {
      expect(decideHandoff({ ...sure, intent, confidence: 0 })).toEqual({ handoff: false });
    });

    it('follows a custom policy', () => {
      const policy = { minConfidence: 0.8, caseByCaseKeys: [] };
      expect(decideHandoff({ ...sure, confidence: 0.79 }, policy)).toEqual({ handoff: true, reason: 'low_confidence' });
      expect(decideHandoff({ ...sure, confidence: 0.8 }, policy)).toEqual({ handoff: false });
    });
  });

  describe('case-by-case matters (一人一议)', () => {
    it('a personal question whose top result is qt25-3 goes to an officer', () => {
      expect(decideHandoff({ ...sure, topKey: 'qt25-3', personal: true })).toEqual({ handoff: true, reason: 'individual_negotiation' });
      expect(decideHandoff({ ...sure, topKey: 'qt25-3', personal: true, topSaid: true })).toEqual({ handoff: true, reason: 'individual_negotiation' });
    });

    it('a case-by-case text reached only through a reading of the person\'s words is no case to negotiate', () => {
      expect(decideHandoff({ ...sure, topKey: 'qt25-3', personal: true, topSaid: false })).toEqual({ handoff: false });
    });

    it('the general question about qt25-3 is answered from the text', () => {
      expect(decideHandoff({ ...sure, topKey: 'qt25-3', personal: false })).toEqual({ handoff: false });
      expect(decideHandoff({ ...sure, topKey: 'qt25-3' })).toEqual({ handoff: false });
    });

    it('only the top key counts, and only the keys of the policy', () => {
      expect(decideHandoff({ ...sure, topKey: 'qt25-4', personal: true })).toEqual({ handoff: false });
      const { topKey: _unused, ...noTop } = sure;
      expect(decideHandoff({ ...noTop, personal: true })).toEqual({ handoff: false });
      expect(decideHandoff({ ...sure, topKey: 'qt25-4', personal: true }, { minConfidence: 0.38, caseByCaseKeys: ['qt25-4'] })).toEqual({
        handoff: true,
        reason: 'individual_negotiation',
      });
    });

    it('comes before the confidence check', () => {
      expect(decideHandoff({ ...sure, topKey: 'qt25-3', personal: true, confidence: 0.1 })).toEqual({ handoff: true, reason: 'individual_negotiation' });
    });

    it('is not for greetings or out-of-scope messages', () => {
      expect(decideHandoff({ ...sure, intent: 'out_of_scope', topKey: 'qt25-3', personal: true })).toEqual({ handoff: false });
    });
  });
});

describe('isDissatisfied', () => {
  it.each(['没用', '你答的不对，我问的不是这个', '还是不对，你根本没用', '答非所问', '看不懂', '还是不明白', '胡说八道', '我不满意', 'This is useless', 'Wrong answer.', 'not what I asked', "that doesn't help", 'Not helpful at all', 'ｕｓｅｌｅｓｓ', '还是没回答我', '一点用都没有', '毫无用处', '说了等于没说', '没帮上忙'])(
    '%s is dissatisfied',
    (text) => {
      expect(isDissatisfied(text)).toBe(true);
    },
  );

  it.each(['谢谢，很有用', '硕士生活补贴多少？', '明白了', '好的', 'Thanks, that helps', 'What about the rent subsidy?', '我的申请一直没有回复', '这个补贴有什么用'])('%s is not', (text) => {
    expect(isDissatisfied(text)).toBe(false);
  });
});
