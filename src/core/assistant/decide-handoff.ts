import type { HandoffReason, Intent } from '../types.js';

/** Everything the handoff decision looks at. */
export interface HandoffInput {
  /** Intent of the turn. */
  intent: Intent;
  /** Retrieval confidence of the turn (0–1), when a search ran. */
  confidence?: number;
  /** Consecutive dissatisfied turns, this one included. */
  dissatisfiedStreak: number;
  /** Top retrieved key. */
  topKey?: string;
  /** Whether an eligibility rule or a curated answer settled the turn. */
  settled: boolean;
  /** Whether the message is about the person's own case (first person, own facts). */
  personal?: boolean;
  /**
   * Whether the person's own words say something of the top text, rather than the glossary's reading of them
   * leading there; unset counts as said.
   */
  topSaid?: boolean;
}

/** The decision: hand off with a reason, or answer. */
export type HandoffDecision = { handoff: true; reason: HandoffReason } | { handoff: false };

/** Settings of the decision. */
export interface HandoffPolicy {
  /** Below this retrieval confidence an unsettled policy question goes to an officer. */
  minConfidence: number;
  /** Citation keys whose matters are decided case by case (一人一议), always for an officer. */
  caseByCaseKeys: readonly string[];
}

/** Default policy: confidence floor tuned on the evaluation set; qt25-3 is 一人一议. */
export const DEFAULT_HANDOFF_POLICY: HandoffPolicy = { minConfidence: 0.38, caseByCaseKeys: ['qt25-3'] };

const ANSWERABLE: ReadonlySet<Intent> = new Set(['policy_question', 'eligibility', 'procedure', 'comparison']);

/**
 * Decides whether a turn goes to a helper officer. What the texts cannot settle for this person —
 * their own case, a complaint, a request for a person, repeated dissatisfaction, a case-by-case
 * matter, or a question the search is not sure about — is not the bot's to decide.
 */
export function decideHandoff(input: HandoffInput, policy: HandoffPolicy = DEFAULT_HANDOFF_POLICY): HandoffDecision {
  switch (input.intent) {
    case 'request_human':
      return { handoff: true, reason: 'user_request' };
    case 'complaint':
      return { handoff: true, reason: 'complaint' };
    case 'own_case':
      return { handoff: true, reason: 'own_case' };
    default:
      break;
  }
  if (input.dissatisfiedStreak >= 2) return { handoff: true, reason: 'repeated_dissatisfaction' };
  if (!ANSWERABLE.has(input.intent)) return { handoff: false };
  // "顶尖人才最高多少" is answered from the text; "我们团队的一人一议怎么谈" is a case to negotiate. A case-by-case
  // text reached only through a reading of the person's words ("我被院士推荐来" → 顶尖人才) is a guess at their
  // matter, no case to negotiate.
  if (input.personal && input.topSaid !== false && input.topKey !== undefined && policy.caseByCaseKeys.includes(input.topKey)) return { handoff: true, reason: 'individual_negotiation' };
  if (!input.settled && (input.confidence ?? 0) < policy.minConfidence) return { handoff: true, reason: 'low_confidence' };
  return { handoff: false };
}

// Besides a plain 没用, a person who was not helped says the answer missed ("没回答我", "等于没说") or was
// worthless ("一点用都没有", "毫无用处"): each of these counts towards the streak that reaches an officer.
const DISSATISFIED_RE = /没用|没有用|一点儿?用(处)?(都|也)没有?|毫无用处?|没有?(回答|答)(我|到|上|清楚|问题)|等于没说|没有?帮(上|到)(我|忙)|不对|错了|答非所问|不是我问的|不是这个意思|看不懂|没看懂|还是不(明白|懂|清楚)|说的什么|胡说|不满意|不行啊|听不懂|useless|wrong answer|not what i asked|doesn'?t help|didn'?t help|not helpful/iu;

/** True when a message says the previous answer did not help. */
export function isDissatisfied(text: string): boolean {
  return DISSATISFIED_RE.test(text.normalize('NFKC'));
}
