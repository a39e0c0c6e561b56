import { AsyncLocalStorage } from 'node:async_hooks';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { AppError } from '../../core/errors.js';
import type { SqlDb, SqlExecutor, SqlRunResult, SqlValue } from '../sql-db.js';
import { createWalFlusher, type SyncFile } from './wal-flusher.js';

/** Replaceable parts, for tests. */
export interface SqliteDbOptions {
  /** Flushes the write-ahead log after commits made without waiting for the disk (default: fdatasync on the thread pool). */
  syncFile?: SyncFile;
}

/**
 * The SQL port over one better-sqlite3 connection. Statements run synchronously underneath, so a
 * statement outside a transaction completes before its promise is even returned. A transaction,
 * though, spans awaits: while one is open, statements from other callers wait for it to end, or
 * they would land inside it. A statement sent to the database instead of the transaction's executor
 * from inside that transaction would wait for itself forever (and on PostgreSQL would not see the
 * transaction's writes): it fails at once instead, so the mistake shows in the first test.
 *
 * Commits do not stop the event loop for the disk. In WAL mode at synchronous FULL (or EXTRA) a
 * commit would fsync the log on this thread, and every request in the process would wait for the
 * disk with it. Instead, a write (a transaction, or a statement that writes outside one) commits at
 * synchronous=NORMAL, the connection's level is back at once, and the write's promise resolves only
 * once the log has been flushed on the thread pool (see wal-flusher): as durable as before when it
 * resolves, while the loop serves other requests and commits made meanwhile share the next fsync.
 * A reader may see such a write during that flush (a millisecond or so) before the writer hears it
 * is durable; nothing is acknowledged before it is. With another journal mode, a level the operator
 * lowered, or a database in memory, commits are as they always were.
 */
export function createSqliteDb(raw: Database.Database, options: SqliteDbOptions = {}): SqlDb {
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

  // 2 is FULL, 3 EXTRA: the levels at which a commit fsyncs the log itself.
  const level = Number(raw.pragma('synchronous', { simple: true }));
  const wal = !raw.memory && !raw.readonly && level >= 2 && String(raw.pragma('journal_mode', { simple: true })) === 'wal'
    ? createWalFlusher(`${path.resolve(raw.name)}-wal`, options.syncFile)
    : undefined;
  /** Runs `commit` (statements that end in a commit) at synchronous=NORMAL; the level cannot change within a transaction. */
  const withoutFsync = <T>(commit: () => Promise<T>): Promise<T> => {
    if (!wal) return commit();
    statement('PRAGMA synchronous = NORMAL').run();
    let committed: Promise<T>;
    try {
      committed = commit();
    } finally {
      // The statements of an autocommit write have run by now; a transaction resets it after COMMIT itself.
      if (!raw.inTransaction) statement(`PRAGMA synchronous = ${level}`).run();
    }
    return committed;
  };
  /** Resolves with a committed write's value once the log holding it is on disk. */
  const durable = async <T>(committed: Promise<T>, wrote: () => boolean = () => true): Promise<T> => {
    const value = await committed;
    // A transaction that only read appended nothing to the log: there is nothing to wait for.
    if (wal && wrote()) {
      wal.committed();
      await wal.flushed();
    }
    return value;
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
    ((sql: string, params?: readonly SqlValue[]) => {
      if (inside.getStore()) return misuse();
      // A statement that writes (INSERT … RETURNING read with get, too) commits on its own.
      let writes: boolean;
      try {
        writes = wal !== undefined && !statement(sql).readonly;
      } catch (err) {
        return Promise.reject(err as Error);
      }
      // Async, so a failure (a closed database) rejects; the statement still runs before it returns.
      const run = async (): Promise<unknown> => (writes ? withoutFsync(() => direct[name](sql, params)) : direct[name](sql, params));
      const done = waiting === 0 ? run() : exclusive(run);
      return writes ? durable(done) : done;
    }) as SqlExecutor[K];

  return {
    dialect: 'sqlite',
    get open() {
      return raw.open;
    },
    all: outside('all'),
    get: outside('get'),
    run: outside('run'),
    exec: (sql) => (inside.getStore() ? misuse() : waiting === 0 ? direct.exec(sql) : exclusive(() => direct.exec(sql))),
    transaction: (fn) => {
      if (inside.getStore()) return misuse();
      let wrote = false;
      const writes = (sql: string): void => void (wrote ||= !statement(sql).readonly);
      const tx: SqlExecutor = wal
        ? {
          all: async (sql, params) => (writes(sql), direct.all(sql, params)),
          get: async (sql, params) => (writes(sql), direct.get(sql, params)),
          run: async (sql, params) => ((wrote = true), direct.run(sql, params)),
          exec: async (sql) => ((wrote = true), direct.exec(sql)),
        }
        : direct;
      // The next transaction may begin while this one's log is being flushed; this one's caller waits for the flush.
      const committed = exclusive(() =>
        withoutFsync(async () => {
          try {
            raw.exec('BEGIN IMMEDIATE');
            try {
              const result = await inside.run(true, () => fn(tx));
              raw.exec('COMMIT');
              return result;
            } catch (err) {
              if (raw.inTransaction) raw.exec('ROLLBACK');
              throw err;
            }
          } finally {
            if (wal) statement(`PRAGMA synchronous = ${level}`).run();
          }
        }),
      );
      return durable(committed, () => wrote);
    },
    close: async () => {
      await exclusive(async () => undefined);
      await wal?.flushed().catch(() => undefined);
      if (raw.open) raw.close();
    },
  };
}
