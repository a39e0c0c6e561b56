import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWalFlusher } from '../../../src/storage/sqlite/wal-flusher.js';

/** A disk whose flushes finish when the test says so. */
function heldDisk() {
  const pending: { file: string; finish(err?: Error): void }[] = [];
  return {
    pending,
    sync: (file: string) => new Promise<void>((resolve, reject) => pending.push({ file, finish: (err) => (err ? reject(err) : resolve()) })),
  };
}

const settledSoon = async (p: Promise<unknown>): Promise<boolean> => {
  let settled = false;
  p.then(() => (settled = true), () => (settled = true));
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  return settled;
};

describe('WAL flusher', () => {
  let dir: string;
  let wal: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'qxz-wal-'));
    wal = path.join(dir, 'db-wal');
    await writeFile(wal, 'frames');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('with nothing committed there is nothing to wait for', async () => {
    const disk = heldDisk();
    await createWalFlusher(wal, disk.sync).flushed();
    expect(disk.pending).toHaveLength(0);
  });

  it('a commit waits for a flush of the log; commits counted before it began share it', async () => {
    const disk = heldDisk();
    const flusher = createWalFlusher(wal, disk.sync);
    flusher.committed();
    flusher.committed();
    const a = flusher.flushed();
    const b = flusher.flushed();
    expect(disk.pending.map((p) => p.file)).toEqual([wal]);
    expect(await settledSoon(a)).toBe(false);
    disk.pending[0]!.finish();
    await Promise.all([a, b]);
    // Covered: asking again costs no flush.
    await flusher.flushed();
    expect(disk.pending).toHaveLength(1);
  });

  it('a commit counted while a flush runs waits for the next one, which serves everyone who asked meanwhile', async () => {
    const disk = heldDisk();
    const flusher = createWalFlusher(wal, disk.sync);
    flusher.committed();
    const first = flusher.flushed();
    flusher.committed();
    const second = flusher.flushed();
    flusher.committed();
    const third = flusher.flushed();
    expect(disk.pending).toHaveLength(1);
    disk.pending[0]!.finish();
    await first;
    expect(await settledSoon(second)).toBe(false);
    expect(disk.pending).toHaveLength(2);
    disk.pending[1]!.finish();
    await Promise.all([second, third]);
    expect(disk.pending).toHaveLength(2);
  });

  it('a failed flush fails its waiters, and the next one flushes again', async () => {
    const disk = heldDisk();
    const flusher = createWalFlusher(wal, disk.sync);
    flusher.committed();
    const failed = flusher.flushed();
    disk.pending[0]!.finish(new Error('EIO'));
    await expect(failed).rejects.toThrow('EIO');
    const retried = flusher.flushed();
    expect(disk.pending).toHaveLength(2);
    disk.pending[1]!.finish();
    await retried;
  });

  it('flushes a real file through its own descriptor', async () => {
    const flusher = createWalFlusher(wal);
    flusher.committed();
    await expect(flusher.flushed()).resolves.toBeUndefined();
  });
});
