import type { Clock } from '../core/ports/clock.js';
import type { DocumentMeta } from '../knowledge/types.js';
import type { SqlDb, SqlExecutor } from '../storage/sql-db.js';
import { chinaDate, libraryStatus, type DraftWarning, type LibraryDocument, type LibraryDraft, type LibraryVersion } from './library-types.js';

/** A version to record. */
export interface NewVersion {
  meta: DocumentMeta;
  body: string;
  fileName: string;
  file: Buffer;
  hash: string;
  articles: number;
  publishedBy: string;
}

/** A draft to keep: the draft as read back, before it has a time or a publication, with its file. */
export type NewDraft = Omit<LibraryDraft, 'createdAt' | 'publishedVersion'> & { file: Buffer };

/** The policy library's rows in the store (SQLite or PostgreSQL). */
export interface LibraryStore {
  /** Every document with its version in use, by id. */
  list(): Promise<LibraryDocument[]>;
  /** The versions in use of every document (the corpus the knowledge base is built from). */
  current(): Promise<LibraryVersion[]>;
  /** The version in use of one document. */
  currentOf(documentId: string, tx?: SqlExecutor): Promise<LibraryVersion | undefined>;
  /** One version of a document. */
  version(documentId: string, version: number, tx?: SqlExecutor): Promise<LibraryVersion | undefined>;
  /** Every version of a document, newest first. */
  history(documentId: string): Promise<LibraryVersion[]>;
  /** The original file of a version. */
  file(documentId: string, version: number): Promise<{ fileName: string; data: Buffer } | undefined>;
  /** Records the next version of a document and makes it the one in use; returns its number. */
  addVersion(tx: SqlExecutor, v: NewVersion): Promise<number>;
  /** Records version 1 of a document unless the document exists (a seed; safe to race). Returns whether it was added. */
  addFirstVersion(v: NewVersion): Promise<boolean>;
  /** Makes an existing version the one in use. */
  setCurrent(tx: SqlExecutor, documentId: string, version: number): Promise<void>;
  /** Keeps a draft. */
  saveDraft(d: NewDraft): Promise<LibraryDraft>;
  /** A draft by id. */
  draft(id: string, tx?: SqlExecutor): Promise<LibraryDraft | undefined>;
  /** The latest drafts (newest first), of one document when given; without their text. */
  drafts(documentId?: string, limit?: number): Promise<Omit<LibraryDraft, 'body'>[]>;
  /** The draft's original file. */
  draftFile(id: string): Promise<{ fileName: string; data: Buffer } | undefined>;
  /** Replaces a draft's parse (metadata edited in the form); false when it is gone or published. */
  updateDraft(id: string, parse: Pick<NewDraft, 'meta' | 'body' | 'hash' | 'warnings'>): Promise<boolean>;
  /** Marks a draft published as a version. */
  markPublished(tx: SqlExecutor, draftId: string, version: number): Promise<void>;
}

interface VersionRow {
  document_id: string;
  version: number;
  meta_json: string;
  body: string;
  file_name: string;
  hash: string;
  articles: number;
  published_by: string;
  published_at: string;
}

interface DraftRow {
  id: string;
  document_id: string;
  base_version: number | null;
  meta_json: string;
  body: string;
  file_name: string;
  hash: string;
  warnings_json: string;
  created_by: string;
  created_at: string;
  published_version: number | null;
}

const VERSION_COLUMNS = 'v.document_id, v.version, v.meta_json, v.body, v.file_name, v.hash, v.articles, v.published_by, v.published_at';
const DRAFT_COLUMNS = 'id, document_id, base_version, meta_json, body, file_name, hash, warnings_json, created_by, created_at, published_version';

const toVersion = (r: VersionRow): LibraryVersion => ({
  documentId: r.document_id, version: Number(r.version), meta: JSON.parse(r.meta_json) as DocumentMeta, body: r.body, fileName: r.file_name,
  hash: r.hash, articles: Number(r.articles), publishedBy: r.published_by, publishedAt: r.published_at,
});

const toDraft = (r: DraftRow): LibraryDraft => ({
  id: r.id, documentId: r.document_id, ...(r.base_version !== null ? { baseVersion: Number(r.base_version) } : {}),
  meta: JSON.parse(r.meta_json) as DocumentMeta, body: r.body, fileName: r.file_name, hash: r.hash,
  warnings: JSON.parse(r.warnings_json) as DraftWarning[], createdBy: r.created_by, createdAt: r.created_at,
  ...(r.published_version !== null ? { publishedVersion: Number(r.published_version) } : {}),
});

