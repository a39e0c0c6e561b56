import { z } from 'zod';
import { render } from '../prompt-render.js';
import { silentLogger, type Logger } from '../logger.js';
import type { ChatModel } from '../ports/chat-model.js';
import type { Intent, Lang } from '../types.js';
import { parseJsonObject } from './llm-profile-extractor.js';

const INTENTS = [
  'greeting',
  'policy_question',
  'eligibility',
  'procedure',
  'comparison',
  'request_human',
  'complaint',
  'own_case',
  'out_of_scope',
] as const satisfies readonly Intent[];
// Fails to compile when Intent gains a member the list lacks.
const listsEveryIntent: [Exclude<Intent, (typeof INTENTS)[number]>] extends [never] ? true : never = true;
void listsEveryIntent;

const schema = z.object({ intent: z.enum(INTENTS), lang: z.enum(['zh', 'en']) });

/** Classifies a message with an LLM. */
export interface LlmIntentClassifier {
  /** The intent and language, or undefined when the model fails or answers out of contract (use the rules then). */
  classify(text: string, options?: { signal?: AbortSignal }): Promise<{ intent: Intent; lang: Lang } | undefined>;
}

/** `prompt` is the classify-intent template (no placeholders); the message goes as the user turn. */
export function createLlmIntentClassifier(model: ChatModel, prompt: string, logger: Logger = silentLogger): LlmIntentClassifier {
  const system = render(prompt, {});
  return {
    async classify(text, options = {}) {
      try {
        const reply = await model.complete(
          [
            { role: 'system', content: system },
            { role: 'user', content: text },
          ],
          { json: true, temperature: 0, maxTokens: 60, ...(options.signal !== undefined ? { signal: options.signal } : {}) },
        );
        const parsed = schema.safeParse(parseJsonObject(reply));
        if (!parsed.success) {
          logger.warn('llm intent out of contract', { model: model.id, reply: reply.slice(0, 200) });
          return undefined;
        }
        return parsed.data;
      } catch (err) {
        logger.warn('llm intent failed', { model: model.id, message: err instanceof Error ? err.message : String(err) });
        return undefined;
      }
    },
  };
}
