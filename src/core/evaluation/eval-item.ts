import { z } from 'zod';
import { AppError } from '../errors.js';

const expectSchema = z
  .object({
    cite: z.array(z.string().min(1)).optional(),
    contains: z.array(z.string().min(1)).optional(),
    handoff: z.boolean().optional(),
    scope: z.enum(['in', 'out']).optional(),
    lang: z.enum(['zh', 'en']).optional(),
    /** The one figure asked for; the answer's first sentence must contain it. */
    figure: z.string().min(1).optional(),
  })
  .strict();

const itemSchema = z
  .object({
    id: z.string().min(1),
    question: z.string().min(1).optional(),
    turns: z.array(z.string().min(1)).min(1).optional(),
    expect: expectSchema.default({}),
  })
  .refine((v) => (v.question === undefined) !== (v.turns === undefined), { message: 'needs exactly one of "question" or "turns"' });

/** One evaluation item: a question (or a conversation whose last turn is evaluated) and expectations. */
export interface EvalItem {
  /** Unique id. */
  id: string;
  /** Earlier turns of the same conversation, oldest first. */
  history: string[];
  /** The evaluated question. */
  question: string;
  /** What a correct reply satisfies. */
  expect: z.infer<typeof expectSchema>;
  /** File and line, for messages. */
  source: string;
}

/** Parses a JSONL evaluation file; a bad line is an error naming file, line and problem. */
export function parseEvalFile(text: string, fileName: string): EvalItem[] {
  const items: EvalItem[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `${fileName}:${i + 1}`;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      throw new AppError('eval_invalid', `${where}: not valid JSON`);
    }
    const parsed = itemSchema.safeParse(raw);
    if (!parsed.success) throw new AppError('eval_invalid', `${where}: ${parsed.error.issues[0]?.message ?? 'invalid item'}`);
    const v = parsed.data;
    const turns = v.turns ?? [v.question ?? ''];
    items.push({ id: v.id, history: turns.slice(0, -1), question: turns[turns.length - 1] ?? '', expect: v.expect, source: where });
  });
  return items;
}

/** Rejects duplicate ids across files. */
export function assertUniqueIds(items: readonly EvalItem[]): void {
  const seen = new Map<string, string>();
  for (const item of items) {
    const first = seen.get(item.id);
    if (first) throw new AppError('eval_invalid', `${item.source}: duplicate id "${item.id}" (first at ${first})`);
    seen.set(item.id, item.source);
  }
}
