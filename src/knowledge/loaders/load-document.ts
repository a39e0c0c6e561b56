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
  if (LOADERS[ext] === undefined) throw unsupported(shown, ext);
  let raw: Buffer;
  try {
    raw = await readFile(absPath);
  } catch (err) {
    throw new AppError('document_unreadable', `${shown}: cannot read ${ext} file: ${reason(err)}`, { cause: err, details: { path: shown } });
  }
  const sidecar = await readSidecar(absPath, shown);
  return loadDocumentBuffer(raw, { fileName: path.basename(absPath), path: shown, ...(sidecar !== undefined ? { sidecar } : {}) });
}

/** Where a document's bytes came from, for loadDocumentBuffer. */
export interface BufferSource {
  /** File name; its extension picks the loader and it gives the derived id. */
  fileName: string;
  /** Path shown in messages (default: the file name). */
  path?: string;
  /** Sidecar metadata (beats front matter). */
  sidecar?: Record<string, unknown>;
}

/**
 * Loads a document from bytes already in memory (an upload, a stored version) with the same loaders
 * and metadata rules as a file of the corpus.
 */
export async function loadDocumentBuffer(raw: Buffer, source: BufferSource): Promise<SourceDocument> {
  const shown = source.path ?? source.fileName;
  const ext = path.extname(source.fileName).toLowerCase();
  const loader = LOADERS[ext];
  if (loader === undefined) throw unsupported(shown, ext);
  let extracted: ExtractedText;
  try {
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

  const meta = resolveMeta({
    fileName: source.fileName,
    path: shown,
    body,
    ...(extracted.title !== undefined && { formatTitle: extracted.title }),
    ...(extracted.frontMatter !== undefined && { frontMatter: extracted.frontMatter }),
    ...(source.sidecar !== undefined && { sidecar: source.sidecar }),
  });
  // The hash covers the resolved metadata too, so editing only a sidecar (say, status) triggers a rebuild.
  return { meta, body, path: shown, hash: createHash('sha256').update(raw).update(JSON.stringify(meta)).digest('hex') };
}

function unsupported(shown: string, ext: string): AppError {
  return new AppError('unsupported_format', `${shown}: unsupported file type "${ext || '(none)'}"; supported: ${SUPPORTED_EXTENSIONS.join(' ')}`, {
    details: { path: shown, extension: ext },
  });
}
