import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Embeddings } from '@langchain/core/embeddings';
import { setImmediate } from 'node:timers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.js';
import { offlineEmbedderProvider, remoteEmbedderProvider, type EmbedderProvider } from '../../src/knowledge/embedder-provider.js';
import { createGlossary } from '../../src/knowledge/glossary.js';
import type { IdentifiedEmbeddings } from '../../src/knowledge/hashed-ngram-embeddings.js';
import { openKnowledgeBase, type KnowledgeBase, type KnowledgeBaseDeps } from '../../src/knowledge/knowledge-base.js';
import { createJiebaTokenizer } from '../../src/knowledge/tokenizer.js';
import { copyCorpus, useCorpusCopies, type CorpusFixture } from '../helpers/kb-fixture.js';

const FILES = ['qt25.md', 'qt21.md', 'guides/g02.md'];
const glossary = createGlossary({ zh: { 补助: ['补贴'], 多少钱: ['补贴'] }, en: { rent: ['租房补贴'] } });
const tokenizer = createJiebaTokenizer({ extraWords: ['租房补贴', '生活补贴', '青年大学生', ...glossary.terms] });

function deps(fx: CorpusFixture, overrides: Partial<KnowledgeBaseDeps> = {}): KnowledgeBaseDeps {
  return { policiesDir: fx.policiesDir, indexDir: fx.indexDir, embedder: offlineEmbedderProvider(256), tokenizer, glossary, ef: 64, topK: 5, ...overrides };
}

