import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHAT_MIGRATIONS, openDatabase, type Db, type Migration } from '../../src/storage/open-database.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();
const opened: Db[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
});

function open(dir: string, migrations?: readonly Migration[], fileName?: string): Db {
  const db = migrations === undefined ? openDatabase(dir) : openDatabase(dir, migrations, fileName);
  opened.push(db);
  return db;
}

const tables = (db: Db): string[] =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
const applied = (db: Db): { name: string; applied_at: string }[] =>
  db.prepare('SELECT name, applied_at FROM migrations ORDER BY name').all() as { name: string; applied_at: string }[];

const TICKETS: Migration = {
  name: '002-tickets',
  sql: `CREATE TABLE tickets (no INTEGER PRIMARY KEY AUTOINCREMENT, conversation_id TEXT NOT NULL REFERENCES conversations(id), status TEXT NOT NULL);
        CREATE INDEX tickets_by_conversation ON tickets (conversation_id);`,
};

describe('openDatabase', () => {
  it('creates DATA_DIR (nested) and the database file, in WAL mode with synchronous=FULL and foreign keys on', async () => {
    const dir = path.join(await tempDir(), 'a', 'b', 'data');
    const db = open(dir);
    expect(existsSync(path.join(dir, 'qianxiaozhi.db'))).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('applies the chat migration: conversations, messages, feedback, recorded once', async () => {
    const db = open(await tempDir());
    expect(tables(db)).toEqual(expect.arrayContaining(['conversations', 'feedback', 'messages', 'migrations']));
    expect(applied(db).map((m) => m.name)).toEqual(CHAT_MIGRATIONS.map((m) => m.name));
  });

  it('reopening is idempotent: nothing re-applied, data kept', async () => {
    const dir = await tempDir();
    const first = open(dir);
    first.prepare("INSERT INTO conversations (id, token_hash, channel, user_id, created_at, updated_at) VALUES ('c_1', 'h', 'web', 'u', 't', 't')").run();
    const before = applied(first);
    first.close();

    const again = open(dir);
    expect(applied(again)).toEqual(before);
    expect(again.prepare('SELECT id FROM conversations').all()).toEqual([{ id: 'c_1' }]);
    again.close();
    expect(applied(open(dir))).toEqual(before);
  });

  it('a longer migration list adds its tables, once; a shorter list later keeps them', async () => {
    const dir = await tempDir();
    open(dir).close();
    const db = open(dir, [...CHAT_MIGRATIONS, TICKETS]);
    expect(tables(db)).toContain('tickets');
    expect(applied(db).map((m) => m.name)).toEqual(['001-chat', '002-tickets']);
    // The new table works with the old ones (foreign key to conversations).
    expect(() => db.prepare("INSERT INTO tickets (conversation_id, status) VALUES ('c_missing', 'open')").run()).toThrow(/FOREIGN KEY/u);
    db.close();

    const same = open(dir, [...CHAT_MIGRATIONS, TICKETS]);
    expect(applied(same)).toHaveLength(2);
    same.close();
    const shorter = open(dir);
    expect(tables(shorter)).toContain('tickets');
    expect(applied(shorter)).toHaveLength(2);
  });

  it('a failing migration is rolled back whole and not recorded; fixed, it applies', async () => {
    const dir = await tempDir();
    const broken: Migration = { name: '002-broken', sql: 'CREATE TABLE half_done (x TEXT); CREATE TABLE oops (' };
    expect(() => openDatabase(dir, [...CHAT_MIGRATIONS, broken])).toThrow();
    const db = open(dir);
    expect(tables(db)).not.toContain('half_done');
    expect(applied(db).map((m) => m.name)).toEqual(['001-chat']);
    db.close();
    const fixed = open(dir, [...CHAT_MIGRATIONS, { name: '002-broken', sql: 'CREATE TABLE half_done (x TEXT);' }]);
    expect(tables(fixed)).toContain('half_done');
  });

  it('takes another file name, leaving the default one alone', async () => {
    const dir = await tempDir();
    expect(tables(open(dir, CHAT_MIGRATIONS, 'other.db'))).toContain('messages');
    expect(existsSync(path.join(dir, 'other.db'))).toBe(true);
    expect(existsSync(path.join(dir, 'qianxiaozhi.db'))).toBe(false);
  });

  it('enforces the role check on messages', async () => {
    const db = open(await tempDir());
    db.prepare("INSERT INTO conversations (id, token_hash, channel, user_id, created_at, updated_at) VALUES ('c_1', 'h', 'web', 'u', 't', 't')").run();
    expect(() => db.prepare("INSERT INTO messages (id, conversation_id, seq, role, text, created_at) VALUES ('m_1', 'c_1', 1, 'admin', 'x', 't')").run()).toThrow(/CHECK/u);
  });
});
