import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../core/logger.js';
import type { Clock } from '../core/ports/clock.js';
import type { CorpusSource } from '../knowledge/corpus-source.js';
import { loadCorpus } from '../knowledge/loaders/load-corpus.js';
import { splitDocument } from '../knowledge/split-articles.js';
import type { SourceDocument } from '../knowledge/types.js';
import type { SqlDb } from '../storage/sql-db.js';
import type { LibraryStore, NewVersion } from './library-store.js';
import { chinaDate, libraryStatus, type LibraryVersion } from './library-types.js';
import { articleCount } from './parse-draft.js';

/**
 * A version as the knowledge base loads it. A text past its expiry date is answered like a superseded
 * one (the composers warn that it is no longer in force), and its hash says so, so the index rebuilds
 * on the day it expires.
 */
export function versionDocument(v: LibraryVersion, today: string): SourceDocument {
  const expired = libraryStatus(v.meta, today) === 'expired';
  return {
    meta: expired ? { ...v.meta, status: 'superseded' } : v.meta,
    body: v.body,
    path: `library:${v.documentId}@v${v.version}`,
    hash: expired ? `${v.hash}:expired` : v.hash,
  };
}

/** The versions in use of the library, as the knowledge base's corpus. */
export function libraryCorpus(store: Pick<LibraryStore, 'current'>, clock: Clock): CorpusSource {
  return async () => {
    const today = chinaDate(clock.now());
    return { docs: (await store.current()).map((v) => versionDocument(v, today)), failed: [] };
  };
}

async function asVersion(doc: SourceDocument, policiesDir: string, publishedBy: string): Promise<NewVersion> {
  return {
    meta: doc.meta, body: doc.body, fileName: path.basename(doc.path), file: await readFile(path.join(policiesDir, doc.path)),
    hash: doc.hash, articles: articleCount(splitDocument(doc)), publishedBy,
  };
}

/**
 * Imports the texts of policies/ that the library does not hold yet, each as its version 1 (a fresh
 * install, or a document added to the repository). Documents the library has are left alone: what
 * leads published wins over the repository's copy. Safe when several instances start at once.
 */
export async function seedLibrary(store: LibraryStore, policiesDir: string, logger?: Logger): Promise<string[]> {
  const docs = await loadCorpus(policiesDir, { onError: (file, err) => logger?.warn('policy file not imported', { path: file, error: err.message }) });
  const added: string[] = [];
  for (const doc of docs) {
    if (await store.currentOf(doc.meta.id)) continue;
    if (await store.addFirstVersion(await asVersion(doc, policiesDir, 'seed'))) added.push(doc.meta.id);
  }
  if (added.length > 0) logger?.info('policy library seeded', { documents: added });
  return added;
}

/**
 * Records the texts of a folder in the library (`npm run ingest` with a store): a new document as
 * version 1, a changed file as the next version, an unchanged one not at all.
 */
export async function recordFolderVersions(db: SqlDb, store: LibraryStore, policiesDir: string, publishedBy = 'ingest'): Promise<{ added: string[]; updated: { id: string; version: number }[] }> {
  const docs = await loadCorpus(policiesDir);
  const added: string[] = [];
  const updated: { id: string; version: number }[] = [];
  for (const doc of docs) {
    const current = await store.currentOf(doc.meta.id);
    if (current?.hash === doc.hash) continue;
    const version = await db.transaction(async (tx) => store.addVersion(tx, await asVersion(doc, policiesDir, publishedBy)));
    if (current) updated.push({ id: doc.meta.id, version });
    else added.push(doc.meta.id);
  }
  return { added, updated };
}
