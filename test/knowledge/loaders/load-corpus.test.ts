import { randomBytes } from 'node:crypto';
import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../src/core/errors.js';
import { loadCorpus } from '../../../src/knowledge/loaders/load-corpus.js';
import { minimalDocx } from '../../helpers/docx.js';
import { minimalPdf } from '../../helpers/pdf.js';
import { useTempDirs } from '../../helpers/temp-dir.js';

const md = (id: string, title: string): string => `---\nid: ${id}\ntitle: ${title}\n---\n第一条 ${title}`;

describe('loadCorpus', () => {
  const tempDir = useTempDirs();

  it('loads every supported file recursively, sorted by path, skipping non-documents', async () => {
    const root = await tempDir({
      'b.md': md('b', '乙'),
      'a.txt': '甲办法\n第一条 甲',
      'guides/g01.docx': minimalDocx(['人才落户办事指南', '一、对象']),
      'guides/g02.html': '<title>安家补贴办事指南</title><p>一、对象</p>',
      'scan.pdf': minimalPdf(['Article 1']),
      'scan.meta.yaml': 'id: scan\ntitle: 扫描件\n',
      'rules/eligibility.md': md('rule', '规则'),
      'translations/en/b.md': '---\nid: b\ntitle: B\n---\nArticle 1 B',
      '_draft.md': md('draft', '草稿'),
      '.hidden.md': md('hidden', '隐藏'),
      '.git/x.md': md('git', 'git'),
      'README.md': '# 说明',
      'logo.png': randomBytes(16),
    });
    const docs = await loadCorpus(root);
    expect(docs.map((d) => d.path)).toEqual(['a.txt', 'b.md', 'guides/g01.docx', 'guides/g02.html', 'scan.pdf']);
    expect(docs.map((d) => d.meta.id)).toEqual(['a', 'b', 'g01', 'g02', 'scan']);
    expect(docs.map((d) => d.meta.kind)).toEqual(['policy', 'policy', 'guide', 'guide', 'policy']);
  });

  it('reports a corrupt file through onError and still loads the others', async () => {
    const root = await tempDir({
      'a.md': md('a', '甲'),
      'broken.docx': randomBytes(300),
      'empty.txt': '',
      'z.md': md('z', '乙'),
    });
    const errors: [string, AppError][] = [];
    const docs = await loadCorpus(root, { onError: (file, err) => errors.push([file, err]) });
    expect(docs.map((d) => d.meta.id)).toEqual(['a', 'z']);
    expect(errors.map(([file, err]) => [file, err.code])).toEqual([
      ['broken.docx', 'document_unreadable'],
      ['empty.txt', 'document_empty'],
    ]);
  });

  it('throws the first error when no onError is given', async () => {
    const root = await tempDir({ 'a.md': md('a', '甲'), 'broken.docx': randomBytes(300) });
    await expect(loadCorpus(root)).rejects.toMatchObject({ code: 'document_unreadable' });
  });

  it('refuses two files with the same id, even with onError', async () => {
    const root = await tempDir({ 'one/qt25.md': md('qt25', '甲'), 'two/qt25.txt': '乙\n正文' });
    await expect(loadCorpus(root, { onError: () => undefined })).rejects.toMatchObject({
      code: 'duplicate_document_id',
      message: expect.stringMatching(/one\/qt25\.md.*two\/qt25\.txt/),
    });
  });

  it('reports a dangling symlink through onError instead of aborting the walk', async () => {
    const root = await tempDir({ 'a.md': md('a', '甲') });
    await symlink(path.join(root, 'missing.md'), path.join(root, 'link.md'));
    const errors: string[] = [];
    const docs = await loadCorpus(root, { onError: (file) => errors.push(file) });
    expect(docs).toHaveLength(1);
    expect(errors).toEqual(['link.md']);
  });

  it('returns nothing for an empty folder', async () => {
    expect(await loadCorpus(await tempDir())).toEqual([]);
  });
});
