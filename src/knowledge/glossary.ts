import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import { AppError } from '../core/errors.js';
import { normalizeForSearch } from './text-normalize.js';

/** Colloquial → policy-term expansion of a question. */
export interface Glossary {
  /** Returns the question plus the policy terms its wording implies, and those terms alone. */
  expand(question: string): { text: string; added: string[] };
  /** Every policy term the glossary can add (jieba keeps these whole). */
  readonly terms: readonly string[];
  /** Number of entries. */
  readonly size: number;
}

const fileSchema = z.object({
  zh: z.record(z.string(), z.array(z.string().min(1))).default({}),
  en: z.record(z.string(), z.array(z.string().min(1))).default({}),
});

/** Builds a glossary from `{zh: {say: [means]}, en: {...}}`. */
export function createGlossary(entries: { zh?: Record<string, string[]>; en?: Record<string, string[]> }): Glossary {
  const zh = Object.entries(entries.zh ?? {}).map(([k, v]) => [normalizeForSearch(k), v] as const);
  // English keys match whole words only, so "rent" does not fire inside "parent".
  const en = Object.entries(entries.en ?? {}).map(([k, v]) => [new RegExp(`(^|[^a-z])${escape(normalizeForSearch(k))}($|[^a-z])`, 'u'), v] as const);
  const terms = [...new Set([...zh, ...Object.entries(entries.en ?? {})].flatMap(([, v]) => v))];
  return {
    size: zh.length + en.length,
    terms,
    expand(question: string) {
      const q = normalizeForSearch(question);
      const added = new Set<string>();
      for (const [key, values] of zh) if (key !== '' && q.includes(key)) values.forEach((v) => added.add(v));
      for (const [re, values] of en) if (re.test(q)) values.forEach((v) => added.add(v));
      for (const v of [...added]) if (q.includes(normalizeForSearch(v))) added.delete(v);
      const list = [...added];
      return { text: list.length > 0 ? `${question} ${list.join(' ')}` : question, added: list };
    },
  };
}

/** Loads `seeds/glossary.yaml`; a malformed file is an error naming the file. */
export async function loadGlossary(file: string): Promise<Glossary> {
  let raw: unknown;
  try {
    raw = parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new AppError('glossary_unreadable', `Cannot read glossary ${file}: ${(err as Error).message}`, { cause: err });
  }
  const parsed = fileSchema.safeParse(raw ?? {});
  if (!parsed.success) throw new AppError('glossary_invalid', `Invalid glossary ${file}: ${parsed.error.issues[0]?.message ?? ''}`);
  return createGlossary(parsed.data);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}
