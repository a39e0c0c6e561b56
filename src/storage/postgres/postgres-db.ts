import pg from 'pg';
import type { SqlDb, SqlExecutor, SqlRunResult, SqlValue } from '../sql-db.js';
import { numberPlaceholders } from './placeholders.js';

/** Where and how to connect. */
export interface PostgresOptions {
  /** `postgres://…` */
  url: string;
  /** Pool size per instance (default 10). */
  poolSize?: number;
  /** A schema to use instead of `public` (tests give each run its own). */
  schema?: string;
  /** Shown in pg_stat_activity. */
  applicationName?: string;
  /**
   * `off` for a pool whose commits need not survive a crash of the database server (rate-limit
   * counters, turn leases): a commit returns without waiting for the server's WAL flush, and is
   * visible to every other session at once, as any commit (default: the server's setting).
   */
  synchronousCommit?: 'off';
}

// COUNT(*) and identity columns are int8 and AVG is numeric: both fit a JS number for this product's
// volumes, and the SQLite store returns numbers, so repositories see the same types from both.
const INT8 = 20;
const NUMERIC = 1700;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 || oid === NUMERIC ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

/** Pool settings shared by the store's pool and its dedicated listener/lock connections. */
export function clientConfig(options: PostgresOptions): pg.ClientConfig {
  const settings = [
    ...(options.schema ? [`-c search_path=${options.schema}`] : []),
    ...(options.synchronousCommit ? [`-c synchronous_commit=${options.synchronousCommit}`] : []),
  ];
  return {
    connectionString: options.url,
    application_name: options.applicationName ?? 'qianxiaozhi',
    types,
    ...(settings.length > 0 ? { options: settings.join(' ') } : {}),
  };
}

function executor(client: pg.Pool | pg.PoolClient): SqlExecutor {
  const texts = new Map<string, string>();
  const text = (sql: string): string => {
    let t = texts.get(sql);
    if (t === undefined) {
      t = numberPlaceholders(sql);
      texts.set(sql, t);
    }
    return t;
  };
  return {
    all: async <T>(sql: string, params: readonly SqlValue[] = []) => (await client.query(text(sql), [...params])).rows as T[],
    get: async <T>(sql: string, params: readonly SqlValue[] = []) => (await client.query(text(sql), [...params])).rows[0] as T | undefined,
    run: async (sql: string, params: readonly SqlValue[] = []): Promise<SqlRunResult> => ({ changes: (await client.query(text(sql), [...params])).rowCount ?? 0 }),
    // Without values, pg sends the simple protocol, which runs a script of several statements.
    exec: async (sql: string) => void (await client.query(sql)),
  };
}

/** The SQL port over a `pg` pool. */
export function createPostgresDb(options: PostgresOptions): SqlDb & { pool: pg.Pool } {
  const pool = new pg.Pool({ ...clientConfig(options), max: options.poolSize ?? 10 });
  // An idle client's connection dropping (a database restart) must not end the process.
  pool.on('error', () => undefined);
  const base = executor(pool);
  let open = true;
  return {
    dialect: 'postgres',
    pool,
    get open() {
      return open;
    },
    ...base,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(executor(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async close() {
      if (!open) return;
      open = false;
      await pool.end();
    },
  };
}
