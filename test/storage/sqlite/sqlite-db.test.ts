import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteFile } from '../../../src/storage/open-store.js';
import type { SqlDb } from '../../../src/storage/sql-db.js';
import { createSqliteDb } from '../../../src/storage/sqlite/sqlite-db.js';

/** A disk whose flushes finish when the test says so, recording what the connection's level was meanwhile. */
function heldDisk(raw: Database.Database) {
  const pending: { file: string; levelMeanwhile: number; finish(): void }[] = [];
  return {
    pending,
    sync: (file: string) => new Promise<void>((resolve) => pending.push({ file, levelMeanwhile: Number(raw.pragma('synchronous', { simple: true })), finish: resolve })),
  };
}

const settledSoon = async (p: Promise<unknown>): Promise<boolean> => {
  let settled = false;
  p.then(() => (settled = true), () => (settled = true));
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  return settled;
};

describe('SQLite commits off the event loop', () => {
  let dir: string;
  let raw: Database.Database;
  let disk: ReturnType<typeof heldDisk>;
  let db: SqlDb;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'qxz-sqlite-db-'));
    raw = openSqliteFile(dir, 'test.db');
    raw.exec('CREATE TABLE items (id INTEGER PRIMARY KEY, label TEXT NOT NULL)');
    disk = heldDisk(raw);
    db = createSqliteDb(raw, { syncFile: disk.sync });
  });
  afterEach(async () => {
    for (const p of disk.pending) p.finish();
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('a transaction resolves only once the log holding it is flushed; the connection is back at FULL meanwhile', async () => {
    const done = db.transaction(async (tx) => {
      await tx.run('INSERT INTO items (id, label) VALUES (1, ?)', ['a']);
      return 'stored';
    });
    expect(await settledSoon(done)).toBe(false);
    expect(disk.pending.map((p) => p.file)).toEqual([`${path.join(dir, 'test.db')}-wal`]);
    // Committed (visible) before it is acknowledged, and the connection's own level is back.
    expect(await db.get('SELECT label FROM items WHERE id = 1')).toEqual({ label: 'a' });
    expect(disk.pending[0]!.levelMeanwhile).toBe(2);
    disk.pending[0]!.finish();
    expect(await done).toBe('stored');
  });

  it('the next transaction runs while the previous one waits for its flush, and waits for a flush of its own', async () => {
    const first = db.transaction((tx) => tx.run('INSERT INTO items (id, label) VALUES (1, ?)', ['a']));
    await settledSoon(first);
    const second = db.transaction((tx) => tx.run('INSERT INTO items (id, label) VALUES (2, ?)', ['b']));
    expect(await settledSoon(second)).toBe(false);
    expect(await db.all('SELECT id FROM items ORDER BY id')).toEqual([{ id: 1 }, { id: 2 }]);
    disk.pending[0]!.finish();
    await first;
    // The first flush began before the second commit: it does not count for it.
    expect(await settledSoon(second)).toBe(false);
    expect(disk.pending).toHaveLength(2);
    disk.pending[1]!.finish();
    await second;
  });

  it('a write outside a transaction waits for the flush; a read does not', async () => {
    const write = db.run('INSERT INTO items (id, label) VALUES (1, ?)', ['a']);
    expect(await settledSoon(write)).toBe(false);
    expect(Number(raw.pragma('synchronous', { simple: true }))).toBe(2);
    disk.pending[0]!.finish();
    expect(await write).toEqual({ changes: 1 });
    expect(await db.all('SELECT label FROM items')).toEqual([{ label: 'a' }]);
    expect(disk.pending).toHaveLength(1);
  });

  it('a transaction that only reads appends nothing to the log and waits for no flush', async () => {
    await db.transaction((tx) => tx.get('SELECT COUNT(*) AS n FROM items'));
    expect(disk.pending).toHaveLength(0);
    // A write read back with get (INSERT … RETURNING) is a write.
    const returning = db.transaction((tx) => tx.get('INSERT INTO items (id, label) VALUES (1, ?) RETURNING id', ['a']));
    expect(await settledSoon(returning)).toBe(false);
    disk.pending[0]!.finish();
    expect(await returning).toEqual({ id: 1 });
  });

  it('a transaction that fails flushes nothing and leaves the connection at FULL', async () => {
    await expect(db.transaction(async (tx) => {
      await tx.run('INSERT INTO items (id, label) VALUES (1, ?)', ['a']);
      await tx.run('INSERT INTO items (id, label) VALUES (1, ?)', ['again']);
    })).rejects.toThrow();
    expect(disk.pending).toHaveLength(0);
    expect(Number(raw.pragma('synchronous', { simple: true }))).toBe(2);
    expect(await db.all('SELECT id FROM items')).toEqual([]);
  });

  it('at a level the operator lowered, commits are as they were (no flush of its own)', async () => {
    const lowered = openSqliteFile(dir, 'normal.db');
    lowered.pragma('synchronous = NORMAL');
    const lowDisk = heldDisk(lowered);
    const low = createSqliteDb(lowered, { syncFile: lowDisk.sync });
    await low.exec('CREATE TABLE t (x INTEGER)');
    await low.transaction((tx) => tx.run('INSERT INTO t (x) VALUES (1)'));
    await low.run('INSERT INTO t (x) VALUES (2)');
    expect(lowDisk.pending).toHaveLength(0);
    await low.close();
  });
});
