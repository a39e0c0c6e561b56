import { createHash, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors.js';
import { loadDocument, SUPPORTED_EXTENSIONS } from '../../../src/knowledge/loaders/load-document.js';
import { minimalDocx } from '../../helpers/docx.js';
import { minimalPdf } from '../../helpers/pdf.js';
import { useTempDirs } from '../../helpers/temp-dir.js';

const MARKDOWN = `---\r
id: qt25\r
title: 《钱塘区人才新政25条》\r
shortName: 人才新政25条\r
effective: 2024-05-01\r
---\r
\r
# 钱塘区人才新政25条   \r
\r
\r
\r
第一条 为集聚人才，制定本政策。\r
`;

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    if (AppError.isInstance(err)) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}

describe('loadDocument', () => {
  const tempDir = useTempDirs();

  it('lists the supported extensions', () => {
    expect([...SUPPORTED_EXTENSIONS].sort()).toEqual(['.docx', '.htm', '.html', '.markdown', '.md', '.pdf', '.txt']);
  });

  it('loads Markdown with front matter: meta, normalised body, relative path and hash', async () => {
    const root = await tempDir({ 'policies/qt25.md': MARKDOWN });
    const abs = path.join(root, 'policies', 'qt25.md');
    const doc = await loadDocument(abs, root);
    expect(doc.meta).toEqual({
      id: 'qt25',
      title: '钱塘区人才新政25条',
      shortName: '人才新政25条',
      status: 'current',
      kind: 'policy',
      effective: '2024-05-01',
    });
    expect(doc.body).toBe('# 钱塘区人才新政25条\n\n第一条 为集聚人才，制定本政策。');
    expect(doc.path).toBe('policies/qt25.md');
    expect(doc.hash).toBe(createHash('sha256').update(await readFile(abs)).update(JSON.stringify(doc.meta)).digest('hex'));
  });

  it('changes the hash when only a sidecar changes the metadata', async () => {
    const root = await tempDir({ 'notice.txt': '通知\n第一条 正文。', 'notice.meta.yaml': 'id: n1\ntitle: 通知\nstatus: current\n' });
    const before = await loadDocument(path.join(root, 'notice.txt'), root);
    await writeFile(path.join(root, 'notice.meta.yaml'), 'id: n1\ntitle: 通知\nstatus: superseded\n');
    const after = await loadDocument(path.join(root, 'notice.txt'), root);
    expect(after.meta.status).toBe('superseded');
    expect(after.hash).not.toBe(before.hash);
  });

  it('derives metadata for a text file without front matter', async () => {
    const root = await tempDir({ 'G02_安家补贴.txt': '《钱塘区人才安家补贴办事指南》\n一、适用对象\n' });
    const doc = await loadDocument(path.join(root, 'G02_安家补贴.txt'), root);
    expect(doc.meta).toEqual({ id: 'g02', title: '钱塘区人才安家补贴办事指南', status: 'current', kind: 'guide' });
  });

  it('loads a .docx with one line per paragraph', async () => {
    const docx = minimalDocx([{ text: '人才新政实施细则', heading: 1 }, '第一条 总则。', '第二条 适用范围。']);
    const root = await tempDir({ 'xz01.docx': docx });
    const doc = await loadDocument(path.join(root, 'xz01.docx'), root);
    expect(doc.body).toBe('人才新政实施细则\n第一条 总则。\n第二条 适用范围。');
    expect(doc.meta).toMatchObject({ id: 'xz01', title: '人才新政实施细则', kind: 'policy' });
  });

  it('loads a PDF, with a sidecar providing its metadata', async () => {
    const root = await tempDir({
      'Official.PDF': minimalPdf(['Talent Policy', 'Article 1 Housing.', 'Article 2 Grants.']),
      'Official.meta.yaml': 'id: qt24\ntitle: 钱塘区人才新政（2024）\nstatus: superseded\nsupersededBy: qt25\nexpires: 2024-04-30\n',
    });
    const doc = await loadDocument(path.join(root, 'Official.PDF'), root);
    expect(doc.body).toBe('Talent Policy\nArticle 1 Housing.\nArticle 2 Grants.');
    expect(doc.meta).toEqual({
      id: 'qt24',
      title: '钱塘区人才新政（2024）',
      status: 'superseded',
      supersededBy: 'qt25',
      expires: '2024-04-30',
      kind: 'policy',
    });
  });

  it('lets a sidecar override Markdown front matter', async () => {
    const root = await tempDir({ 'qt25.md': MARKDOWN, 'qt25.md.meta.yml': 'status: superseded\n' });
    const doc = await loadDocument(path.join(root, 'qt25.md'), root);
    expect(doc.meta).toMatchObject({ id: 'qt25', status: 'superseded', effective: '2024-05-01' });
  });

  it('loads HTML, taking the title from the page', async () => {
    const html = '<html><head><title>人才认定办法</title></head><body><nav>菜单</nav><p>第一条 甲</p><p>第二条 乙</p></body></html>';
    const root = await tempDir({ 'rd.html': html });
    const doc = await loadDocument(path.join(root, 'rd.html'), root);
    expect(doc.meta.title).toBe('人才认定办法');
    expect(doc.body).toBe('第一条 甲\n第二条 乙');
  });

  it('rejects an unsupported extension', async () => {
    const root = await tempDir({ 'old.doc': 'x' });
    const err = await failure(loadDocument(path.join(root, 'old.doc'), root));
    expect(err.code).toBe('unsupported_format');
    expect(err.message).toContain('old.doc');
  });

  it.each([
    ['empty.md', ''],
    ['blank.txt', ' \r\n\u3000\n\n'],
    ['only-front-matter.md', '---\nid: x\n---\n'],
  ])('rejects %s as document_empty', async (name, content) => {
    const root = await tempDir({ [name]: content });
    expect((await failure(loadDocument(path.join(root, name), root))).code).toBe('document_empty');
  });

  it('wraps a parse failure as document_unreadable with the cause', async () => {
    const root = await tempDir({ 'broken.docx': randomBytes(256) });
    const err = await failure(loadDocument(path.join(root, 'broken.docx'), root));
    expect(err.code).toBe('document_unreadable');
    expect(err.message).toContain('broken.docx');
    expect(err.cause).toBeInstanceOf(Error);
  });

  it('reports a missing file as document_unreadable', async () => {
    const root = await tempDir();
    expect((await failure(loadDocument(path.join(root, 'gone.md'), root))).code).toBe('document_unreadable');
  });

  it('reports invalid metadata naming the file and the field', async () => {
    const root = await tempDir({ 'x.md': '---\nstatus: repealed\n---\n正文' });
    const err = await failure(loadDocument(path.join(root, 'x.md'), root));
    expect(err.code).toBe('invalid_metadata');
    expect(err.message).toMatch(/x\.md.*"status"/);
  });
});
