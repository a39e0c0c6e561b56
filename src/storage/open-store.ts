import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { applyMigrations } from './apply-migrations.js';
import type { Migration } from './migration.js';
import { createPostgresDb, type PostgresOptions } from './postgres/postgres-db.js';
import type { SqlDb } from './sql-db.js';
import { createSqliteDb } from './sqlite/sqlite-db.js';

/** Which store to open. */
export type StoreLocation =
  | { kind: 'sqlite'; dataDir: string; fileName?: string }
  | ({ kind: 'postgres' } & PostgresOptions);

/**
 * Opens the embedded SQLite file under DATA_DIR in WAL mode with synchronous=FULL, so a write
 * acknowledged to a person survives a crash.
 */
export function openSqliteFile(dataDir: string, fileName = 'qianxiaozhi.db'): Database.Database {
  mkdirSync(dataDir, { recursive: true });
  const raw = new Database(path.join(dataDir, fileName));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  return raw;
}

/** Opens the store and applies the migrations it has not seen (`migrate: false` leaves them to `npm run migrate`). */
export async function openStore(location: StoreLocation, migrations: readonly Migration[], options: { migrate?: boolean } = {}): Promise<SqlDb> {
  const db = location.kind === 'sqlite' ? createSqliteDb(openSqliteFile(location.dataDir, location.fileName)) : createPostgresDb(location);
  try {
    if (options.migrate !== false) await applyMigrations(db, migrations);
    return db;
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
}
