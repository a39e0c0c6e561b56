import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../core/errors.js';
import type { SourceDocument } from '../types.js';
import type { ExtractedText, FormatLoader } from './format-loader.js';
import { loadMarkdown } from './markdown.js';
import { normalizeBody } from './normalize-text.js';
import { loadPlainText } from './plain-text.js';
import { resolveMeta } from './resolve-meta.js';
import { readSidecar } from './sidecar.js';

// Word, PDF and HTML parsers (mammoth, unpdf, cheerio and theirs: hundreds of modules) load only
// when the corpus holds such a file: a Markdown corpus starts without them.
const loadDocx: FormatLoader = async (...args) => (await import('./docx.js')).loadDocx(...args);
const loadPdf: FormatLoader = async (...args) => (await import('./pdf.js')).loadPdf(...args);
const loadHtml: FormatLoader = async (...args) => (await import('./html.js')).loadHtml(...args);

const LOADERS: Record<string, FormatLoader> = {
  '.md': loadMarkdown,
  '.markdown': loadMarkdown,
  '.txt': loadPlainText,
  '.docx': loadDocx,
  '.pdf': loadPdf,
  '.html': loadHtml,
  '.htm': loadHtml,
};

/** File extensions (lower-case, with dot) that loadDocument can read. */
export const SUPPORTED_EXTENSIONS: readonly string[] = Object.freeze(Object.keys(LOADERS));

/** True when a file name has a supported extension (case-insensitive). */
export function isSupported(fileName: string): boolean {
  return Object.hasOwn(LOADERS, path.extname(fileName).toLowerCase());
}

/** A path relative to the corpus root, with forward slashes on every platform. */
export function corpusPath(absPath: string, corpusRoot: string): string {
  return path.relative(corpusRoot, absPath).split(path.sep).join('/');
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message.split('\n')[0] ?? err.message : String(err);
}

/** Loads one file into a SourceDocument, throwing AppError with a code for every failure. */
export async function loadDocument(absPath: string, corpusRoot: string): Promise<SourceDocument> {
  const shown = corpusPath(absPath, corpusRoot);
  const ext = path.extname(absPath).toLowerCase();
  const loader = LOADERS[ext];
  if (loader === undefined) {
    throw new AppError('unsupported_format', `${shown}: unsupported file type "${ext || '(none)'}"; supported: ${SUPPORTED_EXTENSIONS.join(' ')}`, {
      details: { path: shown, extension: ext },
    });
  }

  let raw: Buffer;
  let extracted: ExtractedText;
  try {
    raw = await readFile(absPath);
    extracted = await loader(raw);
  } catch (err) {
    if (AppError.isInstance(err)) {
      throw new AppError(err.code, `${shown}: ${err.message}`, { cause: err, details: { ...err.details, path: shown } });
    }
    throw new AppError('document_unreadable', `${shown}: cannot read ${ext} file: ${reason(err)}`, { cause: err, details: { path: shown } });
  }

  const body = normalizeBody(extracted.body);
  if (body === '') {
    const hint = ext === '.pdf' ? ' (a scanned PDF has no text layer and needs OCR first)' : '';
    throw new AppError('document_empty', `${shown}: no text in the document body${hint}`, { details: { path: shown } });
  }

  const sidecar = await readSidecar(absPath, shown);
  const meta = resolveMeta({
    fileName: path.basename(absPath),
    path: shown,
    body,
    ...(extracted.title !== undefined && { formatTitle: extracted.title }),
    ...(extracted.frontMatter !== undefined && { frontMatter: extracted.frontMatter }),
    ...(sidecar !== undefined && { sidecar }),
  });
  // The hash covers the resolved metadata too, so editing only a sidecar (say, status) triggers a rebuild.
  return { meta, body, path: shown, hash: createHash('sha256').update(raw).update(JSON.stringify(meta)).digest('hex') };
}
