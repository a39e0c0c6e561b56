import { randomUUID } from 'node:crypto';
import { createAuditLog } from '../channels/web/officer/audit.js';
import type { Assistant } from '../core/assistant/create-assistant.js';
import type { CuratedAnswer } from '../core/curated/curated-answers.js';
import type { Rule } from '../core/eligibility/rule.js';
import { AppError } from '../core/errors.js';
import type { Clock } from '../core/ports/clock.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { splitDocument } from '../knowledge/split-articles.js';
import type { Chunk, DocumentMeta, SourceDocument } from '../knowledge/types.js';
import type { SqlDb } from '../storage/sql-db.js';
import { diffArticles, type ArticleChange } from './article-diff.js';
import { createDraftIndexes, type KnowledgeFactory } from './draft-index.js';
import { loadDevQuestions, runHitTest, type HitItem } from './hit-test.js';
import { curatedImpacts, ruleImpacts, type CuratedImpact, type RuleImpact } from './impact.js';
import { versionDocument } from './library-corpus.js';
import type { LibraryStore } from './library-store.js';
import { chinaDate, type LibraryDocument, type LibraryDraft, type LibraryVersion } from './library-types.js';
import { articleCount, parseDraft } from './parse-draft.js';

/** A draft with its split. */
export interface DraftView {
  draft: LibraryDraft;
  chunks: Chunk[];
}

/** Metadata a lead may set on a draft (the id is fixed by the upload). */
export type DraftMetaEdit = Partial<Pick<DocumentMeta, 'title' | 'shortName' | 'issuer' | 'status' | 'effective' | 'expires' | 'supersededBy' | 'kind' | 'basis'>>;

/** What a draft would change beyond its own text. */
export interface DraftImpact {
  articles: ArticleChange[];
  rules: RuleImpact[];
  curated: CuratedImpact[];
}

/** A change of what is published. */
export interface Published {
  documentId: string;
  version: number;
}

/** Upload, review, publish and roll back policy texts (the console's 政策库). */
export interface LibraryService {
  /** Every document with its version in use. */
  list(): Promise<LibraryDocument[]>;
  /** Every version of a document, newest first. */
  history(documentId: string): Promise<LibraryVersion[]>;
  /** Parses an upload into a draft (a new version of `documentId`, or a new document). */
  upload(input: { data: Buffer; fileName: string; documentId?: string; actor: string }): Promise<DraftView>;
  /** A draft and its split. */
  draft(id: string): Promise<DraftView>;
  /** Re-reads a draft's file with metadata set in the form (validated like front matter); the id stays. */
  editDraft(id: string, meta: DraftMetaEdit, actor: string): Promise<DraftView>;
  /** Article diff of a draft against the version in use. */
  diff(id: string): Promise<ArticleChange[]>;
  /** Changed articles, the rules and curated answers citing them. */
  impact(id: string): Promise<DraftImpact>;
  /** The hit test: the dev eval set (items touching the document) and typed questions, live vs draft. */
  hits(id: string, questions: readonly string[], options?: { eval?: boolean }): Promise<{ items: HitItem[]; skipped: number }>;
  /** Publishes a draft as the document's next version. */
  publish(id: string, actor: string): Promise<Published>;
  /** Makes an earlier (or later) version the one in use. */
  rollback(documentId: string, version: number, actor: string): Promise<Published>;
  /** A new version with changed status, successor or expiry date (same text). */
  amend(documentId: string, change: { status?: 'current' | 'superseded'; supersededBy?: string | null; expires?: string | null }, actor: string): Promise<Published>;
}

/** What the library service needs. */
export interface LibraryServiceDeps {
  db: SqlDb;
  store: LibraryStore;
  clock: Clock;
  /** The knowledge base answering now. */
  live: () => KnowledgeBase;
  /** A knowledge base over another corpus (offline embedder). */
  knowledgeOver: KnowledgeFactory;
  /** An offline assistant over a knowledge base. */
  assistantOver: (knowledge: KnowledgeBase) => Assistant;
  /** Eligibility rules in use. */
  rules: () => readonly Rule[];
  /** Curated answers in use (seeded and approved). */
  curated: () => readonly CuratedAnswer[];
  /** seeds/eval (the dev set is its *.jsonl; blind/ is never read). */
  evalDir: string;
  /** Called after a publish, rollback or amendment committed: reload here, tell the other instances. */
  onPublished: (p: Published) => Promise<void>;
}

