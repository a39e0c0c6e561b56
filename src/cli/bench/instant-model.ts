import type { ChatMessage, ChatModel } from '../../core/ports/chat-model.js';

/**
 * A chat model that answers at once, in-process, for measuring the assistant's own overhead on the
 * LLM path: JSON requests get `{}` (no facts, no intent: the offline rules decide), answer requests a
 * one-line answer citing the first passage key they were given.
 */
export function createInstantModel(): ChatModel {
  const answer = (messages: readonly ChatMessage[]): string => {
    const user = messages.filter((m) => m.role === 'user').at(-1)?.content ?? '';
    const key = /key="([^"]+)"/u.exec(user)?.[1];
    return key ? `根据相关条款办理。[${key}]` : '没有找到依据。';
  };
  return {
    id: 'instant',
    async complete(messages, options) {
      return options?.json ? '{}' : answer(messages);
    },
    async *stream(messages) {
      yield answer(messages);
    },
  };
}
