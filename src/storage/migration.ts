/** A named schema change; applied once per database, in list order. */
export interface Migration {
  /** Unique name, recorded when applied. */
  name: string;
  /** SQL for SQLite. */
  sql: string;
  /** SQL for PostgreSQL, where it differs from `sql` (identity columns, types). */
  postgres?: string;
}

/** The statement list of a migration for a store. */
export function migrationSql(m: Migration, dialect: 'sqlite' | 'postgres'): string {
  return dialect === 'postgres' && m.postgres !== undefined ? m.postgres : m.sql;
}
