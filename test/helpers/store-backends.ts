import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach } from 'vitest';
import { applyMigrations } from '../../src/storage/apply-migrations.js';
import type { Migration } from '../../src/storage/migration.js';
import { openStore } from '../../src/storage/open-store.js';
import type { SqlDb } from '../../src/storage/sql-db.js';

/** The database the PostgreSQL runs use: TEST_DATABASE_URL, else the machine's local server. */
export const TEST_DATABASE_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

async function reachable(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (err) {
    return (err as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const unreachable = await reachable(TEST_DATABASE_URL);
if (unreachable !== undefined) {
  // CI has a PostgreSQL server: there, a missing one is a failure, not a skip.
  if (process.env['CI'] || process.env['REQUIRE_POSTGRES']) throw new Error(`PostgreSQL at ${TEST_DATABASE_URL} is required here and unreachable: ${unreachable}`);
  console.warn(`[store tests] PostgreSQL at ${TEST_DATABASE_URL} unreachable (${unreachable}): the PostgreSQL runs are SKIPPED; only SQLite ran.`);
}

/** True when the PostgreSQL runs take place. */
export const postgresAvailable = unreachable === undefined;

/** A store the contract suites run against. */
export interface StoreBackend {
  /** sqlite or postgres. */
  name: 'sqlite' | 'postgres';
  /** Skipped (PostgreSQL unreachable outside CI). */
  skip: boolean;
}

/** The stores every contract suite runs on: `describe.each(STORE_BACKENDS)('… ($name)', …)` and `describe.skipIf(b.skip)`. */
export const STORE_BACKENDS: readonly StoreBackend[] = [
  { name: 'sqlite', skip: false },
  { name: 'postgres', skip: !postgresAvailable },
];

/** A place for a test's data: a temp folder (SQLite) or a fresh schema (PostgreSQL). */
export interface TestStoreHandle {
  /** The SQLite data folder (also given for PostgreSQL runs: other files, such as index caches, go there). */
  dataDir: string;
  /** The PostgreSQL schema, for a run on PostgreSQL. */
  schema?: string;
  /** Opens (again) the store of this handle, migrated. */
  open(migrations: readonly Migration[]): Promise<SqlDb>;
  /** Where an application started on this handle keeps its data: `{ dataDir, databaseUrl? }`. */
  location: { dataDir: string; databaseUrl?: string; databaseSchema?: string };
}

/**
 * Temp stores removed after each test: `const stores = useTestStores(backend.name)` in a suite,
 * then `await stores.create()` in a test. Every store it opened is closed, every folder and schema dropped.
 */
export function useTestStores(name: StoreBackend['name'], options: { keep?: 'test' | 'suite' } = {}): { create(): Promise<TestStoreHandle> } {
  const dirs: string[] = [];
  const schemas: string[] = [];
  const opened: SqlDb[] = [];
  // Per test by default; a suite that starts servers once in beforeAll keeps its store for the whole suite.
  (options.keep === 'suite' ? afterAll : afterEach)(async () => {
    for (const db of opened.splice(0)) await db.close().catch(() => undefined);
    await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
    const drop = schemas.splice(0);
    if (drop.length > 0) {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        for (const s of drop) await client.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
      } finally {
        await client.end();
      }
    }
  });
  return {
    async create() {
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'qxz-store-'));
      dirs.push(dataDir);
      let schema: string | undefined;
      if (name === 'postgres') {
        schema = `t_${randomBytes(6).toString('hex')}`;
        schemas.push(schema);
        const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
        await client.connect();
        try {
          await client.query(`CREATE SCHEMA ${schema}`);
        } finally {
          await client.end();
        }
      }
      return {
        dataDir,
        ...(schema ? { schema } : {}),
        location: { dataDir, ...(schema ? { databaseUrl: TEST_DATABASE_URL, databaseSchema: schema } : {}) },
        async open(migrations) {
          const db = schema
            ? await openStore({ kind: 'postgres', url: TEST_DATABASE_URL, schema, poolSize: 4 }, migrations)
            : await openStore({ kind: 'sqlite', dataDir }, migrations);
          opened.push(db);
          return db;
        },
      };
    },
  };
}

export { applyMigrations };
