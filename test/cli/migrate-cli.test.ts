import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { STORE_MIGRATIONS } from '../../src/store-migrations.js';
import { openStore } from '../../src/storage/open-store.js';
import { DEPLOYMENT_ROWS, useSqliteDeployment } from '../helpers/sqlite-deployment.js';
import { postgresAvailable, TEST_DATABASE_URL, useTestStores } from '../helpers/store-backends.js';
import { useTempDirs } from '../helpers/temp-dir.js';

// `npm run migrate` as an operator runs it: a child process configured by environment variables.
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const CLI = 'src/cli/migrate.ts';
const NAMES = STORE_MIGRATIONS.map((m) => m.name);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the command with DATA_DIR and, for PostgreSQL, DATABASE_URL/DATABASE_SCHEMA (empty: the SQLite store). */
function run(env: { DATA_DIR: string; DATABASE_URL?: string; DATABASE_SCHEMA?: string }, args: string[] = []): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(TSX, [CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: '', DATABASE_SCHEMA: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The rows of the printed count table, as [table, sqlite, postgres]. */
function countLines(stdout: string): string[][] {
  const lines = stdout.split('\n');
  const start = lines.findIndex((l) => /^table\s+sqlite\s+postgres$/u.test(l));
  const rows: string[][] = [];
  for (const l of lines.slice(start + 1)) {
    const m = /^(\w+)\s+(\d+)\s+(\d+)(\s+≠)?$/u.exec(l);
    if (!m) break;
    rows.push([m[1] ?? '', m[2] ?? '', m[3] ?? '']);
  }
  return start < 0 ? [] : rows;
}

describe('npm run migrate on the SQLite store', () => {
  const temp = useTempDirs();

  it('applies every migration to a fresh DATA_DIR, then says it is up to date; --status lists them', { timeout: 60_000 }, async () => {
    const dir = await temp();
    const before = await run({ DATA_DIR: dir }, ['--status']);
    expect(before.code).toBe(0);
    expect(before.stdout).toContain('(no database file yet)');
    expect(before.stdout).toContain(`0 applied, ${NAMES.length} pending`);
    expect(existsSync(path.join(dir, 'qianxiaozhi.db'))).toBe(false);

    const first = await run({ DATA_DIR: dir });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(`SQLite ${path.join(dir, 'qianxiaozhi.db')}: applied ${NAMES.length} migrations\n${NAMES.map((n) => `  ${n}\n`).join('')}`);

    const second = await run({ DATA_DIR: dir });
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(`SQLite ${path.join(dir, 'qianxiaozhi.db')}: up to date (${NAMES.length} migrations applied)\n`);

    const status = await run({ DATA_DIR: dir }, ['--status']);
    expect(status.code).toBe(0);
    for (const n of NAMES) expect(status.stdout).toMatch(new RegExp(`^  applied  ${n} +\\d{4}-\\d\\d-\\d\\dT`, 'mu'));
    expect(status.stdout).toContain(`${NAMES.length} applied, 0 pending`);
  });

  it('--status shows what a partly migrated store still needs, and migrating applies just that', { timeout: 60_000 }, async () => {
    const dir = await temp();
    await (await openStore({ kind: 'sqlite', dataDir: dir }, STORE_MIGRATIONS.slice(0, 2))).close();
    const status = await run({ DATA_DIR: dir }, ['--status']);
    expect(status.stdout).toContain(`2 applied, ${NAMES.length - 2} pending`);
    for (const n of NAMES.slice(2)) expect(status.stdout).toContain(`  pending  ${n}\n`);
    const applied = await run({ DATA_DIR: dir });
    expect(applied.stdout).toBe(`SQLite ${path.join(dir, 'qianxiaozhi.db')}: applied ${NAMES.length - 2} migrations\n${NAMES.slice(2).map((n) => `  ${n}\n`).join('')}`);
  });

  it('prints usage for --help (exit 0) and for unknown or misplaced options (exit 2)', { timeout: 60_000 }, async () => {
    const dir = await temp();
    const help = await run({ DATA_DIR: dir }, ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('npm run migrate -- --from-sqlite DATA_DIR [--replace]');
    for (const args of [['--bogus'], ['--replace'], ['extra'], ['--from-sqlite'], ['--status', '--from-sqlite', dir]]) {
      const r = await run({ DATA_DIR: dir }, args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain('Usage: npm run migrate');
    }
    expect(existsSync(path.join(dir, 'qianxiaozhi.db'))).toBe(false);
  });

  it('says in one line, exit 1, when PostgreSQL is unreachable', { timeout: 60_000 }, async () => {
    const dir = await temp();
    for (const args of [[], ['--status'], ['--from-sqlite', dir]]) {
      const r = await run({ DATA_DIR: dir, DATABASE_URL: 'postgres://qxz:secret-pw@127.0.0.1:1/qianxiaozhi' }, args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(/^钱小智: Cannot reach PostgreSQL 127\.0\.0\.1:1\/qianxiaozhi: .*ECONNREFUSED.*\n$/u);
      expect(r.stderr).not.toContain('secret-pw');
      expect(r.stdout).toBe('');
    }
  });

  it('refuses --from-sqlite without DATABASE_URL', { timeout: 60_000 }, async () => {
    const dir = await temp();
    const r = await run({ DATA_DIR: dir }, ['--from-sqlite', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('钱小智: --from-sqlite copies into PostgreSQL: set DATABASE_URL (and DATABASE_SCHEMA if not public) to the target database\n');
  });
});

describe.skipIf(!postgresAvailable)('npm run migrate on PostgreSQL', () => {
  const stores = useTestStores('postgres');
  const deployment = useSqliteDeployment();

  it('applies every migration to the schema of DATABASE_SCHEMA, then says it is up to date', { timeout: 60_000 }, async () => {
    const handle = await stores.create();
    const env = { DATA_DIR: handle.dataDir, DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: handle.schema ?? '' };
    const label = `PostgreSQL ${new URL(TEST_DATABASE_URL).host}${new URL(TEST_DATABASE_URL).pathname} (schema ${handle.schema})`;
    const first = await run(env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(`${label}: applied ${NAMES.length} migrations\n${NAMES.map((n) => `  ${n}\n`).join('')}`);
    const second = await run(env);
    expect(second.stdout).toBe(`${label}: up to date (${NAMES.length} migrations applied)\n`);
    const db = await handle.open([]);
    expect((await db.all<{ name: string }>('SELECT name FROM migrations ORDER BY name')).map((r) => r.name)).toEqual([...NAMES].sort());
    expect(existsSync(path.join(handle.dataDir, 'qianxiaozhi.db'))).toBe(false);
  });

  it('names a schema that does not exist', { timeout: 60_000 }, async () => {
    const handle = await stores.create();
    const r = await run({ DATA_DIR: handle.dataDir, DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: `${handle.schema}_none` });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`schema ${handle.schema}_none does not exist; create it first`);
  });

  it('--from-sqlite copies a deployment and prints the counts; again it refuses; with --replace it copies anew', { timeout: 90_000 }, async () => {
    const dataDir = await deployment();
    const handle = await stores.create();
    const env = { DATA_DIR: handle.dataDir, DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: handle.schema ?? '' };

    const copied = await run(env, ['--from-sqlite', dataDir]);
    expect(copied.stderr).toBe('');
    expect(copied.code).toBe(0);
    expect(copied.stdout).toContain(`applied ${NAMES.length} migrations (${NAMES.join(', ')})`);
    expect(copied.stdout).toContain(`Copied ${path.join(dataDir, 'qianxiaozhi.db')} into PostgreSQL`);
    const counts = countLines(copied.stdout);
    expect(counts.map(([t]) => t).sort()).toEqual(Object.keys(DEPLOYMENT_ROWS).sort());
    for (const [table, sqlite, postgres] of counts) {
      expect(sqlite, table).toBe(String(DEPLOYMENT_ROWS[table ?? '']?.length));
      expect(postgres, table).toBe(sqlite);
    }
    expect(copied.stdout).toContain('tickets.no 8');

    const again = await run(env, ['--from-sqlite', dataDir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^钱小智: PostgreSQL already holds rows in conversations \(2\), .*pass --replace.*\n$/u);

    const replaced = await run(env, ['--from-sqlite', dataDir, '--replace']);
    expect(replaced.code).toBe(0);
    expect(replaced.stdout).toContain('migrations up to date');
    expect(replaced.stdout).toContain('(target tables emptied first)');
    expect(countLines(replaced.stdout)).toEqual(counts);
  });
});