const draftDocument = (d: LibraryDraft): SourceDocument => ({ meta: d.meta, body: d.body, path: `draft:${d.id}`, hash: d.hash });

/** Creates the library service. */
export function createLibraryService(deps: LibraryServiceDeps): LibraryService {
  const { db, store, clock } = deps;
  const indexes = createDraftIndexes(deps.knowledgeOver);
  const today = (): string => chinaDate(clock.now());
  const liveDocs = async (): Promise<SourceDocument[]> => (await store.current()).map((v) => versionDocument(v, today()));

  const mustDraft = async (id: string): Promise<LibraryDraft> => {
    const d = await store.draft(id);
    if (!d) throw new AppError('not_found', `No draft ${id}`);
    return d;
  };
  const currentChunks = async (documentId: string): Promise<Chunk[]> => {
    const v = await store.currentOf(documentId);
    return v ? splitDocument({ meta: v.meta, body: v.body, path: v.fileName, hash: v.hash }) : [];
  };
  const diff = async (d: LibraryDraft): Promise<ArticleChange[]> => diffArticles(await currentChunks(d.documentId), splitDocument(draftDocument(d)));

  const service: LibraryService = {
    list: () => store.list(),
    history: (documentId) => store.history(documentId),

    async upload({ data, fileName, documentId, actor }) {
      const base = documentId ? await store.currentOf(documentId) : undefined;
      if (documentId && !base) throw new AppError('not_found', `No document ${documentId} in the library`);
      const parsed = await parseDraft({ data, fileName, ...(documentId ? { documentId } : {}), ...(base ? { base: base.meta } : {}) });
      const existing = base ?? (await store.currentOf(parsed.doc.meta.id));
      const draft = await store.saveDraft({
        id: randomUUID(), documentId: parsed.doc.meta.id, ...(existing ? { baseVersion: existing.version } : {}), meta: parsed.doc.meta, body: parsed.doc.body,
        fileName, file: data, hash: parsed.doc.hash, warnings: parsed.warnings, createdBy: actor,
      });
      await createAuditLog(db, clock).record(actor, 'library.upload', { draftId: draft.id, documentId: draft.documentId, fileName, bytes: data.length, warnings: parsed.warnings.length });
      return { draft, chunks: parsed.chunks };
    },

    async draft(id) {
      const d = await mustDraft(id);
      return { draft: d, chunks: splitDocument(draftDocument(d)) };
    },

    async diff(id) {
      return diff(await mustDraft(id));
    },

    async editDraft(id, edit, actor) {
      const d = await mustDraft(id);
      if (d.publishedVersion !== undefined) throw new AppError('conflict', `Draft ${id} was already published`);
      const file = await store.draftFile(id);
      const base = await store.currentOf(d.documentId);
      const overrides = { ...draftOverrides(d), ...edit };
      const parsed = await parseDraft({ data: file?.data ?? Buffer.alloc(0), fileName: d.fileName, documentId: d.documentId, ...(base ? { base: base.meta } : {}), overrides });
      if (!(await store.updateDraft(id, { meta: parsed.doc.meta, body: parsed.doc.body, hash: parsed.doc.hash, warnings: parsed.warnings }))) throw new AppError('conflict', `Draft ${id} was already published`);
      await createAuditLog(db, clock).record(actor, 'library.draft_edit', { draftId: id, documentId: d.documentId, fields: Object.keys(edit) });
      return service.draft(id);
    },

    async impact(id) {
      const d = await mustDraft(id);
      const articles = await diff(d);
      const chunks = splitDocument(draftDocument(d));
      return { articles, rules: ruleImpacts(deps.rules(), chunks, articles, d.documentId), curated: curatedImpacts(deps.curated(), articles) };
    },

    async hits(id, questions, options = {}) {
      const d = await mustDraft(id);
      const live = deps.live();
      const signature = (await store.current()).map((v) => `${v.documentId}@${v.version}`).join(',');
      const draft = await indexes.get(`${d.id}|${signature}|${today()}`, liveDocs, versionDocument({ ...draftVersion(d) }, today()));
      // Only metadata changed (say, a status): every article of the document may answer differently.
      const changes = await diff(d);
      const changedKeys = new Set(changes.length > 0 ? changes.map((c) => c.key) : splitDocument(draftDocument(d)).map((c) => c.key));
      return runHitTest({ live, draft, assistantOver: deps.assistantOver, changedKeys }, options.eval === false ? [] : await loadDevQuestions(deps.evalDir), questions);
    },

    async publish(id, actor) {
      const published = await db.transaction(async (tx) => {
        const d = await store.draft(id, tx);
        if (!d) throw new AppError('not_found', `No draft ${id}`);
        if (d.publishedVersion !== undefined) throw new AppError('conflict', `Draft ${id} was already published as version ${d.publishedVersion}`);
        const current = await store.currentOf(d.documentId, tx);
        // A draft made against an older version would silently undo what was published since.
        if (current && d.baseVersion !== undefined && current.version !== d.baseVersion) {
          throw new AppError('conflict', `Version ${current.version} of ${d.documentId} was published after this draft was made (against version ${d.baseVersion}); upload again`);
        }
        const file = await tx.get<{ file_b64: string }>('SELECT file_b64 FROM library_drafts WHERE id = ?', [id]);
        const version = await store.addVersion(tx, {
          meta: d.meta, body: d.body, fileName: d.fileName, file: Buffer.from(file?.file_b64 ?? '', 'base64'), hash: d.hash,
          articles: articleCount(splitDocument(draftDocument(d))), publishedBy: actor,
        });
        await store.markPublished(tx, id, version);
        await createAuditLog(tx, clock).record(actor, 'library.publish', { draftId: id, documentId: d.documentId, version, previous: current?.version ?? null });
        return { documentId: d.documentId, version };
      });
      await deps.onPublished(published);
      return published;
    },

    async rollback(documentId, version, actor) {
      const published = await db.transaction(async (tx) => {
        const current = await store.currentOf(documentId, tx);
        if (!current) throw new AppError('not_found', `No document ${documentId} in the library`);
        if (!(await store.version(documentId, version, tx))) throw new AppError('not_found', `${documentId} has no version ${version}`);
        if (current.version === version) throw new AppError('conflict', `Version ${version} of ${documentId} is already in use`);
        await store.setCurrent(tx, documentId, version);
        await createAuditLog(tx, clock).record(actor, 'library.rollback', { documentId, version, previous: current.version });
        return { documentId, version };
      });
      await deps.onPublished(published);
      return published;
    },

    async amend(documentId, change, actor) {
      const published = await db.transaction(async (tx) => {
        const current = await store.currentOf(documentId, tx);
        if (!current) throw new AppError('not_found', `No document ${documentId} in the library`);
        const meta: DocumentMeta = { ...current.meta };
        if (change.status !== undefined) meta.status = change.status;
        if (change.supersededBy === null) delete meta.supersededBy;
        else if (change.supersededBy !== undefined) meta.supersededBy = change.supersededBy;
        if (change.expires === null) delete meta.expires;
        else if (change.expires !== undefined) meta.expires = change.expires;
        if (meta.effective && meta.expires && meta.expires < meta.effective) throw new AppError('bad_request', 'expires is before effective');
        const file = await tx.get<{ file_b64: string }>('SELECT file_b64 FROM library_versions WHERE document_id = ? AND version = ?', [documentId, current.version]);
        const version = await store.addVersion(tx, {
          meta, body: current.body, fileName: current.fileName, file: Buffer.from(file?.file_b64 ?? '', 'base64'), hash: `${current.hash}:${JSON.stringify(change)}`,
          articles: current.articles, publishedBy: actor,
        });
        await createAuditLog(tx, clock).record(actor, 'library.amend', { documentId, version, previous: current.version, change });
        return { documentId, version };
      });
      await deps.onPublished(published);
      return published;
    },
  };
  return service;
}

// Edits made earlier stay when another field is edited: they are the draft's metadata beyond the file's.
function draftOverrides(d: LibraryDraft): DraftMetaEdit {
  const { id: _id, ...rest } = d.meta;
  return rest;
}

/** A draft in the shape of a version, so it loads like one (expiry applied the same way). */
function draftVersion(d: LibraryDraft): LibraryVersion {
  return { documentId: d.documentId, version: 0, meta: d.meta, body: d.body, fileName: d.fileName, hash: d.hash, articles: 0, publishedBy: d.createdBy, publishedAt: d.createdAt };
}
