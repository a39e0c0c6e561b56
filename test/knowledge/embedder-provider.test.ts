import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Embeddings } from '@langchain/core/embeddings';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offlineEmbedderProvider, remoteEmbedderProvider } from '../../src/knowledge/embedder-provider.js';
import { HashedNgramEmbeddings, type IdentifiedEmbeddings } from '../../src/knowledge/hashed-ngram-embeddings.js';

class ConstantEmbeddings extends Embeddings implements IdentifiedEmbeddings {
  readonly id = 'constant-test:3';
  readonly dims = 3;
  constructor() {
    super({});
  }
  async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map(() => [1, 0, 0]);
  }
  async embedQuery(): Promise<number[]> {
    return [1, 0, 0];
  }
}

describe('offlineEmbedderProvider', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'qxz-embedder-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is corpus-dependent and identified by its dimensions', () => {
    const p = offlineEmbedderProvider(96);
    expect(p.id).toBe('hashed-ngram-v1:96');
    expect(p.corpusDependent).toBe(true);
  });

  it('fits on the corpus and restores exactly what it saved', async () => {
    const p = offlineEmbedderProvider(96);
    const texts = ['租房补贴 每月发放', '人才落户 材料'];
    const e = await p.prepare(texts);
    expect(e).toBeInstanceOf(HashedNgramEmbeddings);
    expect(e.dims).toBe(96);
    expect(e.id).not.toContain('unfitted');
    await p.save(dir, e);
    expect(JSON.parse(await readFile(path.join(dir, 'embedder.json'), 'utf8'))).toMatchObject({ dims: 96, docs: 2 });
    const restored = await p.restore(dir);
    expect(restored.id).toBe(e.id);
    expect(await restored.embedQuery('落户')).toEqual(await e.embedQuery('落户'));
  });

  it('refuses to save an embedder it did not make', async () => {
    await expect(offlineEmbedderProvider(3).save(dir, new ConstantEmbeddings())).rejects.toThrow();
  });
});

describe('remoteEmbedderProvider', () => {
  it('passes the same embedder through and is corpus-independent', async () => {
    const e = new ConstantEmbeddings();
    const p = remoteEmbedderProvider(e);
    expect(p.id).toBe('constant-test:3');
    expect(p.corpusDependent).toBe(false);
    expect(await p.prepare(['x'])).toBe(e);
    expect(await p.restore('/nonexistent')).toBe(e);
    await expect(p.save('/nonexistent', e)).resolves.toBeUndefined();
  });
});
