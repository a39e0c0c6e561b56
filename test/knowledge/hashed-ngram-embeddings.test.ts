import { describe, expect, it } from 'vitest';
import { HashedNgramEmbeddings } from '../../src/knowledge/hashed-ngram-embeddings.js';

const CORPUS = [
  '人才落户 符合条件的人才可在钱塘区办理落户手续，落户材料包括学历证书和劳动合同。',
  '租房补贴 新引进的青年大学生每月发放租房补贴，最长发放3年。',
  '博士后 对新进站的博士后给予生活补贴和科研资助。',
  '钱塘人才卡 持卡人才享受子女入学、配偶就业等服务。',
  'Rent subsidy for graduates who rent a flat in Qiantang.',
];

const cosine = (x: readonly number[], y: readonly number[]): number => x.reduce((s, v, i) => s + v * (y[i] ?? 0), 0);
const norm = (x: readonly number[]): number => Math.sqrt(cosine(x, x));

function fitted(dims = 256): HashedNgramEmbeddings {
  const e = new HashedNgramEmbeddings({ dims });
  e.fit(CORPUS);
  return e;
}

describe('HashedNgramEmbeddings', () => {
  it('makes unit-length vectors of the configured length', async () => {
    const e = fitted(128);
    const docs = await e.embedDocuments(CORPUS);
    for (const v of [...docs, await e.embedQuery('租房补贴多少'), await e.embedQuery('rent subsidy')]) {
      expect(v).toHaveLength(128);
      expect(norm(v)).toBeCloseTo(1, 9);
    }
  });

  it('gives identical texts similarity 1 and is deterministic', async () => {
    const e = fitted();
    const [x, y] = await e.embedDocuments(['租房补贴怎么申请', '租房补贴怎么申请']);
    expect(cosine(x ?? [], y ?? [])).toBeCloseTo(1, 9);
    expect(await e.embedQuery('租房补贴怎么申请')).toEqual(await e.embedQuery('租房补贴怎么申请'));
  });

  it('puts a typo (落护 for 落户) closer than an unrelated text', async () => {
    const e = fitted();
    const right = await e.embedQuery('人才落户需要什么材料');
    const typo = await e.embedQuery('人才落护需要什么材料');
    const unrelated = await e.embedQuery('博士后科研资助');
    expect(cosine(right, typo)).toBeGreaterThan(0.5);
    expect(cosine(right, typo)).toBeGreaterThan(cosine(right, unrelated) + 0.2);
  });

  it('ranks the matching corpus text first for a query', async () => {
    const e = fitted();
    const docs = await e.embedDocuments(CORPUS);
    const q = await e.embedQuery('租房补贴发放多久');
    const sims = docs.map((d) => cosine(q, d));
    expect(sims.indexOf(Math.max(...sims))).toBe(1);
  });

  it('treats traditional and full-width input as the simplified half-width text', async () => {
    const e = fitted();
    expect(cosine(await e.embedQuery('租房補貼'), await e.embedQuery('租房补贴'))).toBeCloseTo(1, 9);
    expect(cosine(await e.embedQuery('ＲＥＮＴ'), await e.embedQuery('rent'))).toBeCloseTo(1, 9);
  });

  it('drops query n-grams the corpus never contains, but not document ones', () => {
    const e = fitted();
    const unseen = '明天天气晴';
    expect(e.embed(unseen, true).every((v) => v === 0)).toBe(true);
    expect(norm(e.embed(unseen, false))).toBeCloseTo(1, 9);
    // Adding unseen words to a query does not move it.
    expect(cosine(e.embed('租房补贴 明天天气晴', true), e.embed('租房补贴', true))).toBeCloseTo(1, 9);
  });

  it('keeps every n-gram before fitting', () => {
    const e = new HashedNgramEmbeddings({ dims: 64 });
    expect(norm(e.embed('明天天气晴', true))).toBeCloseTo(1, 9);
    expect(e.id).toBe('hashed-ngram-v1:64:unfitted');
  });

  it('changes its id with the corpus it was fitted on', () => {
    const a = fitted();
    const b = new HashedNgramEmbeddings({ dims: 256 });
    b.fit([...CORPUS, '新增一条人才公寓政策']);
    expect(a.id).toMatch(/^hashed-ngram-v1:256:[0-9a-f]{12}$/u);
    expect(b.id).not.toBe(a.id);
    expect(fitted().id).toBe(a.id);
  });

  it('round-trips its state: identical vectors and id', async () => {
    const e = fitted();
    const state = JSON.parse(JSON.stringify(e.toState())) as ReturnType<HashedNgramEmbeddings['toState']>;
    expect(state.dims).toBe(256);
    expect(state.docs).toBe(CORPUS.length);
    const restored = HashedNgramEmbeddings.fromState(state);
    expect(restored.id).toBe(e.id);
    expect(restored.dims).toBe(e.dims);
    expect(await restored.embedDocuments(CORPUS)).toEqual(await e.embedDocuments(CORPUS));
    for (const q of ['人才落护', '明天天气', 'rent']) expect(await restored.embedQuery(q)).toEqual(await e.embedQuery(q));
  });
});
