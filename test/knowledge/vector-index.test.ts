import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HashedNgramEmbeddings } from '../../src/knowledge/hashed-ngram-embeddings.js';
import { createVectorIndex, loadVectorIndex } from '../../src/knowledge/vector-index.js';

const TEXTS = ['租房补贴 每月发放', '生活补贴 一次性发放', '人才落户 办理材料', '博士后 科研资助', '钱塘人才卡 服务'];

function embedder(): HashedNgramEmbeddings {
  const e = new HashedNgramEmbeddings({ dims: 64 });
  e.fit(TEXTS);
  return e;
}

describe('vector index', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });
  const tempDir = async (): Promise<string> => {
    const d = await mkdtemp(path.join(os.tmpdir(), 'qxz-vector-'));
    dirs.push(d);
    return d;
  };

  it('returns nothing while empty', async () => {
    const index = createVectorIndex(64, 50);
    expect(index.size).toBe(0);
    expect(await index.search(new Array<number>(64).fill(0.125), 5)).toEqual([]);
  });

  it('finds the nearest chunk with cosine similarity, best first, and applies ef after adding', async () => {
    const e = embedder();
    const index = createVectorIndex(64, 77);
    await index.add(TEXTS.map((_, i) => `c${i}`), await e.embedDocuments(TEXTS));
    expect(index.size).toBe(TEXTS.length);
    expect(index.ef).toBe(77);
    const hits = await index.search(await e.embedQuery('租房补贴'), 10);
    expect(hits).toHaveLength(TEXTS.length);
    expect(hits[0]?.chunkId).toBe('c0');
    expect(hits[0]?.score).toBeGreaterThan(0.3);
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]?.score ?? 0).toBeGreaterThanOrEqual(hits[i]?.score ?? 0);
    const same = await index.search((await e.embedDocuments([TEXTS[3] ?? '']))[0] ?? [], 1);
    expect(same).toEqual([{ chunkId: 'c3', score: expect.closeTo(1, 5) }]);
  });

  it('saves atomically and loads with ef set again', async () => {
    const e = embedder();
    const index = createVectorIndex(64, 40);
    await index.add(TEXTS.map((_, i) => `c${i}`), await e.embedDocuments(TEXTS));
    const root = await tempDir();
    const dir = path.join(root, 'hnsw');
    // Concurrent adds and saves are serialised: the saved file holds a consistent index.
    await Promise.all([index.save(dir), index.add(['extra'], await e.embedDocuments(['人才公寓 租金']))]);
    await index.save(dir);
    expect((await readdir(root)).filter((n) => n.includes('.tmp-'))).toEqual([]);
    const loaded = await loadVectorIndex(dir, 123);
    expect(loaded.size).toBe(TEXTS.length + 1);
    expect(loaded.ef).toBe(123);
    const hits = await loaded.search(await e.embedQuery('人才落户'), 3);
    expect(hits[0]?.chunkId).toBe('c2');
  });

  it('fails to load a folder that holds no index', async () => {
    await expect(loadVectorIndex(path.join(await tempDir(), 'missing'), 50)).rejects.toThrow();
  });
});
