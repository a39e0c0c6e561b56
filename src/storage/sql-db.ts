/** A value bound to a `?` placeholder. */
export type SqlValue = string | number | null;

/** Rows changed by a write. */
export interface SqlRunResult {
  /** Rows inserted, updated or deleted. */
  changes: number;
}

/** Runs statements. SQL uses `?` placeholders and the SQL both stores understand. */
export interface SqlExecutor {
  /** Every row of a query. */
  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** The first row of a query, if any. */
  get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /** A write; `RETURNING` rows are read with `all`/`get` instead. */
  run(sql: string, params?: readonly SqlValue[]): Promise<SqlRunResult>;
  /** A script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/** Which store is behind a database, for the few statements that differ (row locks, upserts of leases). */
export type SqlDialect = 'sqlite' | 'postgres';

/**
 * The relational store every repository is written against: SQLite (embedded, one process) or
 * PostgreSQL (shared by several instances). Repositories stay dialect-neutral except where a
 * statement names `dialect` explicitly.
 */
export interface SqlDb extends SqlExecutor {
  /** Which store this is. */
  readonly dialect: SqlDialect;
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. Statements
   * inside use `tx`; the outer database is not used for them (SQLite holds other callers until commit).
   */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Closes the database (pending work first). */
  close(): Promise<void>;
  /** True until closed. */
  readonly open: boolean;
}

/** `FOR UPDATE` where the store has row locks (PostgreSQL); SQLite serialises writers anyway. */
export function forUpdate(db: { dialect: SqlDialect }, skipLocked = false): string {
  if (db.dialect === 'sqlite') return '';
  return skipLocked ? ' FOR UPDATE SKIP LOCKED' : ' FOR UPDATE';
}
