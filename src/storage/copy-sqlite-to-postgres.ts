import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { AppError } from '../core/errors.js';
import { applyMigrations } from './apply-migrations.js';
import { foreignKeyOrder } from './foreign-key-order.js';
import type { Migration } from './migration.js';
import { appliedMigrations } from './migration-status.js';
import type { SqlDb, SqlExecutor, SqlValue } from './sql-db.js';
import { quoteIdent, readSqliteTables, type SqliteTable } from './sqlite-schema.js';

/** What to copy where. */
export interface CopySqliteOptions {
  /** The SQLite file of the old deployment (DATA_DIR/qianxiaozhi.db); opened read-only. */
  sqliteFile: string;
  /** The PostgreSQL store to fill (its schema comes from its search_path). */
  target: SqlDb;
  /** The migrations this version applies (STORE_MIGRATIONS). */
  migrations: readonly Migration[];
  /** Empty the target tables first (in the copy's transaction) instead of refusing when they hold rows. */
  replace?: boolean;
  /** Rows per multi-row INSERT (default 500; fewer when a table has many columns). */
  batchRows?: number;
}

/** Rows of one table on both sides after the copy. */
export interface TableCount {
  /** Table name. */
  table: string;
  /** Rows in the SQLite file. */
  sqliteRows: number;
  /** Rows in PostgreSQL at the end of the copy's transaction. */
  postgresRows: number;
}

/** An identity column whose sequence was moved past the copied rows. */
export interface SequenceReset {
  /** Table name. */
  table: string;
  /** Column name. */
  column: string;
  /** The value the next insert without one gets. */
  next: number;
}

/** The outcome of a copy. */
export interface CopyReport {
  /** Migrations applied to PostgreSQL before the copy (empty when it was up to date). */
  applied: string[];
  /** Per table in copy order (parents first): rows on each side. */
  tables: TableCount[];
  /** Sequences moved past the highest copied id. */
  sequences: SequenceReset[];
  /** True when the target tables were emptied first (`replace`). */
  replaced: boolean;
  /** True when every count matched and the copy was committed; false: it was rolled back, nothing changed. */
  committed: boolean;
}

// PostgreSQL binds at most 65535 parameters per statement.
const MAX_PARAMETERS = 65_535;

interface TargetColumn {
  table_name: string;
  column_name: string;
  is_identity: string;
  column_default: string | null;
}

// Thrown inside the transaction to roll it back when the counts differ; never leaves this module.
class CountMismatch extends Error {
  constructor(readonly tables: TableCount[]) {
    super('row counts differ');
  }
}

function refuse(message: string): AppError {
  return new AppError('copy_refused', message);
}

/** Opens the old store read-only; integers come back exact (bigint) so ids and counters survive beyond 2^53. */
function openSource(file: string): Database.Database {
  if (!existsSync(file)) throw refuse(`No SQLite store at ${file}: give the DATA_DIR of the old deployment`);
  const raw = new Database(file, { readonly: true, fileMustExist: true });
  raw.defaultSafeIntegers(true);
  return raw;
}

function sqliteMigrationNames(raw: Database.Database, file: string): string[] {
  if (raw.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'").get() === undefined) {
    throw refuse(`${file} has no migrations table: it is not a store of this product`);
  }
  return raw.prepare('SELECT name FROM migrations').pluck().all() as string[];
}

/** Refuses unless the SQLite file and the target know exactly the same migrations (so their tables match). */
function checkMigrations(source: readonly string[], target: readonly string[], targetLabel: string, dataDirHint: string): void {
  const targetSet = new Set(target);
  const sourceSet = new Set(source);
  const unknown = source.filter((n) => !targetSet.has(n));
  if (unknown.length > 0) {
    throw refuse(`The SQLite file has migrations ${targetLabel} does not know (${unknown.join(', ')}): it was written by a newer version; copy it with that version`);
  }
  const missing = target.filter((n) => !sourceSet.has(n));
  if (missing.length > 0) {
    throw refuse(
      `The SQLite file lacks migrations ${missing.join(', ')}: bring it up to date first with  DATABASE_URL= DATA_DIR=${dataDirHint} npm run migrate  (this version, on the SQLite file), then copy again`,
    );
  }
}

