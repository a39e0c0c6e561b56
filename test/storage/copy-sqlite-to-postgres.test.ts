import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { STORE_MIGRATIONS } from '../../src/store-migrations.js';
import { copySqliteToPostgres } from '../../src/storage/copy-sqlite-to-postgres.js';
import { appliedMigrations } from '../../src/storage/migration-status.js';
import type { SqlDb } from '../../src/storage/sql-db.js';
import { DEPLOYMENT_ROWS, insertRows, useSqliteDeployment } from '../helpers/sqlite-deployment.js';
import { postgresAvailable, useTestStores } from '../helpers/store-backends.js';

type Row = Record<string, unknown>;

const sqliteFile = (dataDir: string): string => path.join(dataDir, 'qianxiaozhi.db');

/** Every product table of a SQLite file with its primary-key columns (all columns when it has none). */
function sqliteTables(file: string): { name: string; key: string[] }[] {
  const raw = new Database(file, { readonly: true });
  try {
    const names = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'migrations'").pluck().all() as string[];
    return names.map((name) => {
      const cols = raw.prepare('SELECT name, pk FROM pragma_table_info(?)').all(name) as { name: string; pk: number }[];
      const pk = cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
      return { name, key: (pk.length > 0 ? pk : cols).map((c) => c.name) };
    });
  } finally {
    raw.close();
  }
}

// Rows sorted by primary key in JS: the two stores collate text differently, so SQL ORDER BY could disagree.
function byKey(rows: Row[], key: string[]): Row[] {
  const k = (r: Row): string => JSON.stringify(key.map((c) => r[c]));
  return [...rows].sort((a, b) => (k(a) < k(b) ? -1 : k(a) > k(b) ? 1 : 0));
}

function sqliteRows(file: string, table: string, key: string[]): Row[] {
  const raw = new Database(file, { readonly: true });
  try {
    return byKey(raw.prepare(`SELECT * FROM ${table}`).all() as Row[], key);
  } finally {
    raw.close();
  }
}

