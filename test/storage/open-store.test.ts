import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyMigrations } from '../../src/storage/apply-migrations.js';
import { CHAT_MIGRATIONS } from '../../src/storage/chat-migrations.js';
import type { Migration } from '../../src/storage/migration.js';
import { openSqliteFile, openStore } from '../../src/storage/open-store.js';
import type { SqlDb } from '../../src/storage/sql-db.js';
import { STORE_MIGRATIONS } from '../../src/store-migrations.js';
import { postgresAvailable, STORE_BACKENDS, useTestStores, type TestStoreHandle } from '../helpers/store-backends.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const CHAT_NAMES = CHAT_MIGRATIONS.map((m) => m.name);

const TICKETS: Migration = {
  name: '900-tickets',
  sql: `CREATE TABLE probe_tickets (no INTEGER PRIMARY KEY AUTOINCREMENT, conversation_id TEXT NOT NULL REFERENCES conversations(id), status TEXT NOT NULL);
        CREATE INDEX probe_tickets_by_conversation ON probe_tickets (conversation_id);`,
  postgres: `CREATE TABLE probe_tickets (no INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY, conversation_id TEXT NOT NULL REFERENCES conversations(id), status TEXT NOT NULL);
        CREATE INDEX probe_tickets_by_conversation ON probe_tickets (conversation_id);`,
};

/** The tables of the store (this schema only, on PostgreSQL). */
async function tables(db: SqlDb): Promise<string[]> {
  const rows = db.dialect === 'sqlite'
    ? await db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    : await db.all<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name");
  return rows.map((r) => r.name);
}

const applied = (db: SqlDb): Promise<{ name: string; applied_at: string }[]> => db.all('SELECT name, applied_at FROM migrations ORDER BY name');

const INSERT_CONVERSATION = "INSERT INTO conversations (id, token_hash, channel, user_id, created_at, updated_at) VALUES ('c_1', 'h', 'web', 'u', 't', 't')";

describe.each(STORE_BACKENDS)('openStore and applyMigrations on $name', ({ name, skip }) => {
  const stores = useTestStores(name);
  let handle: TestStoreHandle;

  beforeEach(async ({ skip: skipTest }) => {
    if (skip) return skipTest();
    handle = await stores.create();
  });

  it('applies the migrations and records each once with the time it ran', async () => {
    const db = await handle.open(CHAT_MIGRATIONS);
    expect(await tables(db)).toEqual(expect.arrayContaining(['conversations', 'feedback', 'messages', 'migrations']));
    const rows = await applied(db);
    expect(rows.map((r) => r.name)).toEqual(CHAT_NAMES);
    for (const r of rows) expect(Number.isNaN(Date.parse(r.applied_at))).toBe(false);
  });

  it('applies every table of the product (STORE_MIGRATIONS) on a new store', async () => {
    const db = await handle.open(STORE_MIGRATIONS);
    expect((await applied(db)).map((r) => r.name).sort()).toEqual(STORE_MIGRATIONS.map((m) => m.name).sort());
    expect(await tables(db)).toEqual(expect.arrayContaining(['conversations', 'tickets', 'officers', 'outbox', 'turn_leases']));
  });

  it('reopening applies nothing again and keeps the data', async () => {
    const first = await handle.open(CHAT_MIGRATIONS);
    await first.run(INSERT_CONVERSATION);
    const before = await applied(first);
    await first.close();

    const again = await handle.open(CHAT_MIGRATIONS);
    expect(await applied(again)).toEqual(before);
    expect(await again.all('SELECT id FROM conversations')).toEqual([{ id: 'c_1' }]);
    expect(await applyMigrations(again, CHAT_MIGRATIONS)).toEqual([]);
    expect(await applied(again)).toEqual(before);
  });

  it('a longer list adds its tables once (returning what it applied); a shorter list later keeps them', async () => {
    const db = await handle.open(CHAT_MIGRATIONS);
    expect(await applyMigrations(db, [...CHAT_MIGRATIONS, TICKETS])).toEqual([TICKETS.name]);
    expect(await tables(db)).toContain('probe_tickets');
    expect((await applied(db)).map((r) => r.name)).toEqual([...CHAT_NAMES, TICKETS.name]);
    // The new table works with the old ones (foreign key to conversations).
    await expect(db.run("INSERT INTO probe_tickets (conversation_id, status) VALUES ('c_missing', 'open')")).rejects.toThrow(/foreign key/iu);
    await db.close();

    const shorter = await handle.open(CHAT_MIGRATIONS);
    expect(await tables(shorter)).toContain('probe_tickets');
    expect(await applied(shorter)).toHaveLength(CHAT_NAMES.length + 1);
  });

  it('runs the PostgreSQL text of a migration on PostgreSQL and the SQLite text on SQLite', async () => {
    const probe: Migration = {
      name: '900-dialect',
      sql: "CREATE TABLE dialect_probe (id INTEGER PRIMARY KEY, ran TEXT NOT NULL DEFAULT 'sqlite')",
      postgres: "CREATE TABLE dialect_probe (id INTEGER PRIMARY KEY, ran TEXT NOT NULL DEFAULT 'postgres')",
    };
    const db = await handle.open([probe]);
    await db.run('INSERT INTO dialect_probe (id) VALUES (1)');
    expect(await db.get('SELECT ran FROM dialect_probe')).toEqual({ ran: name });
  });

  it('a failing migration is rolled back whole, not recorded, and the open throws; fixed, it applies', async () => {
    const broken: Migration = { name: '900-broken', sql: 'CREATE TABLE half_done (x TEXT); CREATE TABLE oops (' };
    await expect(handle.open([...CHAT_MIGRATIONS, broken])).rejects.toThrow();
    const db = await handle.open([]);
    expect(await tables(db)).not.toContain('half_done');
    // The migrations before it went in the same transaction: none of them is left either.
    expect(await tables(db)).not.toContain('conversations');
    expect(await applied(db)).toEqual([]);

    await expect(applyMigrations(db, [...CHAT_MIGRATIONS, broken])).rejects.toThrow();
    expect(await applied(db)).toEqual([]);
    expect(await applyMigrations(db, [...CHAT_MIGRATIONS, { name: '900-broken', sql: 'CREATE TABLE half_done (x TEXT);' }])).toEqual([...CHAT_NAMES, '900-broken']);
    expect(await tables(db)).toContain('half_done');
  });

  it('enforces the role check on messages', async () => {
    const db = await handle.open(CHAT_MIGRATIONS);
    await db.run(INSERT_CONVERSATION);
    await expect(db.run("INSERT INTO messages (id, conversation_id, seq, role, text, created_at) VALUES ('m_1', 'c_1', 1, 'admin', 'x', 't')")).rejects.toThrow(/check/iu);
  });

});

