import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { AppError } from '../core/errors.js';
import { createKeyScanner, LATIN_WORD_BOUNDARY, wordOccurrences } from '../core/analysis/key-scanner.js';
import { normalizeForSearch } from './text-normalize.js';
import { parseYamlCached } from '../core/cached-yaml.js';

/** Colloquial → policy-term expansion of a question. */
export interface Glossary {
  /** Returns the question plus the policy terms its wording implies, and those terms alone. */
  expand(question: string): { text: string; added: string[] };
  /** Every policy term the glossary can add (jieba keeps these whole). */
  readonly terms: readonly string[];
  /** Number of entries. */
  readonly size: number;
  /** What people call a text, by citation key or guide id (回村创业 → qt25-17): names the corpus does not use itself. */
  readonly names: Readonly<Record<string, readonly string[]>>;
}

const LATIN_RE = /[a-z]/u;

const fileSchema = z.object({
  zh: z.record(z.string(), z.array(z.string().min(1))).default({}),
  en: z.record(z.string(), z.array(z.string().min(1))).default({}),
  names: z.record(z.string(), z.array(z.string().min(1))).default({}),
});

/**
 * Builds a glossary from `{zh: {say: [means]}, en: {...}, names: {key: [what people call it]}}`. Everything a question is matched against
 * is prepared here, once: keys and values normalised, and one key scanner per language, so expanding
 * a question costs one pass over it per language instead of one search per entry. English keys
 * match whole words only, so "rent" does not fire inside "parent"; a question without a Latin letter
 * (most Chinese questions) skips every English key that has one.
 */
export function createGlossary(entries: { zh?: Record<string, string[]>; en?: Record<string, string[]>; names?: Record<string, string[]> }): Glossary {
  // Object.entries keeps the file order (integer-like keys first): added terms follow entry order.
  const zh = Object.entries(entries.zh ?? {}).map(([k, v]) => ({ key: normalizeForSearch(k), values: v }));
  const en = Object.entries(entries.en ?? {}).map(([k, v]) => ({ key: normalizeForSearch(k), values: v }));
  const terms = [...new Set([...zh, ...en].flatMap((e) => e.values))];
  // A Chinese key that normalises to nothing would occur everywhere; such a key never fires.
  const zhLive = zh.filter((e) => e.key !== '');
  const zhScan = createKeyScanner(zhLive.map((e) => e.key));
  // English entries by whether their key has a Latin letter: only those without one can occur in a
  // question without one. Each scanner reports positions in its own list, mapped back to `en`.
  const enLatin = en.flatMap((e, i) => (LATIN_RE.test(e.key) ? [i] : []));
  const enOther = en.flatMap((e, i) => (LATIN_RE.test(e.key) ? [] : [i]));
  const enLatinScan = createKeyScanner(enLatin.map((i) => en[i]?.key ?? ''), LATIN_WORD_BOUNDARY);
  const enOtherScan = createKeyScanner(enOther.map((i) => en[i]?.key ?? ''), LATIN_WORD_BOUNDARY);
  const normalizedValue = new Map(terms.map((v) => [v, normalizeForSearch(v)]));
  return {
    size: zh.length + en.length,
    terms,
    names: entries.names ?? {},
    expand(question: string) {
      const q = normalizeForSearch(question);
      const added = new Set<string>();
      // Chinese keys count where they read as words: 房补 does not fire inside 买房补贴 (see wordOccurrences).
      const zhFound = [...new Set(wordOccurrences(zhScan.occurrences(q)).map((o) => o.index))].sort((a, b) => a - b);
      for (const i of zhFound) for (const v of zhLive[i]?.values ?? []) added.add(v);
      const enFound = enOtherScan.matches(q).map((i) => enOther[i] ?? 0);
      if (LATIN_RE.test(q)) enFound.push(...enLatinScan.matches(q).map((i) => enLatin[i] ?? 0));
      // Entry order decides the order of the added terms, as in the file.
      for (const i of enFound.sort((a, b) => a - b)) for (const v of en[i]?.values ?? []) added.add(v);
      for (const v of [...added]) if (q.includes(normalizedValue.get(v) ?? normalizeForSearch(v))) added.delete(v);
      const list = [...added];
      return { text: list.length > 0 ? `${question} ${list.join(' ')}` : question, added: list };
    },
  };
}

/** Loads `seeds/glossary.yaml`; a malformed file is an error naming the file. */
export async function loadGlossary(file: string): Promise<Glossary> {
  let raw: unknown;
  try {
    raw = parseYamlCached(await readFile(file, 'utf8'));
  } catch (err) {
    throw new AppError('glossary_unreadable', `Cannot read glossary ${file}: ${(err as Error).message}`, { cause: err });
  }
  const parsed = fileSchema.safeParse(raw ?? {});
  if (!parsed.success) throw new AppError('glossary_invalid', `Invalid glossary ${file}: ${parsed.error.issues[0]?.message ?? ''}`);
  return createGlossary(parsed.data);
}
