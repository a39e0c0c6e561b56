import { withIdentityColumns, type Migration } from './migration.js';

const CHAT_TABLES = `CREATE TABLE conversations (
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
   );`;

/** The chat tables: conversations, their messages, feedback. */
export const CHAT_MIGRATIONS: readonly Migration[] = [
  {
    name: '001-chat',
    sql: CHAT_TABLES,
    // Identity columns instead of AUTOINCREMENT; the rest is the same SQL.
    postgres: withIdentityColumns(CHAT_TABLES),
  },
];
