import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../core/errors.js';
import type { DocumentKind } from '../types.js';
import { corpusPath } from './load-document.js';
import { splitFrontMatter } from './front-matter.js';
import { normalizeBody } from './normalize-text.js';

/** The folder under the corpus root that holds translations (`translations/<lang>/<id>.md`); never indexed as documents. */
export const TRANSLATIONS_DIR = 'translations';

/** One translated article or section. */
export interface TranslatedSection {
  /** Heading as written, e.g. `Article 5 Living Allowance for Young Graduates` or `3. Documents Required`. */
  heading: string;
  /** Section text without the heading. */
  text: string;
}

/** A translation of one corpus document, as read from disk (sections are split later, by the document's kind). */
export interface TranslationFile {
  /** Id of the translated document (front matter `id`, else the file name). */
  docId: string;
  /** Language folder, e.g. `en`. */
  lang: string;
  /** Translated title. */
  title: string;
  /** Translated short name. */
  shortName?: string;
  /** Body without front matter. */
  body: string;
  /** Path relative to the corpus root. */
  path: string;
  /** sha256 of the raw file, so an edited translation triggers a rebuild. */
  hash: string;
}

const MARKDOWN = /\.(md|markdown)$/iu;

/**
 * Reads every `translations/<lang>/*.md` under the corpus root. A missing folder means no
 * translations; an unreadable file is reported through `onWarning` and skipped, since a
 * translation only adds to the Chinese text and must never stop the corpus from loading.
 */
export async function loadTranslations(root: string, lang: string, onWarning: (path: string, message: string) => void): Promise<TranslationFile[]> {
  const dir = path.join(path.resolve(root), TRANSLATIONS_DIR, lang);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => MARKDOWN.test(n) && !n.startsWith('.') && !n.startsWith('_') && n.toLowerCase() !== 'readme.md').sort();
  } catch {
    return [];
  }
  const out: TranslationFile[] = [];
  for (const name of names) {
    const abs = path.join(dir, name);
    const shown = corpusPath(abs, path.resolve(root));
    try {
      const raw = await readFile(abs);
      const { body, data } = splitFrontMatter(raw.toString('utf8'));
      const docId = stringField(data?.['id']) ?? name.replace(MARKDOWN, '');
      const title = stringField(data?.['title']) ?? firstHeading(body);
      if (!title) throw new AppError('invalid_metadata', 'a translation needs a title (front matter `title` or a `# ` heading)');
      const shortName = stringField(data?.['shortName']);
      out.push({ docId, lang, title, ...(shortName ? { shortName } : {}), body: normalizeBody(body), path: shown, hash: createHash('sha256').update(raw).digest('hex') });
    } catch (err) {
      onWarning(shown, (err as Error).message);
    }
  }
  return out;
}

function stringField(v: unknown): string | undefined {
  if (typeof v === 'number') return String(v);
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function firstHeading(body: string): string | undefined {
  return /^#\s+(.+)$/mu.exec(body)?.[1]?.trim();
}

const ARTICLE_RE = /^\s*#{1,6}\s*Article\s+(\d+)\b[\s.:]*(.*)$/iu;
const SECTION_RE = /^\s*#{1,6}\s*(\d+)[.)]\s*(.+)$/u;
const CHAPTER_RE = /^\s*#{1,6}\s*Chapter\b/iu;
// Block quotes (the translation caveat), the `# title` line and rules are not content, as in the Chinese splitter.
const NOISE_RE = /^\s*(?:>.*|#\s.*|-{3,}|\*{3,})\s*$/u;

/**
 * Splits a translation into sections keyed like the Chinese chunks: `Article N …` headings for a
 * policy (`<id>-N`), numbered headings `## N. …` for a guide (`<id>-N`), and text before the first
 * of them as the preamble (`<id>`).
 */
export function splitTranslation(docId: string, kind: DocumentKind, body: string): Map<string, TranslatedSection> {
  const sections = new Map<string, { heading: string; lines: string[] }>();
  const preamble: string[] = [];
  let current: { heading: string; lines: string[] } | undefined;
  for (const line of body.split('\n')) {
    if (kind === 'policy' && CHAPTER_RE.test(line)) {
      current = undefined;
      continue;
    }
    const m = kind === 'policy' ? ARTICLE_RE.exec(line) : SECTION_RE.exec(line);
    if (m) {
      const heading = line.replace(/^\s*#+\s*/u, '').trim();
      current = { heading, lines: [] };
      sections.set(`${docId}-${Number(m[1])}`, current);
      continue;
    }
    if (current) current.lines.push(line);
    else if (!NOISE_RE.test(line)) preamble.push(line);
  }
  const out = new Map<string, TranslatedSection>();
  const pre = tidy(preamble);
  if (pre) out.set(docId, { heading: '', text: pre });
  for (const [key, s] of sections) out.set(key, { heading: s.heading, text: tidy(s.lines) });
  return out;
}

function tidy(lines: string[]): string {
  return lines.join('\n').replace(/\n{3,}/gu, '\n\n').trim();
}
