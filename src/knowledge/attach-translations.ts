import { splitTranslation, type TranslationFile } from './loaders/load-translations.js';
import type { Chunk, SourceDocument } from './types.js';

/** A problem with a translation that does not stop loading (the chunks concerned simply have none). */
export interface TranslationWarning {
  /** Translation file, relative to the corpus root. */
  path: string;
  /** What is wrong, for operators. */
  message: string;
}

/**
 * Gives each chunk the translated text of its citation key (every part of a split article gets the
 * whole translated article). Keys are matched, never positions: a translation that numbers its
 * articles differently from the Chinese text must not put one article's words under another's key,
 * so keys on only one side are reported and left untranslated.
 */
export function attachTranslations(
  docs: readonly SourceDocument[],
  chunks: readonly Chunk[],
  translations: readonly TranslationFile[],
): { chunks: Chunk[]; warnings: TranslationWarning[] } {
  const warnings: TranslationWarning[] = [];
  const kindById = new Map(docs.map((d) => [d.meta.id, d.meta.kind]));
  const keysByDoc = new Map<string, Set<string>>();
  for (const c of chunks) keysByDoc.set(c.docId, (keysByDoc.get(c.docId) ?? new Set()).add(c.key));

  const byKey = new Map<string, NonNullable<Chunk['en']>>();
  const seen = new Map<string, string>();
  for (const t of translations) {
    const kind = kindById.get(t.docId);
    if (!kind) {
      warnings.push({ path: t.path, message: `no document with id "${t.docId}"; translation ignored` });
      continue;
    }
    const other = seen.get(t.docId);
    if (other) {
      warnings.push({ path: t.path, message: `"${t.docId}" is already translated by ${other}; this file is ignored` });
      continue;
    }
    seen.set(t.docId, t.path);
    const sections = splitTranslation(t.docId, kind, t.body);
    const chinese = keysByDoc.get(t.docId) ?? new Set<string>();
    const extra = [...sections.keys()].filter((k) => !chinese.has(k));
    const missing = [...chinese].filter((k) => !sections.has(k));
    if (extra.length > 0) warnings.push({ path: t.path, message: `keys not in the Chinese document ${t.docId}: ${extra.join(', ')} (not used)` });
    if (missing.length > 0) warnings.push({ path: t.path, message: `no translation of ${missing.join(', ')}` });
    for (const [key, s] of sections) {
      if (!chinese.has(key) || s.text === '') continue;
      byKey.set(key, { title: t.title, ...(t.shortName ? { shortName: t.shortName } : {}), heading: s.heading || t.title, text: s.text });
    }
  }
  return {
    chunks: chunks.map((c) => {
      const en = byKey.get(c.key);
      return en ? { ...c, en } : c;
    }),
    warnings,
  };
}
