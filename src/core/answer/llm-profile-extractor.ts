import { z } from 'zod';
import { render } from '../prompt-render.js';
import type { Profile } from '../eligibility/types.js';
import { silentLogger, type Logger } from '../logger.js';
import type { ChatModel } from '../ports/chat-model.js';

const month = z.string().regex(/^(19|20)\d\d-(0[1-9]|1[0-2])$/u);
const fields: { [K in keyof Required<Profile>]: z.ZodType<Profile[K]> } = {
  age: z.number().int().min(14).max(100),
  degree: z.enum(['college', 'bachelor', 'master', 'phd']),
  fullTime: z.boolean(),
  graduated: month,
  arrived: month,
  insuranceMonths: z.number().int().min(0).max(720),
  category: z.enum(['A', 'B', 'C', 'D', 'E', 'district']),
  recognised: z.boolean(),
  ownsHome: z.boolean(),
  contractYears: z.number().min(0).max(50),
  inTalentApartment: z.boolean(),
  title: z.enum(['senior', 'deputy_senior', 'special_teacher']),
  skill: z.enum(['senior_technician', 'technician']),
  medical: z.boolean(),
  postdoc: z.boolean(),
  postdocCompleted: z.boolean(),
  worksInDistrict: z.boolean(),
  recommendedByScout: z.boolean(),
  recognisedAt: month,
  postdocSince: month,
  paid: z.number().positive().max(1e8),
};

/** Extracts stated profile facts with an LLM. */
export interface LlmProfileExtractor {
  /**
   * The facts the message states ({} when none), or undefined when the model fails or does not answer
   * with a JSON object. Unknown fields and fields with a value out of contract (null included) are dropped.
   */
  extract(text: string, today: Date, options?: { signal?: AbortSignal }): Promise<Partial<Profile> | undefined>;
}

/** `prompt` is the extract-profile template with the placeholder {{today}}. */
export function createLlmProfileExtractor(model: ChatModel, prompt: string, logger: Logger = silentLogger): LlmProfileExtractor {
  render(prompt, { today: '2000-01-01' });
  return {
    async extract(text, today, options = {}) {
      try {
        const reply = await model.complete(
          [
            { role: 'system', content: render(prompt, { today: isoDay(today) }) },
            { role: 'user', content: text },
          ],
          { json: true, temperature: 0, maxTokens: 300, ...(options.signal !== undefined ? { signal: options.signal } : {}) },
        );
        const raw = parseJsonObject(reply);
        if (raw === undefined) {
          logger.warn('llm profile out of contract', { model: model.id, reply: reply.slice(0, 200) });
          return undefined;
        }
        const profile: Record<string, unknown> = {};
        const dropped: string[] = [];
        for (const [name, value] of Object.entries(raw)) {
          const schema = (fields as Record<string, z.ZodType>)[name];
          const parsed = schema?.safeParse(value);
          if (parsed?.success) profile[name] = parsed.data;
          else if (value !== null) dropped.push(name);
        }
        if (dropped.length > 0) logger.info('llm profile fields dropped', { model: model.id, dropped });
        return profile as Partial<Profile>;
      } catch (err) {
        logger.warn('llm profile failed', { model: model.id, message: err instanceof Error ? err.message : String(err) });
        return undefined;
      }
    },
  };
}

/** The calendar day in Hangzhou (the office's day, whatever the server's time zone). */
function isoDay(date: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/** The JSON object of a model reply (tolerating a ```json fence around it), or undefined. */
export function parseJsonObject(reply: string): Record<string, unknown> | undefined {
  const body = reply.trim().replace(/^```(?:json)?\s*([\s\S]*?)\s*```$/u, '$1');
  try {
    const value: unknown = JSON.parse(body);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
