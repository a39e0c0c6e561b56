import type { Migration } from './migration.js';
import type { SqlExecutor, SqlDialect } from './sql-db.js';

/** One migration a store has recorded. */
export interface AppliedMigration {
  /** The migration's name. */
  name: string;
  /** When it was applied (ISO text). */
  appliedAt: string;
}

/** Where a store stands against the migrations this version knows. */
export interface MigrationStatus {
  /** Recorded in the store, in the order applied. */
  applied: AppliedMigration[];
  /** Known here, not yet recorded: what `applyMigrations` would apply, in list order. */
  pending: string[];
  /** Recorded in the store but unknown here: the store was migrated by a newer version. */
  unknown: string[];
}

/**
 * The migrations a store has recorded, read without creating anything (a store never migrated has
 * no `migrations` table yet and reports none).
 */
export async function appliedMigrations(db: SqlExecutor & { dialect: SqlDialect }): Promise<AppliedMigration[]> {
  // The table's presence is asked of each store's catalogue; PostgreSQL resolves the name through search_path.
  const present =
    db.dialect === 'sqlite'
      ? await db.get<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'migrations'")
      : await db.get<{ name: string | null }>("SELECT to_regclass('migrations')::text AS name");
  if (!present?.name) return [];
  // applied_at is ISO text, so it sorts in time order; the name breaks ties within one run.
  const rows = await db.all<{ name: string; applied_at: string }>('SELECT name, applied_at FROM migrations ORDER BY applied_at, name');
  return rows.map((r) => ({ name: r.name, appliedAt: r.applied_at }));
}

/** Compares a store's recorded migrations with the list this version applies. */
export async function migrationStatus(db: SqlExecutor & { dialect: SqlDialect }, migrations: readonly Migration[]): Promise<MigrationStatus> {
  const applied = await appliedMigrations(db);
  const names = new Set(applied.map((a) => a.name));
  const knownNames = new Set(migrations.map((m) => m.name));
  return {
    applied,
    pending: migrations.map((m) => m.name).filter((n) => !names.has(n)),
    unknown: applied.map((a) => a.name).filter((n) => !knownNames.has(n)),
  };
}
