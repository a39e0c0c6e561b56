import { existsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { loadConfig, type Config } from '../config.js';
import { AppError } from '../core/errors.js';
import { STORE_MIGRATIONS } from '../store-migrations.js';
import { applyMigrations } from '../storage/apply-migrations.js';
import { copySqliteToPostgres, type CopyReport } from '../storage/copy-sqlite-to-postgres.js';
import { migrationStatus } from '../storage/migration-status.js';
import { openStore } from '../storage/open-store.js';
import { clientConfig, type PostgresOptions } from '../storage/postgres/postgres-db.js';
import type { SqlDb } from '../storage/sql-db.js';
import { createSqliteDb } from '../storage/sqlite/sqlite-db.js';
import { parseArgs, stringFlag, type ParsedArgs } from './args.js';
import { runCli } from './run-cli.js';

const USAGE = `Usage: npm run migrate                      apply pending migrations to the store (PostgreSQL when DATABASE_URL is set, else DATA_DIR's SQLite file)
       npm run migrate -- --status          list applied and pending migrations; change nothing
       npm run migrate -- --from-sqlite DATA_DIR [--replace]
                                            copy the SQLite store of DATA_DIR into the PostgreSQL of DATABASE_URL
                                            (--replace: empty the target tables first instead of refusing)
       npm run migrate -- --help`;

const SQLITE_FILE = 'qianxiaozhi.db';
const FLAGS = new Set(['help', 'status', 'from-sqlite', 'replace']);

/** A bad command line: usage on stderr, exit 2. */
class UsageError extends Error {}

type Command = { kind: 'help' } | { kind: 'migrate' } | { kind: 'status' } | { kind: 'copy'; dataDir: string; replace: boolean };

function command(argv: readonly string[]): Command {
  if (argv.includes('-h')) return { kind: 'help' };
  let args: ParsedArgs;
  try {
    args = parseArgs(argv, ['from-sqlite']);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const unknown = [...args.flags.keys()].filter((f) => !FLAGS.has(f));
  if (unknown.length > 0) throw new UsageError(`Unknown option ${unknown.map((f) => `--${f}`).join(', ')}`);
  if (args.positionals.length > 0) throw new UsageError(`Unexpected argument ${args.positionals.join(' ')}`);
  if (args.flags.has('help')) return { kind: 'help' };
  const from = args.flags.get('from-sqlite');
  if (from !== undefined) {
    if (typeof from !== 'string' || from === '') throw new UsageError('--from-sqlite needs the DATA_DIR of the SQLite deployment');
    if (args.flags.has('status')) throw new UsageError('--status and --from-sqlite do not go together');
    return { kind: 'copy', dataDir: path.resolve(stringFlag(args, 'from-sqlite') ?? from), replace: args.flags.has('replace') };
  }
  if (args.flags.has('replace')) throw new UsageError('--replace goes with --from-sqlite');
  return args.flags.has('status') ? { kind: 'status' } : { kind: 'migrate' };
}

function postgresOptions(config: Config, url: string): PostgresOptions {
  return { url, poolSize: 2, applicationName: 'qianxiaozhi-migrate', ...(config.database.schema ? { schema: config.database.schema } : {}) };
}

/** host:port/database (schema …), never the credentials of the URL. */
function postgresLabel(options: PostgresOptions): string {
  let where = 'PostgreSQL';
  try {
    const u = new URL(options.url);
    where = `PostgreSQL ${u.host}${u.pathname}`;
  } catch {
    // The configuration checked the scheme; an unparsable rest is reported by the connection.
  }
  return options.schema ? `${where} (schema ${options.schema})` : where;
}

function reason(err: unknown): string {
  // A host name with several addresses fails with an AggregateError whose own message is empty.
  if (err instanceof AggregateError && err.errors.length > 0) return reason(err.errors[0]);
  const e = err as { message?: string; code?: string };
  return e.message || e.code || String(err);
}

/**
 * Connects once before any work, so an unreachable server, a wrong password or a missing schema is
 * one line rather than a stack trace (and an unroutable host fails after 10 s instead of the OS's minutes).
 */
async function checkPostgres(options: PostgresOptions): Promise<void> {
  const client = new pg.Client({ ...clientConfig(options), connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const row = (await client.query<{ schema: string | null }>('SELECT current_schema() AS schema')).rows[0];
    if (!row?.schema) {
      throw new AppError('store_unreachable', `${postgresLabel(options)}: schema ${options.schema ?? 'public'} does not exist; create it first (CREATE SCHEMA ${options.schema ?? 'public'})`);
    }
  } catch (err) {
    if (AppError.isInstance(err)) throw err;
    throw new AppError('store_unreachable', `Cannot reach ${postgresLabel(options)}: ${reason(err)}`, { cause: err });
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function openConfigured(config: Config): Promise<{ db: SqlDb; label: string }> {
  const url = config.database.url;
  if (url !== undefined) {
    const options = postgresOptions(config, url);
    await checkPostgres(options);
    return { db: await openStore({ kind: 'postgres', ...options }, STORE_MIGRATIONS, { migrate: false }), label: postgresLabel(options) };
  }
  const file = path.join(config.dataDir, SQLITE_FILE);
  try {
    return { db: await openStore({ kind: 'sqlite', dataDir: config.dataDir }, STORE_MIGRATIONS, { migrate: false }), label: `SQLite ${file}` };
  } catch (err) {
    throw new AppError('store_unreachable', `Cannot open SQLite ${file}: ${reason(err)}`, { cause: err });
  }
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

async function migrate(config: Config): Promise<void> {
  const { db, label } = await openConfigured(config);
  try {
    const before = await migrationStatus(db, STORE_MIGRATIONS);
    const applied = await applyMigrations(db, STORE_MIGRATIONS);
    if (applied.length === 0) process.stdout.write(`${label}: up to date (${plural(before.applied.length, 'migration')} applied)\n`);
    else process.stdout.write(`${label}: applied ${plural(applied.length, 'migration')}\n${applied.map((n) => `  ${n}\n`).join('')}`);
    if (before.unknown.length > 0) {
      process.stderr.write(`钱小智: note: ${label} also records ${before.unknown.join(', ')}, unknown to this version (a newer version migrated it)\n`);
    }
  } finally {
    await db.close();
  }
}

async function status(config: Config): Promise<void> {
  let db: SqlDb | undefined;
  let label: string;
  if (config.database.url !== undefined) {
    ({ db, label } = await openConfigured(config));
  } else {
    // Read-only, and no file is created: --status changes nothing.
    const file = path.join(config.dataDir, SQLITE_FILE);
    label = `SQLite ${file}`;
    if (existsSync(file)) db = createSqliteDb(new Database(file, { readonly: true, fileMustExist: true }));
    else label += ' (no database file yet)';
  }
  try {
    const s = db ? await migrationStatus(db, STORE_MIGRATIONS) : { applied: [], pending: STORE_MIGRATIONS.map((m) => m.name), unknown: [] };
    const unknown = new Set(s.unknown);
    const width = Math.max(0, ...[...s.applied.map((a) => a.name), ...s.pending].map((n) => n.length));
    const lines = [
      ...s.applied.map((a) => `  ${unknown.has(a.name) ? 'unknown' : 'applied'}  ${a.name.padEnd(width)}  ${a.appliedAt}${unknown.has(a.name) ? '  (not in this version)' : ''}`),
      ...s.pending.map((n) => `  pending  ${n}`),
    ];
    process.stdout.write(`${label}\n${lines.join('\n')}\n${s.applied.length} applied, ${s.pending.length} pending\n`);
  } finally {
    await db?.close();
  }
}

function countTable(report: CopyReport): string {
  const width = Math.max('table'.length, ...report.tables.map((t) => t.table.length));
  const header = `${'table'.padEnd(width)}  ${'sqlite'.padStart(8)}  ${'postgres'.padStart(8)}`;
  const rows = report.tables.map(
    (t) => `${t.table.padEnd(width)}  ${String(t.sqliteRows).padStart(8)}  ${String(t.postgresRows).padStart(8)}${t.sqliteRows === t.postgresRows ? '' : '  ≠'}`,
  );
  return `${header}\n${rows.join('\n')}\n`;
}

async function copy(config: Config, dataDir: string, replace: boolean): Promise<void> {
  const url = config.database.url;
  if (url === undefined) {
    throw new AppError('bad_request', '--from-sqlite copies into PostgreSQL: set DATABASE_URL (and DATABASE_SCHEMA if not public) to the target database');
  }
  const options = postgresOptions(config, url);
  const label = postgresLabel(options);
  await checkPostgres(options);
  const file = path.join(dataDir, SQLITE_FILE);
  const target = await openStore({ kind: 'postgres', ...options }, STORE_MIGRATIONS, { migrate: false });
  try {
    const report = await copySqliteToPostgres({ sqliteFile: file, target, migrations: STORE_MIGRATIONS, replace });
    const out = process.stdout;
    out.write(report.applied.length > 0 ? `${label}: applied ${plural(report.applied.length, 'migration')} (${report.applied.join(', ')})\n` : `${label}: migrations up to date\n`);
    out.write(`${report.committed ? 'Copied' : 'Could not copy'} ${file} into ${label}${report.replaced ? ' (target tables emptied first)' : ''}:\n`);
    out.write(countTable(report));
    if (!report.committed) {
      throw new AppError('copy_failed', 'Row counts differ (marked ≠): the copy was rolled back and PostgreSQL is unchanged');
    }
    if (report.sequences.length > 0) out.write(`Next ids: ${report.sequences.map((s) => `${s.table}.${s.column} ${s.next}`).join(', ')}\n`);
  } finally {
    await target.close();
  }
}

// `npm run migrate` brings the configured store up to date; `-- --from-sqlite DIR` moves a SQLite deployment to PostgreSQL.
await runCli(async (argv) => {
  let cmd: Command;
  try {
    cmd = command(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`钱小智: ${err.message}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if (cmd.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const config = loadConfig();
  if (cmd.kind === 'migrate') await migrate(config);
  else if (cmd.kind === 'status') await status(config);
  else await copy(config, cmd.dataDir, cmd.replace);
});