describe.skipIf(!postgresAvailable)('openStore on PostgreSQL: instances starting together', () => {
  const stores = useTestStores('postgres');
  let handle: TestStoreHandle;
  beforeEach(async () => {
    handle = await stores.create();
  });

  it('two instances opening the same schema at once apply each migration once (advisory lock)', async () => {
    // A migration that takes a moment, so the second instance arrives while the first is migrating.
    const slow: Migration = { name: '000-slow', sql: 'CREATE TABLE slow_probe (x TEXT)', postgres: 'SELECT pg_sleep(0.2); CREATE TABLE slow_probe (x TEXT)' };
    const list = [slow, ...STORE_MIGRATIONS];
    const [a, b] = await Promise.all([handle.open(list), handle.open(list)]);
    const rows = await applied(a);
    expect(rows.map((r) => r.name).sort()).toEqual(list.map((m) => m.name).sort());
    expect(await applied(b)).toEqual(rows);

    // Straight through applyMigrations: one caller applies the new one, the other finds it done.
    const extra: Migration = { name: '900-extra', sql: 'CREATE TABLE extra_probe (x TEXT)', postgres: 'SELECT pg_sleep(0.2); CREATE TABLE extra_probe (x TEXT)' };
    const results = await Promise.all([applyMigrations(a, [...list, extra]), applyMigrations(b, [...list, extra])]);
    expect(results.map((r) => r.length).sort()).toEqual([0, 1]);
    expect(results.flat()).toEqual(['900-extra']);
    expect((await applied(a)).filter((r) => r.name === '900-extra')).toHaveLength(1);
  });
});

describe('openStore on SQLite: the file', () => {
  const tempDir = useTempDirs();
  const opened: SqlDb[] = [];
  afterEach(async () => {
    for (const db of opened.splice(0)) if (db.open) await db.close();
  });

  it('creates DATA_DIR (nested) and the database file, in WAL mode with synchronous=FULL, foreign keys on and a busy timeout', async () => {
    const dir = path.join(await tempDir(), 'a', 'b', 'data');
    opened.push(await openStore({ kind: 'sqlite', dataDir: dir }, CHAT_MIGRATIONS));
    expect(existsSync(path.join(dir, 'qianxiaozhi.db'))).toBe(true);
    const raw = openSqliteFile(dir);
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(raw.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(raw.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(raw.pragma('busy_timeout', { simple: true })).toBe(5000);
    } finally {
      raw.close();
    }
  });

  it('takes another file name, leaving the default one alone', async () => {
    const dir = await tempDir();
    const db = await openStore({ kind: 'sqlite', dataDir: dir, fileName: 'other.db' }, CHAT_MIGRATIONS);
    opened.push(db);
    expect(await tables(db)).toContain('messages');
    expect(existsSync(path.join(dir, 'other.db'))).toBe(true);
    expect(existsSync(path.join(dir, 'qianxiaozhi.db'))).toBe(false);
  });

  it('migrate: false opens without touching the schema (left to `npm run migrate`)', async () => {
    const dir = await tempDir();
    const db = await openStore({ kind: 'sqlite', dataDir: dir }, CHAT_MIGRATIONS, { migrate: false });
    opened.push(db);
    expect(await tables(db)).toEqual([]);
  });
});
