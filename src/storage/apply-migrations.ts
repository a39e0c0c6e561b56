import { migrationSql, type Migration } from './migration.js';
import type { SqlDb } from './sql-db.js';

// Any fixed number: the key of the advisory lock that makes instances starting together take turns.
const MIGRATION_LOCK = 742_019_001;

/**
 * Applies the migrations not yet recorded, in one transaction, and returns their names. On
 * PostgreSQL the transaction first takes an advisory lock, so two instances starting at once apply
 * each migration once; on SQLite `BEGIN IMMEDIATE` serialises them.
 */
export async function applyMigrations(db: SqlDb, migrations: readonly Migration[], now: () => Date = () => new Date()): Promise<string[]> {
  return db.transaction(async (tx) => {
    if (db.dialect === 'postgres') await tx.get('SELECT pg_advisory_xact_lock(?)', [MIGRATION_LOCK]);
    await tx.exec('CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
    const applied = new Set((await tx.all<{ name: string }>('SELECT name FROM migrations')).map((r) => r.name));
    const done: string[] = [];
    for (const m of migrations) {
      if (applied.has(m.name)) continue;
      await tx.exec(migrationSql(m, db.dialect));
      await tx.run('INSERT INTO migrations (name, applied_at) VALUES (?, ?)', [m.name, now().toISOString()]);
      done.push(m.name);
    }
    return done;
  });
}