async function countAll(db: SqlDb, tables: readonly string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = (await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${t}`))?.n ?? -1;
  return out;
}

describe.skipIf(!postgresAvailable)('copying a SQLite deployment into PostgreSQL', () => {
  const stores = useTestStores('postgres');
  const deployment = useSqliteDeployment();

  it('copies every table row for row, then new tickets and ids continue after the copied ones', async () => {
    // An audit entry deleted after it was written: AUTOINCREMENT never hands out its id again, nor may PostgreSQL.
    const dataDir = await deployment({
      withStore: async (db) => {
        await db.run("INSERT INTO audit_log (id, at, actor, action) VALUES (3, '2026-11-01T00:02:00.000Z', 'li.na', 'login')");
        await db.run('DELETE FROM audit_log WHERE id = 3');
      },
    });
    const target = await (await stores.create()).open([]);

    const report = await copySqliteToPostgres({ sqliteFile: sqliteFile(dataDir), target, migrations: STORE_MIGRATIONS, batchRows: 3 });

    expect(report.committed).toBe(true);
    expect(report.applied).toEqual(STORE_MIGRATIONS.map((m) => m.name));
    expect((await appliedMigrations(target)).map((a) => a.name)).toEqual(STORE_MIGRATIONS.map((m) => m.name));
    const tables = sqliteTables(sqliteFile(dataDir));
    expect(tables.map((t) => t.name).sort()).toEqual(Object.keys(DEPLOYMENT_ROWS).sort());
    for (const { name, key } of tables) {
      const expected = sqliteRows(sqliteFile(dataDir), name, key);
      expect(expected.length, name).toBe(DEPLOYMENT_ROWS[name]?.length);
      expect(byKey(await target.all<Row>(`SELECT * FROM ${name}`), key), name).toEqual(expected);
    }
    expect(report.tables).toEqual(expect.arrayContaining(tables.map(({ name }) => ({ table: name, sqliteRows: DEPLOYMENT_ROWS[name]?.length, postgresRows: DEPLOYMENT_ROWS[name]?.length }))));
    const order = report.tables.map((t) => t.table);
    for (const [parent, child] of [['conversations', 'messages'], ['messages', 'feedback'], ['officers', 'officer_sessions'], ['tickets', 'ticket_events'], ['tickets', 'ticket_reply_keys']] as const) {
      expect(order.indexOf(parent), `${parent} before ${child}`).toBeLessThan(order.indexOf(child));
    }

    const ticket = await target.get<{ no: number }>(
      `INSERT INTO tickets (conversation_id, channel, channel_user_id, team, priority, reason, summary_json, state, first_response_due, resolution_due, created_at, updated_at)
       VALUES ('web:c-1', 'web', 'widget', '综合', 'normal', 'user_request', '{}', 'open', 'x', 'x', 'x', 'x') RETURNING no`,
    );
    expect(ticket?.no).toBe(8);
    expect((await target.get<{ id: number }>("INSERT INTO audit_log (at, actor, action) VALUES ('x', 'zhou.lan', 'login') RETURNING id"))?.id).toBe(4);
    expect((await target.get<{ id: number }>("INSERT INTO ticket_events (ticket_no, at, actor, type) VALUES (8, 'x', 'system', 'created') RETURNING id"))?.id).toBe(5);
    expect(report.sequences).toEqual(expect.arrayContaining([{ table: 'tickets', column: 'no', next: 8 }, { table: 'audit_log', column: 'id', next: 4 }, { table: 'feedback', column: 'id', next: 6 }]));
  });

  it('refuses a target that already holds rows and writes nothing; --replace empties it in the same transaction', async () => {
    const dataDir = await deployment();
    const target = await (await stores.create()).open(STORE_MIGRATIONS);
    await insertRows(target, {
      conversations: [{ id: 'pg-only', token_hash: 'h', channel: 'web', user_id: 'u', created_at: 'x', updated_at: 'x' }],
      tickets: [{ no: 100, conversation_id: 'pg-only', channel: 'web', channel_user_id: 'u', team: '综合', priority: 'normal', reason: 'r', summary_json: '{}', state: 'open', first_response_due: 'x', resolution_due: 'x', created_at: 'x', updated_at: 'x' }],
    });

    await expect(copySqliteToPostgres({ sqliteFile: sqliteFile(dataDir), target, migrations: STORE_MIGRATIONS })).rejects.toThrow(/already holds rows in conversations \(1\), tickets \(1\).*--replace/u);
    expect(await countAll(target, ['conversations', 'messages', 'tickets', 'officers'])).toEqual({ conversations: 1, messages: 0, tickets: 1, officers: 0 });

    const report = await copySqliteToPostgres({ sqliteFile: sqliteFile(dataDir), target, migrations: STORE_MIGRATIONS, replace: true });
    expect(report).toMatchObject({ committed: true, replaced: true, applied: [] });
    expect((await target.all<{ id: string }>('SELECT id FROM conversations ORDER BY id')).map((r) => r.id)).toEqual(['web:c-1', 'wechat:s-2']);
    expect((await target.all<{ no: number }>('SELECT no FROM tickets ORDER BY no')).map((r) => r.no)).toEqual([1, 2, 7]);
    // The replaced tickets ran up to 100; numbering now follows the copied ones.
    const next = await target.get<{ no: number }>(
      "INSERT INTO tickets (conversation_id, channel, channel_user_id, team, priority, reason, summary_json, state, first_response_due, resolution_due, created_at, updated_at) VALUES ('web:c-1', 'web', 'w', '综合', 'normal', 'r', '{}', 'open', 'x', 'x', 'x', 'x') RETURNING no",
    );
    expect(next?.no).toBe(8);
  });

  it('refuses a SQLite file behind this version, before PostgreSQL is touched, and says how to bring it up to date', async () => {
    const older = STORE_MIGRATIONS.slice(0, -1);
    const dataDir = await deployment({ rows: { conversations: DEPLOYMENT_ROWS['conversations'] ?? [] }, migrations: older });
    const target = await (await stores.create()).open([]);
    const missing = STORE_MIGRATIONS.at(-1)?.name ?? '';
    await expect(copySqliteToPostgres({ sqliteFile: sqliteFile(dataDir), target, migrations: STORE_MIGRATIONS })).rejects.toThrow(
      new RegExp(`lacks migrations ${missing}: bring it up to date first with  DATABASE_URL= DATA_DIR=.* npm run migrate`, 'u'),
    );
    expect(await appliedMigrations(target)).toEqual([]);
    expect(await target.get("SELECT to_regclass('conversations')::text AS name")).toEqual({ name: null });
  });

  it('refuses a SQLite file written by a newer version', async () => {
    const dataDir = await deployment({ rows: {}, withStore: async (db) => void (await db.run("INSERT INTO migrations (name, applied_at) VALUES ('901-future', 'x')")) });
    const target = await (await stores.create()).open([]);
    await expect(copySqliteToPostgres({ sqliteFile: sqliteFile(dataDir), target, migrations: STORE_MIGRATIONS })).rejects.toThrow(/has migrations this version does not know \(901-future\)/u);
  });

  it('refuses a missing SQLite file', async () => {
    const target = await (await stores.create()).open([]);
    await expect(copySqliteToPostgres({ sqliteFile: '/nonexistent/qianxiaozhi.db', target, migrations: STORE_MIGRATIONS })).rejects.toThrow('No SQLite store at /nonexistent/qianxiaozhi.db');
  });

  it('rolls everything back when PostgreSQL ends up with other counts than SQLite', async () => {
    const dataDir = await deployment();
    const target = await (await stores.create()).open(STORE_MIGRATIONS);
    // A trigger that silently drops audit entries stands for any loss between the two stores.
    await target.exec(`CREATE FUNCTION drop_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
      CREATE TRIGGER drop_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION drop_row();`);

    const report = await copySqliteToPostgres({ sqliteFile: sqliteFile(dataDir), target, migrations: STORE_MIGRATIONS });

    expect(report.committed).toBe(false);
    expect(report.tables.find((t) => t.table === 'audit_log')).toEqual({ table: 'audit_log', sqliteRows: 2, postgresRows: 0 });
    expect(report.tables.find((t) => t.table === 'tickets')).toEqual({ table: 'tickets', sqliteRows: 3, postgresRows: 3 });
    expect(await countAll(target, ['conversations', 'messages', 'tickets', 'audit_log'])).toEqual({ conversations: 0, messages: 0, tickets: 0, audit_log: 0 });
    // Sequences were left alone: the next ticket is still the first.
    const first = await target.get<{ no: number }>(
      "INSERT INTO tickets (conversation_id, channel, channel_user_id, team, priority, reason, summary_json, state, first_response_due, resolution_due, created_at, updated_at) VALUES ('c', 'web', 'w', '综合', 'normal', 'r', '{}', 'open', 'x', 'x', 'x', 'x') RETURNING no",
    );
    expect(first?.no).toBe(1);
  });
});
