import type { Assistant } from '../core/assistant/create-assistant.js';
import type { EvalResponder } from '../core/evaluation/run-eval.js';

/** Answers an evaluation item with the assistant: earlier turns first, in one fresh conversation. */
export function createAssistantResponder(assistant: Assistant): EvalResponder {
  let n = 0;
  return async (item) => {
    const conversationId = `eval-${item.id}-${++n}`;
    const turn = (text: string) => ({ conversationId, userId: 'eval', channel: 'cli' as const, text });
    for (const earlier of item.history) await assistant.handle(turn(earlier));
    const reply = await assistant.handle(turn(item.question));
    return {
      answer: reply.text,
      citations: reply.citations.map((c) => c.key),
      retrieved: reply.retrieved.slice(0, 10),
      handoff: reply.handoff !== undefined,
      scope: reply.scope,
      lang: reply.lang,
    };
  };
}
