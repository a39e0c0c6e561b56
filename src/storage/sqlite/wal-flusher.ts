import { open } from 'node:fs/promises';
import path from 'node:path';

/** Flushes one file's data to disk. */
export type SyncFile = (file: string) => Promise<void>;

/** fdatasync on libuv's thread pool: the event loop serves other requests while the disk works. */
export const dataSync: SyncFile = async (file) => {
  const handle = await open(file, 'r+');
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
};

/** fsync of a folder, so a file created in it stays there after a power cut (where the platform allows it). */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on a folder; SQLite ignores that failure as well.
  } finally {
    await handle.close();
  }
}

/** Commits made with `synchronous = NORMAL`, flushed later by {@link WalFlusher.flushed}. */
export interface WalFlusher {
  /** Counts a commit whose write-ahead log frames are not known to be on disk yet. */
  committed(): void;
  /** Resolves once every commit counted so far is on disk. */
  flushed(): Promise<void>;
}

/**
 * Flushes an SQLite write-ahead log for commits made without waiting for the disk. A commit counted
 * before a flush started is covered by it; one counted while a flush runs waits for the next, which
 * starts when the running one ends and covers everything counted until then (one fsync for many
 * commits). fsync works on the file, whichever descriptor asks, so the log SQLite wrote through its
 * own descriptor is flushed through this one. A checkpoint that moves frames into the database file
 * syncs both files itself (SQLite does so at synchronous=NORMAL), so frames checkpointed meanwhile
 * are on disk too. The first flush also syncs the folder, as SQLite does once for a log it created.
 */
export function createWalFlusher(walFile: string, syncFile: SyncFile = dataSync): WalFlusher {
  let counted = 0;
  let durable = 0;
  let folderSynced = false;
  let running: { upTo: number; done: Promise<void> } | undefined;
  let next: Promise<void> | undefined;

  const start = (): Promise<void> => {
    const upTo = counted;
    const done = (async () => {
      await syncFile(walFile);
      if (!folderSynced) {
        await syncFolder(path.dirname(walFile));
        folderSynced = true;
      }
      durable = Math.max(durable, upTo);
    })().finally(() => {
      running = undefined;
    });
    running = { upTo, done };
    return done;
  };

  const flushed = (): Promise<void> => {
    if (durable >= counted) return Promise.resolve();
    if (!running) return start();
    if (running.upTo >= counted) return running.done;
    // Committed after the running flush began: the next flush, shared by all who ask meanwhile.
    next ??= running.done.catch(() => undefined).then(() => {
      next = undefined;
      return flushed();
    });
    return next;
  };

  return {
    committed: () => void (counted += 1),
    flushed,
  };
}