/** Creates the library store over the `library_*` tables. */
export function createLibraryStore(db: SqlDb, clock: Clock): LibraryStore {
  const now = (): string => clock.now().toISOString();
  const insertVersion = async (tx: SqlExecutor, version: number, v: NewVersion): Promise<void> => {
    await tx.run(
      'INSERT INTO library_versions (document_id, version, meta_json, body, file_name, file_b64, hash, articles, published_by, published_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [v.meta.id, version, JSON.stringify(v.meta), v.body, v.fileName, v.file.toString('base64'), v.hash, v.articles, v.publishedBy, now()],
    );
  };
  const store: LibraryStore = {
    async list() {
      const today = chinaDate(clock.now());
      const rows = await db.all<VersionRow & { latest: number }>(
        `SELECT ${VERSION_COLUMNS}, (SELECT MAX(x.version) FROM library_versions x WHERE x.document_id = d.id) AS latest
         FROM library_documents d JOIN library_versions v ON v.document_id = d.id AND v.version = d.current_version ORDER BY d.id`,
      );
      return rows.map((r) => {
        const v = toVersion(r);
        return {
          id: v.documentId, title: v.meta.title, kind: v.meta.kind, status: libraryStatus(v.meta, today), version: v.version,
          effective: v.meta.effective ?? null, expires: v.meta.expires ?? null, supersededBy: v.meta.supersededBy ?? null,
          articles: v.articles, latestVersion: Number(r.latest), publishedBy: v.publishedBy, publishedAt: v.publishedAt,
        };
      });
    },
    async current() {
      const rows = await db.all<VersionRow>(`SELECT ${VERSION_COLUMNS} FROM library_documents d JOIN library_versions v ON v.document_id = d.id AND v.version = d.current_version ORDER BY d.id`);
      return rows.map(toVersion);
    },
    async currentOf(documentId, tx = db) {
      const r = await tx.get<VersionRow>(`SELECT ${VERSION_COLUMNS} FROM library_documents d JOIN library_versions v ON v.document_id = d.id AND v.version = d.current_version WHERE d.id = ?`, [documentId]);
      return r ? toVersion(r) : undefined;
    },
    async version(documentId, version, tx = db) {
      const r = await tx.get<VersionRow>(`SELECT ${VERSION_COLUMNS} FROM library_versions v WHERE v.document_id = ? AND v.version = ?`, [documentId, version]);
      return r ? toVersion(r) : undefined;
    },
    async history(documentId) {
      return (await db.all<VersionRow>(`SELECT ${VERSION_COLUMNS} FROM library_versions v WHERE v.document_id = ? ORDER BY v.version DESC`, [documentId])).map(toVersion);
    },
    async file(documentId, version) {
      const r = await db.get<{ file_name: string; file_b64: string }>('SELECT file_name, file_b64 FROM library_versions WHERE document_id = ? AND version = ?', [documentId, version]);
      return r ? { fileName: r.file_name, data: Buffer.from(r.file_b64, 'base64') } : undefined;
    },
    async addVersion(tx, v) {
      // The document row is locked (or created) first, so two publishes of one document get distinct numbers.
      await tx.run('INSERT INTO library_documents (id, current_version, updated_at) VALUES (?, 0, ?) ON CONFLICT (id) DO NOTHING', [v.meta.id, now()]);
      await tx.get(`SELECT id FROM library_documents WHERE id = ?${db.dialect === 'postgres' ? ' FOR UPDATE' : ''}`, [v.meta.id]);
      const max = await tx.get<{ n: number | null }>('SELECT MAX(version) AS n FROM library_versions WHERE document_id = ?', [v.meta.id]);
      const version = Number(max?.n ?? 0) + 1;
      await insertVersion(tx, version, v);
      await store.setCurrent(tx, v.meta.id, version);
      return version;
    },
    async addFirstVersion(v) {
      return db.transaction(async (tx) => {
        const added = await tx.get<{ id: string }>('INSERT INTO library_documents (id, current_version, updated_at) VALUES (?, 1, ?) ON CONFLICT (id) DO NOTHING RETURNING id', [v.meta.id, now()]);
        if (!added) return false;
        await insertVersion(tx, 1, v);
        return true;
      });
    },
    async setCurrent(tx, documentId, version) {
      await tx.run('UPDATE library_documents SET current_version = ?, updated_at = ? WHERE id = ?', [version, now(), documentId]);
    },
    async saveDraft(d) {
      await db.run(
        `INSERT INTO library_drafts (id, document_id, base_version, meta_json, body, file_name, file_b64, hash, warnings_json, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [d.id, d.documentId, d.baseVersion ?? null, JSON.stringify(d.meta), d.body, d.fileName, d.file.toString('base64'), d.hash, JSON.stringify(d.warnings), d.createdBy, now()],
      );
      const saved = await store.draft(d.id);
      if (!saved) throw new Error('draft not saved');
      return saved;
    },
    async draft(id, tx = db) {
      const r = await tx.get<DraftRow>(`SELECT ${DRAFT_COLUMNS} FROM library_drafts WHERE id = ?`, [id]);
      return r ? toDraft(r) : undefined;
    },
    async drafts(documentId, limit = 50) {
      const cols = DRAFT_COLUMNS.replace('body, ', "'' AS body, ");
      const rows = documentId
        ? await db.all<DraftRow>(`SELECT ${cols} FROM library_drafts WHERE document_id = ? ORDER BY created_at DESC, id LIMIT ?`, [documentId, limit])
        : await db.all<DraftRow>(`SELECT ${cols} FROM library_drafts ORDER BY created_at DESC, id LIMIT ?`, [limit]);
      return rows.map((r) => {
        const { body: _body, ...d } = toDraft(r);
        return d;
      });
    },
    async draftFile(id) {
      const r = await db.get<{ file_name: string; file_b64: string }>('SELECT file_name, file_b64 FROM library_drafts WHERE id = ?', [id]);
      return r ? { fileName: r.file_name, data: Buffer.from(r.file_b64, 'base64') } : undefined;
    },
    async updateDraft(id, p) {
      const r = await db.get<{ id: string }>('UPDATE library_drafts SET meta_json = ?, body = ?, hash = ?, warnings_json = ? WHERE id = ? AND published_version IS NULL RETURNING id', [JSON.stringify(p.meta), p.body, p.hash, JSON.stringify(p.warnings), id]);
      return r !== undefined;
    },
    async markPublished(tx, draftId, version) {
      await tx.run('UPDATE library_drafts SET published_version = ? WHERE id = ?', [version, draftId]);
    },
  };
  return store;
}
