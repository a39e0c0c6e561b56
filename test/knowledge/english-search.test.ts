import { describe, expect, it } from 'vitest';
import { offlineEmbedderProvider } from '../../src/knowledge/embedder-provider.js';
import { createEnglishTokenizer, stemEnglish } from '../../src/knowledge/english-tokenizer.js';
import { createGlossary } from '../../src/knowledge/glossary.js';
import { openKnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { createJiebaTokenizer } from '../../src/knowledge/tokenizer.js';
import { useCorpusCopies, type CorpusFixture } from '../helpers/kb-fixture.js';

// No English glossary entries: English questions can reach the texts only through the translations.
const glossary = createGlossary({ zh: {} });
const tokenizer = createJiebaTokenizer({ extraWords: ['租房补贴', '生活补贴', '青年大学生'] });
const FILES = ['qt25.md', 'qt21.md', 'guides/g01.md', 'guides/g02.md', 'guides/g03.md', 'guides/g12.md'];
const TRANSLATIONS = ['qt25', 'qt21', 'g01', 'g02', 'g03', 'g12'].map((id) => `translations/en/${id}.md`);

const open = (fx: CorpusFixture) =>
  openKnowledgeBase({ policiesDir: fx.policiesDir, indexDir: fx.indexDir, embedder: offlineEmbedderProvider(256), tokenizer, glossary, ef: 64, topK: 5 });

describe('English tokenizer', () => {
  it('folds plurals, verb endings and British/American spellings, and drops stop words and small numbers', () => {
    const t = createEnglishTokenizer();
    expect(t.terms("What subsidies can a master's graduate get for 3 years?")).toEqual(t.terms('subsidy master graduates year'));
    expect(stemEnglish('recognized')).toBe(stemEnglish('recognised'));
    expect(stemEnglish('renting')).toBe(stemEnglish('rent'));
    expect(stemEnglish('children')).toBe(stemEnglish('child'));
    expect(t.terms('RMB 100,000 in 2022')).toEqual(['rmb', '100000', '2022']);
    expect(t.terms('钱塘人才卡')).toEqual([]);
  });
});

describe('English questions search the translations', () => {
  const corpus = useCorpusCopies();

  it('finds the article by its English words, with the translation and not without it', async () => {
    const withEn = await open(await corpus([...FILES, ...TRANSLATIONS]));
    const without = await open(await corpus(FILES));
    const q = "rent subsidy for a master's graduate";
    expect((await withEn.search(q)).results[0]?.key).toBe('qt25-6');
    expect((await without.search(q)).results.slice(0, 3).map((r) => r.key)).not.toContain('qt25-6');

    const r = await withEn.search('Who can act as a talent recommender?');
    expect(r.results.slice(0, 3).map((x) => x.key)).toEqual(expect.arrayContaining([expect.stringMatching(/^(qt25-8|g12)/u)]));
  });

  it('credits a procedural question to the asked section of the guide its words name', async () => {
    const kb = await open(await corpus([...FILES, ...TRANSLATIONS]));
    const r = await kb.search('How long does the District Talent Office take to review a recommendation letter?');
    expect(r.results[0]?.key).toBe('g12-5');
  });

  it('leaves Chinese questions as they were', async () => {
    const withEn = await open(await corpus([...FILES, ...TRANSLATIONS]));
    const without = await open(await corpus(FILES));
    for (const q of ['硕士租房补贴每年多少', '举才官举荐要多久', 'B类人才安家补贴']) {
      const a = await withEn.search(q);
      const b = await without.search(q);
      expect(a.results.map((x) => x.key)).toEqual(b.results.map((x) => x.key));
      expect(a.confidence).toBe(b.confidence);
    }
  });

  it('gives an off-topic English question low confidence', async () => {
    const kb = await open(await corpus([...FILES, ...TRANSLATIONS]));
    const off = await kb.search("What's the weather like in Hangzhou tomorrow?");
    const on = await kb.search("What is the rent subsidy for a master's degree?");
    expect(off.confidence).toBeLessThan(on.confidence - 0.2);
  });
});