/** Replaces text in a corpus file, failing loudly if the text is not there. */
async function edit(fx: CorpusFixture, rel: string, from: string, to: string): Promise<void> {
  const file = path.join(fx.policiesDir, rel);
  const text = await readFile(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${rel} has no "${from}"`);
  await writeFile(file, text.replace(from, to));
}

/** A remote-style embedder that counts what it is asked to embed: character bigrams hashed into 64 buckets. */
class CountingEmbeddings extends Embeddings implements IdentifiedEmbeddings {
  readonly id = 'counting-fake:64';
  readonly dims = 64;
  embedded: string[] = [];
  documentCalls = 0;
  constructor() {
    super({});
  }
  async embedDocuments(documents: string[]): Promise<number[][]> {
    this.documentCalls += 1;
    this.embedded.push(...documents);
    return documents.map((d) => this.vector(d));
  }
  async embedQuery(document: string): Promise<number[]> {
    return this.vector(document);
  }
  private vector(text: string): number[] {
    const v = new Array<number>(this.dims).fill(0);
    const chars = [...text];
    for (let i = 0; i + 1 < chars.length; i++) {
      const h = ((chars[i]?.codePointAt(0) ?? 0) * 31 + (chars[i + 1]?.codePointAt(0) ?? 0)) % this.dims;
      v[h] = (v[h] ?? 0) + 1;
    }
    const n = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
    return v.map((x) => x / n);
  }
}

describe('openKnowledgeBase', () => {
  const corpus = useCorpusCopies();

  it('builds on first open and loads the saved index on the second', async () => {
    const fx = await corpus(FILES);
    const first = await openKnowledgeBase(deps(fx));
    const built = first.lastReport();
    expect(built).toMatchObject({ action: 'built', documents: 3, reused: 0, failed: [], changed: ['g02', 'qt21', 'qt25'] });
    expect(built.chunks).toBe(first.state().chunks.length);
    expect(built.embedded).toBe(built.chunks);
    expect(first.state().vector.size).toBe(built.chunks);
    expect(first.documents().map((d) => d.id).sort()).toEqual(['g02', 'qt21', 'qt25']);

    const second = await openKnowledgeBase(deps(fx));
    expect(second.lastReport()).toMatchObject({ action: 'loaded', embedded: 0, reused: built.chunks, chunks: built.chunks, changed: [], documents: 3 });
    const q = '博士生活补贴多少钱';
    expect((await second.search(q)).results.map((r) => r.key)).toEqual((await first.search(q)).results.map((r) => r.key));
  });

  it('rebuilds without being asked when a document changed, naming it', async () => {
    const fx = await corpus(FILES);
    await openKnowledgeBase(deps(fx));
    await edit(fx, 'guides/g02.md', '审核30个工作日', '审核20个工作日');
    const kb = await openKnowledgeBase(deps(fx));
    expect(kb.lastReport()).toMatchObject({ action: 'built', changed: ['g02'] });
    expect(kb.chunksOf('g02-5')[0]?.text).toContain('审核20个工作日');
  });

  it('attaches the English translation and rebuilds when only the translation changes', async () => {
    const fx = await corpus([...FILES, 'translations/en/qt25.md']);
    const first = await openKnowledgeBase(deps(fx));
    expect(first.chunksOf('qt25-6')[0]?.en?.heading).toBe('Article 6 Rent Subsidy');
    expect(first.chunksOf('qt21-6')[0]?.en).toBeUndefined();
    expect(first.lastReport().translationWarnings).toEqual([]);
    await edit(fx, 'translations/en/qt25.md', 'for at most 3 years.', 'for at most three years.');
    const kb = await openKnowledgeBase(deps(fx));
    expect(kb.lastReport()).toMatchObject({ action: 'built', changed: ['qt25'] });
    expect(kb.chunksOf('qt25-6')[0]?.en?.text).toContain('for at most three years.');
    await edit(fx, 'translations/en/qt25.md', '### Article 25 Supplementary', '### Article 26 Supplementary');
    await kb.reload();
    expect(kb.lastReport().translationWarnings).toEqual([
      { path: 'translations/en/qt25.md', message: expect.stringContaining('qt25-26') },
      { path: 'translations/en/qt25.md', message: expect.stringContaining('no translation of qt25-25') },
    ]);
    expect(kb.chunksOf('qt25-25')[0]?.en).toBeUndefined();
  });

  it('names a removed document as changed and drops its chunks', async () => {
    const fx = await corpus(FILES);
    await openKnowledgeBase(deps(fx));
    await rm(path.join(fx.policiesDir, 'guides/g02.md'));
    const kb = await openKnowledgeBase(deps(fx));
    expect(kb.lastReport()).toMatchObject({ action: 'built', changed: ['g02'], documents: 2 });
    expect(kb.chunksOf('g02-1')).toEqual([]);
    for (const r of (await kb.search('生活补贴申领材料', { k: 10 })).results) expect(r.key.startsWith('g02')).toBe(false);
  });

  it('forces a rebuild on request', async () => {
    const fx = await corpus(FILES);
    await openKnowledgeBase(deps(fx));
    const kb = await openKnowledgeBase(deps(fx), { force: true });
    expect(kb.lastReport().action).toBe('built');
    expect(kb.lastReport().changed).toEqual([]);
  });

  it('reload() picks up a new file without reopening, and searches keep working meanwhile', async () => {
    const fx = await corpus(FILES);
    const kb = await openKnowledgeBase(deps(fx));
    const before = kb.state();
    await cp(path.resolve('policies/guides/g03.md'), path.join(fx.policiesDir, 'guides/g03.md'));

    const progress: [number, number][] = [];
    const reloading = kb.reload({ onProgress: (done, total) => progress.push([done, total]) });
    // Requests during a rebuild share one follow-up rebuild (the running one may have read too early).
    const followUp = kb.reload();
    expect(followUp).not.toBe(reloading);
    expect(kb.reload()).toBe(followUp);
    let finished = false;
    void reloading.finally(() => {
      finished = true;
    });
    let searches = 0;
    do {
      const res = await kb.search('租房补贴怎么申请');
      expect(res.results.length).toBeGreaterThan(0);
      searches += 1;
      // A search resolves in microtasks only; let the rebuild's I/O run between searches.
      await new Promise((resolve) => setImmediate(resolve));
    } while (!finished);
    expect(searches).toBeGreaterThan(0);

    const report = await reloading;
    expect(report).toMatchObject({ action: 'built', changed: ['g03'], documents: 4 });
    // The follow-up finds nothing new and loads what the first rebuild saved.
    expect(await followUp).toMatchObject({ action: 'loaded', documents: 4 });
    expect(kb.lastReport().documents).toBe(report.documents);
    expect(kb.state()).not.toBe(before);
    expect(kb.documents().map((d) => d.id)).toContain('g03');
    expect(kb.chunksOf('g03-1').length).toBeGreaterThan(0);
    expect(progress.at(-1)).toEqual([report.embedded, report.embedded]);

    const again = await kb.reload();
    expect(again.action).toBe('loaded');
  });

  it('skips a corrupt file, reports it in failed and indexes the rest', async () => {
    const fx = await corpus(FILES);
    await writeFile(path.join(fx.policiesDir, 'broken.docx'), 'this is not a zip archive');
    await writeFile(path.join(fx.policiesDir, 'notes.xyz'), '第一条 不是政策文件');
    const kb = await openKnowledgeBase(deps(fx));
    const report = kb.lastReport();
    expect(report.documents).toBe(3);
    expect(report.failed).toHaveLength(1);
    expect(report.failed[0]?.path).toBe('broken.docx');
    expect(report.failed[0]?.error).toContain('broken.docx');
    // The failure is reported on a plain load too, not only on a build.
    expect((await openKnowledgeBase(deps(fx))).lastReport()).toMatchObject({ action: 'loaded', failed: [{ path: 'broken.docx' }] });
  });

  it('refuses a corpus with no loadable document', async () => {
    const fx = await corpus([]);
    await writeFile(path.join(fx.policiesDir, 'broken.docx'), 'not a zip');
    const err = await openKnowledgeBase(deps(fx)).catch((e: unknown) => e);
    expect(AppError.isInstance(err)).toBe(true);
    expect((err as AppError).code).toBe('corpus_empty');
  });

  it('rebuilds when the hnsw folder is deleted', async () => {
    const fx = await corpus(FILES);
    await openKnowledgeBase(deps(fx));
    await rm(path.join(fx.indexDir, 'hnsw'), { recursive: true, force: true });
    const kb = await openKnowledgeBase(deps(fx));
    expect(kb.lastReport().action).toBe('built');
    expect((await kb.search('租房补贴')).results.length).toBeGreaterThan(0);
    expect((await openKnowledgeBase(deps(fx))).lastReport().action).toBe('loaded');
  });

  it('rebuilds when manifest.json is corrupt', async () => {
    const fx = await corpus(FILES);
    await openKnowledgeBase(deps(fx));
    await writeFile(path.join(fx.indexDir, 'manifest.json'), '{"version": 1, "embedder": ');
    const kb = await openKnowledgeBase(deps(fx));
    expect(kb.lastReport().action).toBe('built');
    expect(JSON.parse(await readFile(path.join(fx.indexDir, 'manifest.json'), 'utf8'))).toMatchObject({ version: 1, chunks: kb.lastReport().chunks });
  });

  it('rebuilds when the embedder changes', async () => {
    const fx = await corpus(FILES);
    await openKnowledgeBase(deps(fx));
    const kb = await openKnowledgeBase(deps(fx, { embedder: offlineEmbedderProvider(128) }));
    expect(kb.lastReport().action).toBe('built');
    expect(kb.state().embeddings.dims).toBe(128);
  });

  it('applies ef to a loaded index', async () => {
    const fx = await corpus(FILES);
    const built = await openKnowledgeBase(deps(fx, { ef: 64 }));
    expect(built.state().vector.ef).toBe(64);
    const loaded = await openKnowledgeBase(deps(fx, { ef: 321 }));
    expect(loaded.lastReport().action).toBe('loaded');
    expect(loaded.state().vector.ef).toBe(321);
  });
});

describe('KnowledgeBase.search', () => {
  let fx: CorpusFixture | undefined;
  let kb: KnowledgeBase | undefined;
  beforeAll(async () => {
    fx = await copyCorpus(FILES);
    kb = await openKnowledgeBase(deps(fx));
  });
  afterAll(async () => {
    if (fx) await rm(fx.root, { recursive: true, force: true });
  });
  const open = async (): Promise<KnowledgeBase> => {
    if (!kb) throw new Error('knowledge base not opened');
    return kb;
  };

  it('returns one result per key, ranked 1..k, with a confidence in [0, 1]', async () => {
    const res = await (await open()).search('博士生活补贴多少钱');
    expect(res.results).toHaveLength(5);
    expect(res.results.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(res.results.map((r) => r.key)).size).toBe(5);
    for (let i = 1; i < res.results.length; i++) expect(res.results[i - 1]?.score ?? 0).toBeGreaterThanOrEqual(res.results[i]?.score ?? 0);
    expect(res.confidence).toBeGreaterThanOrEqual(0);
    expect(res.confidence).toBeLessThanOrEqual(1);
    expect(res.results[0]?.key).toBe('qt25-5');
    expect(res.results[0]?.chunk.heading).toBe('第五条 青年大学生生活补贴');
  });

  it('honours k', async () => {
    const res = await (await open()).search('租房补贴', { k: 3 });
    expect(res.results.map((r) => r.rank)).toEqual([1, 2, 3]);
  });

  it('reports the glossary expansion', async () => {
    const res = await (await open()).search('生活补助多少钱');
    expect(res.addedTerms).toEqual(['补贴']);
    expect(res.expandedQuery).toBe('生活补助多少钱 补贴');
    expect(res.query).toBe('生活补助多少钱');
  });

  it('gives an off-topic question lower confidence than an on-topic one', async () => {
    const base = await open();
    const onTopic = await base.search('青年大学生生活补贴标准是多少');
    const offTopic = await base.search('明天杭州天气怎么样');
    expect(onTopic.confidence).toBeGreaterThan(offTopic.confidence);
    expect(onTopic.confidence - offTopic.confidence).toBeGreaterThan(0.15);
  });

  it('prefers the current article for a plain question and the old one when asked about the old policy', async () => {
    const base = await open();
    const plain = await base.search('租房补贴标准');
    expect(plain.focus).toEqual({ wantsOld: false, comparison: false });
    expect(plain.results[0]?.key).toBe('qt25-6');
    expect(plain.results[0]?.chunk.status).toBe('current');
    const old = await base.search('21条的租房补贴标准');
    expect(old.focus.wantsOld).toBe(true);
    expect(old.results[0]?.key).toBe('qt21-6');
  });

  it('reads a question naming what only the old policy has as about the old policy', async () => {
    const res = await (await open()).search('钱塘人才之夜是哪个政策里的');
    expect(res.focus.wantsOld).toBe(true);
    expect(res.results[0]?.key).toBe('qt21-20');
  });

  it('puts both generations at the top for a comparison', async () => {
    const res = await (await open()).search('租房补贴和以前相比变了什么');
    expect(res.focus.comparison).toBe(true);
    expect(res.results.slice(0, 2).map((r) => r.key).sort()).toEqual(['qt21-6', 'qt25-6']);
  });

  it('returns results for an English question', async () => {
    const res = await (await open()).search('How much is the rent subsidy?');
    expect(res.addedTerms).toEqual(['租房补贴']);
    expect(res.results[0]?.key).toMatch(/^qt2[15]-6$/u);
  });

  it('exposes chunks of a key in order', async () => {
    const base = await open();
    expect(base.chunksOf('qt25-5').map((c) => c.key)).toEqual(['qt25-5']);
    expect(base.chunksOf('nope-1')).toEqual([]);
  });
});

describe('openKnowledgeBase with a remote embedder', () => {
  const corpus = useCorpusCopies();

  it('embeds only the chunks of a changed document again', async () => {
    const fx = await corpus(FILES);
    const fake = new CountingEmbeddings();
    const embedder: EmbedderProvider = remoteEmbedderProvider(fake);

    const first = await openKnowledgeBase(deps(fx, { embedder }));
    const total = first.lastReport().chunks;
    expect(first.lastReport()).toMatchObject({ action: 'built', embedded: total, reused: 0 });
    expect(fake.embedded).toHaveLength(total);

    fake.embedded = [];
    const unchanged = await openKnowledgeBase(deps(fx, { embedder }));
    expect(unchanged.lastReport()).toMatchObject({ action: 'loaded', embedded: 0 });
    expect(fake.embedded).toEqual([]);

    await edit(fx, 'guides/g02.md', '审核30个工作日', '审核20个工作日');
    const updated = await openKnowledgeBase(deps(fx, { embedder }));
    const report = updated.lastReport();
    expect(report.action).toBe('updated');
    expect(report.changed).toEqual(['g02']);
    expect(report.embedded).toBeLessThan(report.chunks);
    expect(report.embedded).toBe(1);
    expect(report.reused).toBe(report.chunks - 1);
    expect(fake.embedded).toHaveLength(1);
    expect(fake.embedded[0]).toContain('审核20个工作日');
    const g02Texts = updated.state().chunks.filter((c) => c.docId === 'g02').map((c) => c.text);
    for (const t of fake.embedded) expect(g02Texts.some((g) => t.includes(g))).toBe(true);

    // The updated index answers from the new text and loads next time.
    expect(updated.chunksOf('g02-5')[0]?.text).toContain('审核20个工作日');
    expect((await updated.search('办理时限', { k: 10 })).results.map((r) => r.key)).toContain('g02-5');
    fake.embedded = [];
    expect((await openKnowledgeBase(deps(fx, { embedder }))).lastReport().action).toBe('loaded');
    expect(fake.embedded).toEqual([]);
  });

  it('rebuilds from cached vectors without embedding when only the hnsw folder is lost', async () => {
    const fx = await corpus(FILES);
    const fake = new CountingEmbeddings();
    await openKnowledgeBase(deps(fx, { embedder: remoteEmbedderProvider(fake) }));
    await rm(path.join(fx.indexDir, 'hnsw'), { recursive: true, force: true });
    fake.embedded = [];
    const kb = await openKnowledgeBase(deps(fx, { embedder: remoteEmbedderProvider(fake) }));
    expect(kb.lastReport()).toMatchObject({ embedded: 0 });
    expect(kb.lastReport().reused).toBe(kb.lastReport().chunks);
    expect(fake.embedded).toEqual([]);
    expect((await kb.search('租房补贴')).results.length).toBeGreaterThan(0);
  });
});
