import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/** An open SQLite database. */
export type Db = Database.Database;

/** A named schema change; applied once, in list order. */
export interface Migration {
  /** Unique name, recorded when applied. */
  name: string;
  /** SQL to run. */
  sql: string;
}

/** The chat tables: conversations, their messages, feedback. */
export const CHAT_MIGRATIONS: readonly Migration[] = [
  {
    name: '001-chat',
    sql: `CREATE TABLE conversations (
     id TEXT PRIMARY KEY,
     token_hash TEXT NOT NULL,
     channel TEXT NOT NULL,
     user_id TEXT NOT NULL,
     lang TEXT NOT NULL DEFAULT 'zh',
     state_json TEXT,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE messages (
     id TEXT PRIMARY KEY,
     conversation_id TEXT NOT NULL REFERENCES conversations(id),
     seq INTEGER NOT NULL,
     role TEXT NOT NULL CHECK (role IN ('user', 'bot', 'officer', 'system')),
     text TEXT NOT NULL,
     citations_json TEXT NOT NULL DEFAULT '[]',
     handoff_json TEXT,
     curated INTEGER NOT NULL DEFAULT 0,
     created_at TEXT NOT NULL,
     UNIQUE (conversation_id, seq)
   );
   CREATE TABLE feedback (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     conversation_id TEXT NOT NULL REFERENCES conversations(id),
     message_id TEXT NOT NULL REFERENCES messages(id),
     rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
     comment TEXT,
     created_at TEXT NOT NULL,
     UNIQUE (message_id)
   );`,
  },
];

/**
 * Opens (creating if needed) the database under DATA_DIR in WAL mode with synchronous=FULL, so a
 * write acknowledged to a person survives a crash, and applies the migrations not yet applied.
 */
export function openDatabase(dataDir: string, migrations: readonly Migration[] = CHAT_MIGRATIONS, fileName = 'qianxiaozhi.db'): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, fileName));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.exec('CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const applied = new Set((db.prepare('SELECT name FROM migrations').all() as { name: string }[]).map((r) => r.name));
  for (const m of migrations) {
    if (applied.has(m.name)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO migrations (name, applied_at) VALUES (?, ?)').run(m.name, new Date().toISOString());
    })();
  }
  return db;
}
