import { beforeEach, describe, expect, it } from 'vitest';
import { createGroupCommit } from '../../src/storage/group-commit.js';
import type { Migration } from '../../src/storage/migration.js';
import type { SqlDb } from '../../src/storage/sql-db.js';
import { STORE_BACKENDS, useTestStores } from '../helpers/store-backends.js';

const ITEMS: Migration[] = [{ name: '001-items', sql: 'CREATE TABLE items (id INTEGER PRIMARY KEY, label TEXT NOT NULL)' }];

describe.each(STORE_BACKENDS)('group commit on $name', ({ name, skip }) => {
  const stores = useTestStores(name);
  let db: SqlDb;
  let transactions: number;

  beforeEach(async ({ skip: skipTest }) => {
    if (skip) return skipTest();
    const inner = await (await stores.create()).open(ITEMS);
    transactions = 0;
    // The real database, counting the transactions it is asked for.
    db = { ...inner, dialect: inner.dialect, transaction: (fn) => ((transactions += 1), inner.transaction(fn)) };
  });

  const insert = (d: SqlDb) => createGroupCommit(d, async (tx, item: { id: number; label: string | null }) => {
    await tx.run('INSERT INTO items (id, label) VALUES (?, ?)', [item.id, item.label]);
    return item.id * 10;
  });
  const labels = async (): Promise<string[]> => (await db.all<{ label: string }>('SELECT label FROM items ORDER BY id')).map((r) => r.label);

  it('writes asked for together share one transaction; a write alone has its own', async () => {
    const write = insert(db);
    const results = await Promise.all([1, 2, 3, 4, 5].map((id) => write({ id, label: `第${id}` })));
    expect(results).toEqual([10, 20, 30, 40, 50]);
    expect(await labels()).toEqual(['第1', '第2', '第3', '第4', '第5']);
    expect(transactions).toBe(1);
    expect(await write({ id: 6, label: '第6' })).toBe(60);
    expect(transactions).toBe(2);
  });

  it('writes arriving while a transaction runs go together in the next one', async () => {
    const write = insert(db);
    const first = write({ id: 1, label: 'a' });
    // Asked for once the first transaction has begun (a later turn of the event loop).
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    const later = [2, 3, 4].map((id) => write({ id, label: String(id) }));
    await Promise.all([first, ...later]);
    expect(await labels()).toEqual(['a', '2', '3', '4']);
    expect(transactions).toBe(2);
  });

  it('a write that fails within a shared transaction is rolled back alone; the others are stored', async () => {
    const write = insert(db);
    const outcomes = await Promise.allSettled([
      write({ id: 1, label: 'a' }),
      write({ id: 2, label: 'b' }),
      write({ id: 3, label: null }), // NOT NULL
      write({ id: 2, label: 'again' }), // duplicate key
      write({ id: 4, label: 'd' }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(await labels()).toEqual(['a', 'b', 'd']);
  });

  it('a lone write that fails stores nothing and the next one goes through', async () => {
    const write = insert(db);
    await expect(write({ id: 1, label: null })).rejects.toThrow();
    expect(await labels()).toEqual([]);
    expect(await write({ id: 1, label: 'ok' })).toBe(10);
    expect(await labels()).toEqual(['ok']);
  });
});