function toSqlValue(value: unknown, table: string, column: string): SqlValue {
  if (value === null || typeof value === 'string' || typeof value === 'number') return value;
  // Integers read as bigint: sent as text, which PostgreSQL parses into the integer column exactly.
  if (typeof value === 'bigint') return value.toString();
  throw refuse(`${table}.${column} holds a binary value, which no table of this product stores; nothing was copied`);
}

async function copyTable(raw: Database.Database, tx: SqlExecutor, table: SqliteTable, overridingIdentity: boolean, batchRows: number): Promise<void> {
  const columnList = table.columns.map(quoteIdent).join(', ');
  const rowsPerStatement = Math.max(1, Math.min(batchRows, Math.floor(MAX_PARAMETERS / table.columns.length)));
  const tuple = `(${table.columns.map(() => '?').join(', ')})`;
  // An explicit id into a GENERATED ALWAYS column needs OVERRIDING; BY DEFAULT columns accept it either way.
  const head = `INSERT INTO ${quoteIdent(table.name)} (${columnList})${overridingIdentity ? ' OVERRIDING SYSTEM VALUE' : ''} VALUES `;
  let batch: SqlValue[] = [];
  let rows = 0;
  const flush = async (): Promise<void> => {
    if (rows === 0) return;
    await tx.run(head + Array.from({ length: rows }, () => tuple).join(', '), batch);
    batch = [];
    rows = 0;
  };
  // rowid order keeps a self-referencing row after the row it points to, as it was inserted.
  const order = raw.prepare("SELECT 1 FROM pragma_table_list WHERE name = ? AND wr = 0").get(table.name) !== undefined ? ' ORDER BY rowid' : '';
  const select = raw.prepare(`SELECT ${columnList} FROM ${quoteIdent(table.name)}${order}`).raw();
  for (const row of select.iterate() as IterableIterator<unknown[]>) {
    for (let i = 0; i < table.columns.length; i++) batch.push(toSqlValue(row[i], table.name, table.columns[i] ?? ''));
    rows += 1;
    if (rows >= rowsPerStatement) await flush();
  }
  await flush();
}

