import { AppError } from '../core/errors.js';
import { loadDocumentBuffer } from '../knowledge/loaders/load-document.js';
import { splitDocument } from '../knowledge/split-articles.js';
import type { Chunk, DocumentMeta, SourceDocument } from '../knowledge/types.js';
import { draftWarnings } from './draft-warnings.js';
import { checkFileType } from './file-type.js';
import type { DraftWarning } from './library-types.js';

/** A parsed upload: the document as the knowledge base would load it, its chunks and warnings. */
export interface ParsedDraft {
  doc: SourceDocument;
  chunks: Chunk[];
  warnings: DraftWarning[];
  /** Articles (policy) or sections (guide), the preamble not counted. */
  articles: number;
}

/** What an upload carries. */
export interface DraftInput {
  /** The file's bytes. */
  data: Buffer;
  /** The file's name (its extension picks the loader). */
  fileName: string;
  /** A new version of this document: its id wins over the file's. */
  documentId?: string;
  /** The version in use of that document: fields the file does not set (a DOCX has no front matter) are kept. */
  base?: DocumentMeta;
  /** Metadata the lead set in the form (beats the file). */
  overrides?: Partial<DocumentMeta>;
}

const LOAD_ERRORS = new Set(['invalid_metadata', 'document_empty', 'document_unreadable', 'unsupported_format']);
const ID_RE = /^[a-z0-9][a-z0-9_-]{0,40}$/u;

/** Parses an upload with the corpus loaders and splitter: type checked by content, metadata resolved and validated. */
export async function parseDraft(input: DraftInput): Promise<ParsedDraft> {
  const ext = checkFileType(input.data, input.fileName);
  const sidecar = { ...(input.overrides ?? {}), ...(input.documentId ? { id: input.documentId } : {}) };
  const loaded = await loadDocumentBuffer(input.data, { fileName: input.fileName, path: input.fileName, ...(Object.keys(sidecar).length > 0 ? { sidecar } : {}) }).catch((err: unknown) => {
    // What is wrong with an upload is the uploader's to fix: a client error with the loader's message.
    if (AppError.isInstance(err) && LOAD_ERRORS.has(err.code)) throw new AppError('bad_request', err.message, { cause: err, details: { ...err.details, reason: err.code } });
    throw err;
  });
  // Prefill: the version in use supplies what the file cannot say (issuer, dates); the file and the form win.
  const meta: DocumentMeta = input.base ? { ...input.base, ...loaded.meta, ...(input.overrides?.kind === undefined ? { kind: input.base.kind } : {}) } : loaded.meta;
  if (!ID_RE.test(meta.id)) throw new AppError('bad_request', `Document id "${meta.id}" is not usable in citation keys (a–z, 0–9, - and _); send documentId`);
  const doc: SourceDocument = { ...loaded, meta };
  const chunks = splitDocument(doc);
  if (chunks.length === 0) throw new AppError('bad_request', `${input.fileName}: no text to index`);
  return { doc, chunks, warnings: draftWarnings(doc, chunks, { ext, bytes: input.data.length }), articles: articleCount(chunks) };
}

/** Articles or sections of a chunk list (the preamble not counted). */
export function articleCount(chunks: readonly Pick<Chunk, 'key' | 'number'>[]): number {
  return new Set(chunks.filter((c) => c.number > 0).map((c) => c.key)).size;
}
