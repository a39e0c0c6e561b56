import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { parseEvalFile } from '../../src/core/evaluation/eval-item.js';
import { jiebaWordFrequency } from '../../src/knowledge/common-words.js';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { openKnowledgeBaseFromConfig } from '../../src/knowledge/open-from-config.js';
import { toCorpusCharacters } from '../../src/knowledge/text-normalize.js';

// Dev items whose question was written with a typo say so in their id (…-typo, …-homophone, t-hom-…,
// t-vis-…); every other question must come out as typed, apart from width and traditional characters.
const TYPO_ID = /typo|homophone|^t-(hom|vis)-|^t-trad-hom-/u;

describe('the canonical form of a question over the real corpus', () => {
  let dataDir: string;
  let kb: KnowledgeBase;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'qxz-canonical-'));
    kb = await openKnowledgeBaseFromConfig(parseConfig({ DATA_DIR: dataDir }));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('reads traditional and full-width characters as the corpus writes them, keeping case and punctuation', () => {
    expect(kb.canonical('碩士租房補貼一年多少錢？')).toEqual({ text: '硕士租房补贴一年多少钱?', repairs: [] });
    expect(kb.canonical('Ｃ類人才安家補貼').text).toBe('C类人才安家补贴');
  });

  it('repairs input-method typos towards the corpus vocabulary and says what it repaired', () => {
    const cases: [string, string, string][] = [
      ['省级博士后工做站给多少钱', '省级博士后工作站给多少钱', '工作站'],
      ['技帅引进能拿多少补贴', '技师引进能拿多少补贴', '技师'],
      ['硕士租房补帖一年多少', '硕士租房补贴一年多少', '补贴'],
      ['社宝交满几个月才能申请生活补贴', '社保交满几个月才能申请生活补贴', '社保'],
      ['博士租房補帖一年多少', '博士租房补贴一年多少', '补贴'],
    ];
    for (const [typed, canonical, word] of cases) {
      const c = kb.canonical(typed);
      expect(c.text, typed).toBe(canonical);
      expect(c.repairs.length, typed).toBe(1);
      expect(c.repairs[0]?.to, typed).toContain(word);
    }
  });

  it('leaves every dev question without a typo as typed (but for width and script), and repairs only towards corpus words', async () => {
    const dir = path.resolve('seeds/eval');
    const files = (await readdir(dir)).filter((f) => f.endsWith('.jsonl'));
    const items = (await Promise.all(files.map(async (f) => parseEvalFile(await readFile(path.join(dir, f), 'utf8'), f)))).flat();
    const corpusWord = (w: string): boolean => kb.state().lexical.documentFrequency(w) > 0;
    let repaired = 0;
    for (const item of items) {
      for (const q of [...item.history, item.question]) {
        const c = kb.canonical(q);
        if (!TYPO_ID.test(item.id)) {
          expect(c.text, `${item.id}: ${q}`).toBe(toCorpusCharacters(q));
          continue;
        }
        for (const r of c.repairs) {
          // A repair starts from what is no word and ends on a word of the corpus.
          expect(corpusWord(r.to), `${item.id}: ${r.to}`).toBe(true);
          expect(corpusWord(r.from) || jiebaWordFrequency(r.from) >= 20, `${item.id}: ${r.from}`).toBe(false);
          expect(c.text.slice(r.at, r.at + r.to.length)).toBe(r.to);
        }
        if (c.repairs.length > 0) repaired += 1;
      }
    }
    // Most typo questions are repaired (a few are left alone on purpose, e.g. a typo that is a word).
    const typoQuestions = items.filter((i) => TYPO_ID.test(i.id)).length;
    expect(repaired).toBeGreaterThanOrEqual(Math.floor(typoQuestions * 0.7));
  });

  it('rebuilds the vocabulary with the index: a reload gives a canonicalizer of the new state', async () => {
    const before = kb.state().canonical;
    await kb.reload({ force: true });
    expect(kb.state().canonical).not.toBe(before);
    expect(kb.canonical('技帅引进').text).toBe('技师引进');
  });
});
