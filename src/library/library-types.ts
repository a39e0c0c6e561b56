import type { DocumentMeta } from '../knowledge/types.js';

/** How the library shows a document: in force, replaced, or past its expiry date. */
export type LibraryStatus = 'current' | 'superseded' | 'expired';

/** One published version of a document (the file's bytes are read separately). */
export interface LibraryVersion {
  /** Document id (citation key prefix). */
  documentId: string;
  /** 1-based version number. */
  version: number;
  /** Metadata as published. */
  meta: DocumentMeta;
  /** Normalised text, as the loaders produced it. */
  body: string;
  /** The uploaded (or seeded) file's name. */
  fileName: string;
  /** sha256 of the file and metadata (change detection). */
  hash: string;
  /** Number of articles (policy) or sections (guide). */
  articles: number;
  /** `officer:<login>`, `seed` or `ingest`. */
  publishedBy: string;
  /** ISO time of publishing. */
  publishedAt: string;
}

/** A document of the library as the console lists it. */
export interface LibraryDocument {
  id: string;
  title: string;
  kind: DocumentMeta['kind'];
  status: LibraryStatus;
  /** The version in use. */
  version: number;
  effective: string | null;
  expires: string | null;
  supersededBy: string | null;
  /** Article (or section) count of the version in use. */
  articles: number;
  /** Highest version number (the history's length). */
  latestVersion: number;
  publishedBy: string;
  publishedAt: string;
}

/** Something a draft's parse found worth a look before publishing. */
export interface DraftWarning {
  /** article_skipped, article_repeated, article_empty, figure_without_unit, pdf_text_missing. */
  code: 'article_skipped' | 'article_repeated' | 'article_empty' | 'figure_without_unit' | 'pdf_text_missing';
  /** Human-readable, in Chinese (the console's language). */
  message: string;
  /** The citation key concerned, when there is one. */
  key?: string;
}

/** An uploaded, parsed, not yet published version. */
export interface LibraryDraft {
  id: string;
  documentId: string;
  /** The current version when the draft was made (undefined for a new document). */
  baseVersion?: number;
  meta: DocumentMeta;
  body: string;
  fileName: string;
  hash: string;
  warnings: DraftWarning[];
  createdBy: string;
  createdAt: string;
  /** The version it became, once published. */
  publishedVersion?: number;
}

/** The library status of a version's metadata on a day (YYYY-MM-DD). */
export function libraryStatus(meta: Pick<DocumentMeta, 'status' | 'expires'>, today: string): LibraryStatus {
  if (meta.status === 'superseded') return 'superseded';
  return meta.expires !== undefined && meta.expires < today ? 'expired' : 'current';
}

/** Today's date in China (the office's calendar), YYYY-MM-DD. */
export function chinaDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
