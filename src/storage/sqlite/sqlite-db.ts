import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';
import { AppError } from '../../core/errors.js';
import type { SqlDb, SqlExecutor, SqlRunResult, SqlValue } from '../sql-db.js';

/**
 * The SQL port over one better-sqlite3 connection. Statements run synchronously underneath, so a
 * statement outside a transaction completes before its promise is even returned. A transaction,
 * though, spans awaits: while one is open, statements from other callers wait for it to end, or
 * they would land inside it. A statement sent to the database instead of the transaction's executor
 * from inside that transaction would wait for itself forever (and on PostgreSQL would not see the
 * transaction's writes): it fails at once instead, so the mistake shows in the first test.
 */
export function createSqliteDb(raw: Database.Database): SqlDb {
  const cache = new Map<string, Database.Statement>();
  const statement = (sql: string): Database.Statement => {
    let s = cache.get(sql);
    if (!s) {
      s = raw.prepare(sql);
      cache.set(sql, s);
    }
    return s;
  };
  const direct: SqlExecutor = {
    all: async <T>(sql: string, params: readonly SqlValue[] = []) => statement(sql).all(...params) as T[],
    get: async <T>(sql: string, params: readonly SqlValue[] = []) => statement(sql).get(...params) as T | undefined,
    run: async (sql: string, params: readonly SqlValue[] = []): Promise<SqlRunResult> => ({ changes: statement(sql).run(...params).changes }),
    exec: async (sql: string) => void raw.exec(sql),
  };

  const inside = new AsyncLocalStorage<true>();
  const misuse = (): Promise<never> =>
    Promise.reject(new AppError('internal', 'A statement inside a transaction must use the transaction executor, not the database'));
  // One transaction at a time; callers queue behind it in order.
  let tail: Promise<void> = Promise.resolve();
  let waiting = 0;
  const exclusive = async <T>(fn: () => Promise<T>): Promise<T> => {
    waiting += 1;
    const previous = tail;
    let release!: () => void;
    tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    try {
      return await fn();
    } finally {
      waiting -= 1;
      release();
    }
  };
  const outside = <K extends 'all' | 'get' | 'run'>(name: K): SqlExecutor[K] =>
    ((sql: string, params?: readonly SqlValue[]) =>
      inside.getStore() ? misuse() : waiting === 0 ? direct[name](sql, params) : exclusive(() => direct[name](sql, params))) as SqlExecutor[K];

  return {
    dialect: 'sqlite',
    get open() {
      return raw.open;
    },
    all: outside('all'),
    get: outside('get'),
    run: outside('run'),
    exec: (sql) => (inside.getStore() ? misuse() : waiting === 0 ? direct.exec(sql) : exclusive(() => direct.exec(sql))),
    transaction: (fn) =>
      inside.getStore() ? misuse() : exclusive(async () => {
        raw.exec('BEGIN IMMEDIATE');
        try {
          const result = await inside.run(true, () => fn(direct));
          raw.exec('COMMIT');
          return result;
        } catch (err) {
          if (raw.inTransaction) raw.exec('ROLLBACK');
          throw err;
        }
      }),
    close: async () => {
      await exclusive(async () => undefined);
      if (raw.open) raw.close();
    },
  };
}
