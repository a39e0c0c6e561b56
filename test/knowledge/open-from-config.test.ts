import { access, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { AppError } from '../../src/core/errors.js';
import { embedderFromConfig, openKnowledgeBaseFromConfig } from '../../src/knowledge/open-from-config.js';
import { useCorpusCopies, type CorpusFixture } from '../helpers/kb-fixture.js';

async function configFor(fx: CorpusFixture, glossaryYaml: string, env: Record<string, string> = {}) {
  const seeds = path.join(fx.root, 'seeds');
  await mkdir(seeds, { recursive: true });
  await writeFile(path.join(seeds, 'glossary.yaml'), glossaryYaml);
  return parseConfig({ POLICIES_DIR: 'policies', SEEDS_DIR: 'seeds', DATA_DIR: 'data', OFFLINE_EMBEDDING_DIMS: '128', SEARCH_TOP_K: '4', SEARCH_EF: '99', ...env }, fx.root);
}

describe('embedderFromConfig', () => {
  it('chooses the offline embedder without remote settings', () => {
    const p = embedderFromConfig(parseConfig({ OFFLINE_EMBEDDING_DIMS: '256' }, '/'));
    expect(p.id).toBe('hashed-ngram-v1:256');
    expect(p.corpusDependent).toBe(true);
  });

  it('chooses the remote embedder when configured, without calling it', () => {
    const p = embedderFromConfig(parseConfig({ EMBEDDINGS_BASE_URL: 'http://127.0.0.1:9/v1', EMBEDDINGS_MODEL: 'bge-m3' }, '/'));
    expect(p.corpusDependent).toBe(false);
    expect(p.id).toContain('bge-m3');
    expect(p.id).toContain('http://127.0.0.1:9/v1');
  });
});

describe('openKnowledgeBaseFromConfig', () => {
  const corpus = useCorpusCopies();

  it('wires glossary, tokenizer, embedder and the index folder under DATA_DIR', async () => {
    const fx = await corpus(['qt25.md', 'guides/g02.md']);
    const config = await configFor(fx, 'zh:\n  补助: [补贴]\n');
    const kb = await openKnowledgeBaseFromConfig(config);
    expect(kb.lastReport()).toMatchObject({ action: 'built', documents: 2 });
    await access(path.join(fx.root, 'data', 'index', 'manifest.json'));
    expect(kb.state().embeddings.dims).toBe(128);
    expect(kb.state().vector.ef).toBe(99);
    const res = await kb.search('青年大学生生活补助');
    expect(res.addedTerms).toEqual(['补贴']);
    expect(res.results).toHaveLength(4);
    expect(res.results[0]?.key).toBe('qt25-5');

    const again = await openKnowledgeBaseFromConfig(config);
    expect(again.lastReport().action).toBe('loaded');
  });

  it('fails with the glossary error before touching the index', async () => {
    const fx = await corpus(['qt25.md']);
    const config = await configFor(fx, 'zh: [oops\n');
    const err = await openKnowledgeBaseFromConfig(config).catch((e: unknown) => e);
    expect(AppError.isInstance(err)).toBe(true);
    expect((err as AppError).code).toBe('glossary_unreadable');
    await expect(access(path.join(fx.root, 'data', 'index'))).rejects.toThrow();
  });
});
