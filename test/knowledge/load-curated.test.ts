import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.js';
import { loadCuratedAnswers } from '../../src/knowledge/load-curated.js';
import { REPO_ROOT } from '../helpers/services.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const VALID = `
- id: faq-a
  lang: zh
  questions: [现在执行的是哪个人才政策, 钱塘人才21条还有效吗]
  keys: [qt25-25]
  answer: |
    钱塘区现行人才政策为“人才新政25条”。[qt25-25]

- id: faq-b
  questions: [Where do I apply online?]
  keys: [qt25-23, g01-4]
  answer: Online at 钱塘人才全息场. [qt25-23]
`;

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (AppError.isInstance(err)) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}

describe('loadCuratedAnswers', () => {
  const tempDir = useTempDirs();

  it('loads a valid file: answers trimmed, lang defaulting to zh', async () => {
    const dir = await tempDir({ 'faq.yaml': VALID });
    expect(await loadCuratedAnswers(path.join(dir, 'faq.yaml'))).toEqual([
      { id: 'faq-a', lang: 'zh', questions: ['现在执行的是哪个人才政策', '钱塘人才21条还有效吗'], keys: ['qt25-25'], answer: '钱塘区现行人才政策为“人才新政25条”。[qt25-25]' },
      { id: 'faq-b', lang: 'zh', questions: ['Where do I apply online?'], keys: ['qt25-23', 'g01-4'], answer: 'Online at 钱塘人才全息场. [qt25-23]' },
    ]);
  });

  it('loads the product seeds (seeds/faq.yaml), each answer citing keys', async () => {
    const answers = await loadCuratedAnswers(path.join(REPO_ROOT, 'seeds', 'faq.yaml'));
    expect(answers.length).toBeGreaterThan(0);
    for (const a of answers) {
      expect(a.keys.length).toBeGreaterThan(0);
      for (const key of a.keys) expect(a.answer).toContain(`[${key}]`);
    }
    expect(new Set(answers.map((a) => a.id)).size).toBe(answers.length);
  });

  it('a missing file means no curated answers', async () => {
    const dir = await tempDir();
    expect(await loadCuratedAnswers(path.join(dir, 'nope.yaml'))).toEqual([]);
  });

  it('an empty file means no curated answers', async () => {
    const dir = await tempDir({ 'faq.yaml': '# nothing yet\n' });
    expect(await loadCuratedAnswers(path.join(dir, 'faq.yaml'))).toEqual([]);
  });

  it.each([
    ['not a list', 'id: faq-a\nanswer: x\n'],
    ['no questions', '- id: a\n  questions: []\n  keys: [qt25-1]\n  answer: x\n'],
    ['no keys', '- id: a\n  questions: [q]\n  answer: x\n'],
    ['empty answer', '- id: a\n  questions: [q]\n  keys: [qt25-1]\n  answer: ""\n'],
    ['bad lang', '- id: a\n  lang: fr\n  questions: [q]\n  keys: [qt25-1]\n  answer: x\n'],
    ['empty id', '- id: ""\n  questions: [q]\n  keys: [qt25-1]\n  answer: x\n'],
  ])('an invalid file (%s) is AppError curated_invalid naming the file', async (_what, yaml) => {
    const dir = await tempDir({ 'faq.yaml': yaml });
    const file = path.join(dir, 'faq.yaml');
    const err = await rejection(loadCuratedAnswers(file));
    expect(err.code).toBe('curated_invalid');
    expect(err.message).toContain(file);
  });

  // Suspected bug: a YAML syntax error escapes as the yaml library's YAMLParseError (load-rules wraps it as rules_invalid).
  it('a file that is not valid YAML is AppError curated_invalid too', async () => {
    const dir = await tempDir({ 'faq.yaml': '- id: a\n  questions: [q\n  keys: [x]\n' });
    const err = await rejection(loadCuratedAnswers(path.join(dir, 'faq.yaml')));
    expect(err.code).toBe('curated_invalid');
  });

  it('a folder where the file should be is not "missing": it rethrows', async () => {
    const dir = await tempDir({ 'faq.yaml/inner.txt': 'x' });
    await expect(loadCuratedAnswers(path.join(dir, 'faq.yaml'))).rejects.toMatchObject({ code: 'EISDIR' });
  });
});