async function countRows(db: SqlExecutor, table: string): Promise<number> {
  return (await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${quoteIdent(table)}`))?.n ?? 0;
}

/**
 * Copies the store of a SQLite deployment into PostgreSQL, preserving ids, ticket numbers, token
 * hashes and JSON text exactly. It applies `migrations` to PostgreSQL first and refuses (AppError
 * `copy_refused`, nothing written) when the two stores' migrations differ, when a SQLite table or
 * column has no counterpart, or when a target table holds rows and `replace` is not set. Tables are
 * discovered from the SQLite file and filled parents first, in batches, all in one PostgreSQL
 * transaction together with the emptying for `replace`; identity sequences then continue after the
 * highest copied id (or SQLite's AUTOINCREMENT counter, if higher). Row counts are compared inside the
 * transaction: when any differs the transaction is rolled back and the report says `committed: false`.
 */
export async function copySqliteToPostgres(options: CopySqliteOptions): Promise<CopyReport> {
  const { sqliteFile, target, migrations } = options;
  if (target.dialect !== 'postgres') throw new AppError('bad_request', 'The copy target must be a PostgreSQL store');
  const batchRows = options.batchRows ?? 500;
  const raw = openSource(sqliteFile);
  try {
    const dataDirHint = sqliteFile.replace(/[\\/][^\\/]+$/u, '');
    const sourceMigrations = sqliteMigrationNames(raw, sqliteFile);
    // Checked against this version before PostgreSQL is touched, then against what PostgreSQL records
    // (a database migrated by a newer version knows more).
    checkMigrations(sourceMigrations, migrations.map((m) => m.name), 'this version', dataDirHint);
    const applied = await applyMigrations(target, migrations);
    checkMigrations(sourceMigrations, (await appliedMigrations(target)).map((a) => a.name), 'PostgreSQL', dataDirHint);

    const sourceTables = readSqliteTables(raw);
    const byName = new Map(sourceTables.map((t) => [t.name, t]));
    const order = foreignKeyOrder(
      sourceTables.map((t) => t.name),
      new Map(sourceTables.map((t) => [t.name, t.parents])),
    ).map((n) => byName.get(n) as SqliteTable);

    const targetColumns = await target.all<TargetColumn>(
      'SELECT table_name, column_name, is_identity, column_default FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position',
    );
    const columnsOf = new Map<string, TargetColumn[]>();
    for (const c of targetColumns) columnsOf.set(c.table_name, [...(columnsOf.get(c.table_name) ?? []), c]);
    for (const t of order) {
      const cols = columnsOf.get(t.name);
      if (!cols) throw refuse(`Table ${t.name} of the SQLite file does not exist in PostgreSQL`);
      const names = new Set(cols.map((c) => c.column_name));
      const absent = t.columns.filter((c) => !names.has(c));
      if (absent.length > 0) throw refuse(`Columns ${absent.map((c) => `${t.name}.${c}`).join(', ')} of the SQLite file do not exist in PostgreSQL`);
    }
    // Identity (or serial) columns: their sequences must continue after the copied ids.
    const counters = (table: string): TargetColumn[] =>
      (columnsOf.get(table) ?? []).filter((c) => c.is_identity === 'YES' || (c.column_default ?? '').startsWith('nextval('));

    // One snapshot of the SQLite file for reading, counting and comparing (a running old instance may still write).
    raw.exec('BEGIN');
    try {
      const sqliteCounts = new Map(order.map((t) => [t.name, Number(raw.prepare(`SELECT COUNT(*) FROM ${quoteIdent(t.name)}`).pluck().get())]));
      let current = '';
      try {
        return await target.transaction(async (tx) => {
          if (options.replace) {
            current = '(emptying the target tables)';
            await tx.exec(`TRUNCATE ${order.map((t) => quoteIdent(t.name)).join(', ')}`);
          } else {
            const occupied: string[] = [];
            for (const t of order) {
              const n = await countRows(tx, t.name);
              if (n > 0) occupied.push(`${t.name} (${n})`);
            }
            if (occupied.length > 0) {
              throw refuse(`PostgreSQL already holds rows in ${occupied.join(', ')}: copy into an empty database, or pass --replace to empty these tables first`);
            }
          }
          for (const t of order) {
            current = t.name;
            await copyTable(raw, tx, t, counters(t.name).some((c) => c.is_identity === 'YES'), batchRows);
          }
          current = '(counting)';
          const tables: TableCount[] = [];
          for (const t of order) tables.push({ table: t.name, sqliteRows: sqliteCounts.get(t.name) ?? 0, postgresRows: await countRows(tx, t.name) });
          if (tables.some((c) => c.sqliteRows !== c.postgresRows)) throw new CountMismatch(tables);
          // setval is not undone by a rollback, so it runs only once the counts are known to match.
          current = '(sequences)';
          const sequences: SequenceReset[] = [];
          for (const t of order) {
            for (const c of counters(t.name)) {
              const max = (await tx.get<{ m: number | null }>(`SELECT MAX(${quoteIdent(c.column_name)}) AS m FROM ${quoteIdent(t.name)}`))?.m ?? 0;
              const next = Math.max(max, t.sequence ?? 0) + 1;
              await tx.get('SELECT setval(pg_get_serial_sequence(?, ?), ?, false)', [quoteIdent(t.name), c.column_name, next]);
              sequences.push({ table: t.name, column: c.column_name, next });
            }
          }
          return { applied, tables, sequences, replaced: options.replace === true, committed: true };
        });
      } catch (err) {
        if (err instanceof CountMismatch) return { applied, tables: err.tables, sequences: [], replaced: options.replace === true, committed: false };
        if (AppError.isInstance(err)) throw err;
        throw new AppError('copy_failed', `Copy failed at ${current}, nothing was written: ${(err as Error).message}`, { cause: err });
      }
    } finally {
      if (raw.inTransaction) raw.exec('ROLLBACK');
    }
  } finally {
    raw.close();
  }
}
