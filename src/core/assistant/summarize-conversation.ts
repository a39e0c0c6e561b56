import type { StoredMessage } from '../ports/conversation-store.js';
import type { Reply } from '../types.js';

// What a person says to reach a human, and the politeness around it: none of it is a question.
const HUMAN_REQUEST_RE = /转人工|人工客服|人工服务|找人工|要人工|人工|真人|助才专员|专员|客服|工作人员|和人说话|跟人说|talk to (a )?(human|person|someone|officer|agent)|speak (to|with) (a )?(human|person|someone|officer|agent)|real person|human agent|customer service|(a )?(human|person|officer|agent)\b/giu;
const FILLER_RE = /请|帮我|帮忙|麻烦|我要|我想|想要|找|联系|对接|一下|谢谢|你好|您好|好的|嗯|哦|吗|呢|吧|啊|\b(please|thanks|thank you|hello|hi|i|want|need|to|can|could|you|let me|me)\b/giu;

/** How many earlier messages (both sides) count as "recent" for the topic. */
const RECENT_MESSAGES = 6;

/** The text without the request for a human (the question it may carry stays). */
export function withoutHumanRequest(text: string): string {
  return text.replace(HUMAN_REQUEST_RE, ' ').replace(/[，。！？、,.!?；;：:\s]+/gu, ' ').trim();
}

/**
 * Whether a message asks or tells something of substance, rather than only asking for a person
 * ("转人工", "找专员", "talk to a human please") or being politeness.
 */
export function isSubstantive(text: string): boolean {
  const rest = withoutHumanRequest(text).replace(FILLER_RE, ' ');
  const han = (rest.match(/\p{Script=Han}/gu) ?? []).length;
  const words = (rest.match(/[a-z]{2,}/giu) ?? []).length;
  return han >= 4 || words >= 3;
}

/** What a handoff is about, read from the conversation rather than from its last message. */
export interface ConversationFocus {
  /** The last substantive question, in the person's words (this turn's text when it is one). */
  question: string;
  /** The question without the request for a human: what to search for the topic. */
  query: string;
  /** True when the question is an earlier message than this turn. */
  fromHistory: boolean;
  /** False when nothing in the recent conversation says what it is about (a bare "转人工"). */
  substantive: boolean;
  /** Keys the bot cited in its recent answers, the most recent answer first. */
  cited: string[];
}

/** Whether the bot's last reply in the conversation answered from the texts (cited a key). */
export function lastReplyCited(recent: readonly StoredMessage[]): boolean {
  const last = [...recent].reverse().find((m) => m.role === 'assistant');
  return (last?.keys?.length ?? 0) > 0;
}

/**
 * The focus of a conversation at a handoff: its last substantive question (this turn, else the
 * latest earlier one, else this turn as said) and the articles its recent answers cited.
 */
export function conversationFocus(history: readonly StoredMessage[], current: string): ConversationFocus {
  const recent = history.slice(-RECENT_MESSAGES);
  const earlier = [...recent].reverse().find((m) => m.role === 'user' && isSubstantive(m.text));
  const fromEarlier = earlier !== undefined && !isSubstantive(current) ? earlier : undefined;
  const question = fromEarlier ? fromEarlier.text : current;
  const cited: string[] = [];
  for (const m of [...recent].reverse()) if (m.role === 'assistant') for (const k of m.keys ?? []) if (!cited.includes(k)) cited.push(k);
  return { question, query: withoutHumanRequest(question) || question, fromHistory: fromEarlier !== undefined, substantive: isSubstantive(question), cited };
}

/**
 * The keys the conversation was about, most relevant first: what the bot cited in its recent
 * answers weighs more than a search result (the person read those answers and is disputing them),
 * then the search of the substantive question by rank. Routing takes the first key it knows.
 */
export function rankTopicKeys(cited: readonly string[], retrieved: readonly string[]): string[] {
  const score = new Map<string, number>();
  const add = (key: string, points: number): void => void score.set(key, (score.get(key) ?? 0) + points);
  cited.forEach((k, i) => add(k, 2 / (1 + i * 0.25)));
  retrieved.forEach((k, i) => add(k, 1 / (1 + i)));
  const order = [...cited, ...retrieved];
  return [...score.keys()].sort((a, b) => (score.get(b) ?? 0) - (score.get(a) ?? 0) || order.indexOf(a) - order.indexOf(b));
}

/** The officer summary's line on what the bot could not settle, by handoff reason. */
export function unresolvedText(reason: NonNullable<Reply['handoff']>['reason']): string {
  const map: Record<typeof reason, string> = {
    user_request: '用户要求人工服务',
    low_confidence: '知识库未找到足够确定的依据',
    complaint: '用户投诉，需专人处理',
    own_case: '涉及本人申请或记录，需查阅个人档案核实',
    repeated_dissatisfaction: '用户连续两次对回答不满意',
    bot_error: '机器人处理出错',
    individual_negotiation: '"一人一议"事项，需个别研究',
  };
  return map[reason];
}
