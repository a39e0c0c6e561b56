import { describe, expect, it } from 'vitest';
import { attachTranslations } from '../../src/knowledge/attach-translations.js';
import { loadCorpus } from '../../src/knowledge/loaders/load-corpus.js';
import { loadTranslations } from '../../src/knowledge/loaders/load-translations.js';
import { splitDocument } from '../../src/knowledge/split-articles.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const policy = '---\nid: p1\ntitle: 甲办法\n---\n\n总则说明。\n\n### 第一条 目的\n\n为了甲。\n\n### 第二条 补贴\n\n补贴10万元。\n\n### 第三条 附则\n\n自公布之日起施行。\n';
const guide = '---\nid: g9\ntitle: 甲办事指南\nkind: guide\n---\n\n## 一、适用对象\n\n甲。\n\n## 二、办理条件\n\n乙。\n';
const enPolicy = (articles: string): string => `---\nid: p1\ntitle: Measures A\nshortName: A\n---\n\n> Unofficial translation.\n\n# Measures A\n\nGeneral note.\n\n## Chapter I General\n\n${articles}`;

async function load(root: string) {
  const docs = await loadCorpus(root);
  const warnings: string[] = [];
  const translations = await loadTranslations(root, 'en', (p, m) => warnings.push(`${p}: ${m}`));
  const result = attachTranslations(docs, docs.flatMap((d) => splitDocument(d)), translations);
  return { ...result, fileWarnings: warnings, byKey: new Map(result.chunks.map((c) => [c.key, c])) };
}

describe('attachTranslations', () => {
  const tempDir = useTempDirs();

  it('attaches the translated article and section with the same key, and the preamble to the document key', async () => {
    const root = await tempDir({
      'p1.md': policy,
      'g9.md': guide,
      'translations/en/p1.md': enPolicy('### Article 1 Purpose\n\nFor A.\n\n### Article 2 Subsidy\n\nA subsidy of RMB 100,000.\n\n### Article 3 Supplementary\n\nIn force on publication.\n'),
      'translations/en/g9.md': '---\nid: g9\ntitle: Guide A\n---\n\n# Guide A\n\n## 1. Who It Is For\n\nA.\n\n## 2. Conditions\n\n1. B.\n2. C.\n',
    });
    const { byKey, warnings, fileWarnings } = await load(root);
    expect(warnings).toEqual([]);
    expect(fileWarnings).toEqual([]);
    expect(byKey.get('p1-2')?.en).toEqual({ title: 'Measures A', shortName: 'A', heading: 'Article 2 Subsidy', text: 'A subsidy of RMB 100,000.' });
    expect(byKey.get('p1-2')?.text).toBe('补贴10万元。');
    expect(byKey.get('p1')?.en?.text).toBe('General note.');
    expect(byKey.get('g9-2')?.en).toMatchObject({ title: 'Guide A', heading: '2. Conditions', text: '1. B.\n2. C.' });
  });

  it('leaves chunks without a translation file untranslated', async () => {
    const root = await tempDir({ 'p1.md': policy, 'g9.md': guide, 'translations/en/g9.md': '---\ntitle: Guide A\n---\n## 1. Who\n\nA.\n\n## 2. Conditions\n\nB.\n' });
    const { byKey, warnings } = await load(root);
    expect(warnings).toEqual([]);
    expect(byKey.get('p1-1')?.en).toBeUndefined();
    expect('en' in (byKey.get('p1-2') ?? {})).toBe(false);
    // Without an id in the front matter the file name names the document.
    expect(byKey.get('g9-1')?.en?.text).toBe('A.');
  });

  it('warns about keys only one side has and never moves text to another key', async () => {
    const root = await tempDir({
      'p1.md': policy,
      // Article 2 is numbered 4 by mistake: its words must not land on p1-2 (or anywhere).
      'translations/en/p1.md': enPolicy('### Article 1 Purpose\n\nFor A.\n\n### Article 4 Subsidy\n\nA subsidy of RMB 100,000.\n\n### Article 3 Supplementary\n\nIn force.\n'),
    });
    const { byKey, warnings } = await load(root);
    expect(warnings).toEqual([
      { path: 'translations/en/p1.md', message: expect.stringContaining('p1-4') },
      { path: 'translations/en/p1.md', message: expect.stringContaining('no translation of p1-2') },
    ]);
    expect(byKey.get('p1-2')?.en).toBeUndefined();
    expect(byKey.get('p1-1')?.en?.text).toBe('For A.');
    expect(byKey.get('p1-3')?.en?.text).toBe('In force.');
  });

  it('warns about a translation of an unknown document and about an unreadable translation, and loads the rest', async () => {
    const root = await tempDir({
      'p1.md': policy,
      'translations/en/zz.md': '---\nid: zz\ntitle: Nothing\n---\n### Article 1 X\n\nx\n',
      'translations/en/p1.md': '---\ntitle: [broken\n---\n### Article 1 X\n',
    });
    const { warnings, fileWarnings, chunks } = await load(root);
    expect(warnings).toEqual([{ path: 'translations/en/zz.md', message: expect.stringContaining('no document with id "zz"') }]);
    expect(fileWarnings).toEqual([expect.stringContaining('translations/en/p1.md')]);
    expect(chunks.every((c) => c.en === undefined)).toBe(true);
  });

  it('translates every article and section of the sample corpus with matching keys', async () => {
    const { chunks, warnings, fileWarnings } = await load('policies');
    expect(warnings).toEqual([]);
    expect(fileWarnings).toEqual([]);
    expect(chunks.filter((c) => !c.en).map((c) => c.key)).toEqual([]);
    const rent = chunks.find((c) => c.key === 'qt25-6');
    expect(rent?.en?.heading).toBe('Article 6 Rent Subsidy');
    expect(rent?.en?.text).toContain("RMB 20,000 a year for a master's degree");
  });
});
