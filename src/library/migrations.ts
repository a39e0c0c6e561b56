import type { Migration } from '../storage/migration.js';

/**
 * The policy library: every published version of every document with its original file (base64
 * text, so both stores keep it in the same column type), which version is current, and the drafts
 * leads upload before publishing. Version rows never change; a status change is a new version.
 */
export const LIBRARY_MIGRATIONS: readonly Migration[] = [
  {
    name: '401-policy-library',
    sql: `CREATE TABLE library_documents (
     id TEXT PRIMARY KEY,
     current_version INTEGER NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE library_versions (
     document_id TEXT NOT NULL,
     version INTEGER NOT NULL,
     meta_json TEXT NOT NULL,
     body TEXT NOT NULL,
     file_name TEXT NOT NULL,
     file_b64 TEXT NOT NULL,
     hash TEXT NOT NULL,
     articles INTEGER NOT NULL,
     published_by TEXT NOT NULL,
     published_at TEXT NOT NULL,
     PRIMARY KEY (document_id, version)
   );
   CREATE TABLE library_drafts (
     id TEXT PRIMARY KEY,
     document_id TEXT NOT NULL,
     base_version INTEGER,
     meta_json TEXT NOT NULL,
     body TEXT NOT NULL,
     file_name TEXT NOT NULL,
     file_b64 TEXT NOT NULL,
     hash TEXT NOT NULL,
     warnings_json TEXT NOT NULL,
     created_by TEXT NOT NULL,
     created_at TEXT NOT NULL,
     published_version INTEGER
   );
   CREATE INDEX library_drafts_document ON library_drafts (document_id, created_at);`,
  },
];
