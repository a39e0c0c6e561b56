import type { SqlDb, SqlExecutor } from './sql-db.js';

interface Waiting<I, O> {
  item: I;
  resolve(value: O): void;
  reject(err: unknown): void;
}

/**
 * Writes items in transactions shared by whatever arrives together: writes asked for in the same
 * turn of the event loop, or while a transaction runs, go together in one, each in a savepoint of
 * its own. With synchronous=FULL on SQLite every commit waits for the disk (on the thread pool, see
 * sqlite-db), and the whole file has one writer anyway: under load, one fsync then serves many turns
 * instead of one each, and nothing waits longer than it would have in the queue. Each caller learns when its own
 * write is durable, and a write that fails is rolled back to its savepoint alone.
 *
 * Only for SQLite: on PostgreSQL concurrent transactions commit side by side (the server groups
 * their WAL flushes itself), and one transaction spanning unrelated conversations would lock their
 * rows in an order other instances might take the other way round.
 */
export function createGroupCommit<I, O>(db: SqlDb, write: (tx: SqlExecutor, item: I) => Promise<O>): (item: I) => Promise<O> {
  let queue: Waiting<I, O>[] = [];
  let running = false;

  async function drain(): Promise<void> {
    running = true;
    try {
      // On SQLite a transaction runs without yielding to the event loop (each statement is
      // synchronous), so nothing could join it while it runs: writes asked for in the same turn of
      // the loop (the answers finished by one batch of requests) are gathered first, one hop later.
      await new Promise((resolve) => setImmediate(resolve));
      while (queue.length > 0) {
        const batch = queue;
        queue = [];
        await commit(batch);
      }
    } finally {
      running = false;
    }
  }

  async function commit(batch: Waiting<I, O>[]): Promise<void> {
    const settled: (() => void)[] = [];
    try {
      await db.transaction(async (tx) => {
        if (batch.length === 1) {
          const value = await write(tx, batch[0]!.item);
          settled.push(() => batch[0]!.resolve(value));
          return;
        }
        for (const w of batch) {
          await tx.exec('SAVEPOINT turn');
          try {
            const value = await write(tx, w.item);
            await tx.exec('RELEASE turn');
            settled.push(() => w.resolve(value));
          } catch (err) {
            await tx.exec('ROLLBACK TO turn');
            await tx.exec('RELEASE turn');
            settled.push(() => w.reject(err));
          }
        }
      });
    } catch (err) {
      // The transaction itself failed (or the single write did): nothing of the batch is stored.
      for (const w of batch) w.reject(err);
      return;
    }
    // Callers hear of success only once the commit has returned: their writes are durable.
    for (const settle of settled) settle();
  }

  return (item) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (!running) void drain();
    });
}
