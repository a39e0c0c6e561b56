import type Database from 'better-sqlite3';

/** A table of a SQLite store as the copy to PostgreSQL sees it. */
export interface SqliteTable {
  /** Table name. */
  name: string;
  /** Column names, in declaration order. */
  columns: string[];
  /** Tables its foreign keys reference. */
  parents: string[];
  /** The AUTOINCREMENT counter (sqlite_sequence), which may exceed the highest id when rows were deleted. */
  sequence?: number;
}

/**
 * The product's tables in a SQLite file, in creation order: every table but `migrations` (each store
 * keeps its own record) and SQLite's internal ones.
 */
export function readSqliteTables(raw: Database.Database): SqliteTable[] {
  const names = raw
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> 'migrations' ORDER BY rowid")
    .pluck()
    .all() as string[];
  const hasSequences = raw.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'").get() !== undefined;
  const sequences = new Map<string, number>(
    hasSequences ? (raw.prepare('SELECT name, seq FROM sqlite_sequence').raw().all() as [string, number | bigint][]).map(([n, s]) => [n, Number(s)]) : [],
  );
  return names.map((name) => {
    const columns = (raw.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').pluck().all(name) as string[]);
    const parents = [...new Set(raw.prepare('SELECT "table" FROM pragma_foreign_key_list(?)').pluck().all(name) as string[])];
    const sequence = sequences.get(name);
    return { name, columns, parents, ...(sequence !== undefined ? { sequence } : {}) };
  });
}

/** Double-quotes an identifier for SQL text (both stores accept it). */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
