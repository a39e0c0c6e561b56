import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { CuratedAnswer } from '../core/curated/curated-answers.js';
import { AppError } from '../core/errors.js';
import { parseYamlCached } from '../core/cached-yaml.js';

const schema = z.array(
  z.object({
    id: z.string().min(1),
    lang: z.enum(['zh', 'en']).default('zh'),
    questions: z.array(z.string().min(1)).min(1),
    keys: z.array(z.string().min(1)).min(1),
    answer: z.string().min(1),
  }),
);

/** Loads curated answers from a YAML file; a missing file means none, a malformed one is an error. */
export async function loadCuratedAnswers(file: string): Promise<CuratedAnswer[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  let raw: unknown;
  try {
    raw = parseYamlCached(text);
  } catch (err) {
    throw new AppError('curated_invalid', `Invalid curated answers ${file}: ${(err as Error).message.split('\n')[0] ?? ''}`, { cause: err });
  }
  const parsed = schema.safeParse(raw ?? []);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('curated_invalid', `Invalid curated answers ${file}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`);
  }
  return parsed.data.map((a) => ({ ...a, answer: a.answer.trim() }));
}
