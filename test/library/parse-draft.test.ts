import { describe, expect, it } from 'vitest';
import { checkFileType, MAX_UPLOAD_BYTES } from '../../src/library/file-type.js';
import { parseDraft } from '../../src/library/parse-draft.js';
import type { DocumentMeta } from '../../src/knowledge/types.js';
import { minimalDocx } from '../helpers/docx.js';
import { minimalPdf } from '../helpers/pdf.js';
import { QT25_MD } from './qt25-sample.js';

const codes = (ws: { code: string }[]): string[] => ws.map((w) => w.code);

describe('parseDraft', () => {
  it('splits a DOCX and warns about a skipped article number, keeping the current metadata', async () => {
    const data = minimalDocx([
      { text: '钱塘区测试人才政策', heading: 1 },
      { text: '第一条 目的', heading: 2 }, '为集聚人才，制定本政策。',
      { text: '第二条 生活补贴', heading: 2 }, '博士给予10万元生活补贴。',
      { text: '第四条 租房补贴', heading: 2 }, '硕士每年2万元。',
    ]);
    const base: DocumentMeta = { id: 'qt99', title: '旧标题', issuer: '钱塘区人民政府', status: 'current', kind: 'policy', effective: '2024-01-01' };
    const draft = await parseDraft({ data, fileName: 'new.docx', documentId: 'qt99', base });
    expect(draft.doc.meta).toMatchObject({ id: 'qt99', title: '钱塘区测试人才政策', issuer: '钱塘区人民政府', effective: '2024-01-01', kind: 'policy' });
    expect(draft.chunks.map((c) => c.key)).toEqual(['qt99', 'qt99-1', 'qt99-2', 'qt99-4']);
    expect(draft.articles).toBe(3);
    expect(draft.warnings).toEqual([expect.objectContaining({ code: 'article_skipped', key: 'qt99-4', message: expect.stringContaining('第3条') })]);
  });

  it('warns about a repeated article, an empty article and a figure without a unit', async () => {
    const text = ['---', 'id: qt98', 'title: 测试政策', 'kind: policy', '---', '第一条 总则', '', '本政策适用于全区。', '', '第二条 补贴', '', '对博士给予补贴5，硕士给予3万元。', '', '第二条 重复', '', '重复的条文。', '', '第三条 空条', '', '第四条 附则', '', '自发布之日起施行。'].join('\n');
    const draft = await parseDraft({ data: Buffer.from(text), fileName: 'qt98.md' });
    expect(codes(draft.warnings).sort()).toEqual(['article_empty', 'article_repeated', 'figure_without_unit']);
    expect(draft.warnings.find((w) => w.code === 'figure_without_unit')?.message).toContain('5');
    expect(draft.warnings.find((w) => w.code === 'article_empty')?.key).toBe('qt98-3');
  });

  it('reads the sample policy without warnings, its metadata from the front matter', async () => {
    const draft = await parseDraft({ data: Buffer.from(QT25_MD), fileName: 'qt25.md' });
    expect(draft.doc.meta).toMatchObject({ id: 'qt25', shortName: '人才新政25条', status: 'current', expires: '2027-09-30' });
    expect(draft.articles).toBe(25);
    expect(draft.warnings).toEqual([]);
  });

  it('keeps a table of an HTML page as text of its article', async () => {
    const html = '<html><head><title>测试补贴标准</title></head><body><h1>测试补贴标准</h1><p>第一条 标准</p>' +
      '<table><tr><th>学历</th><th>金额</th></tr><tr><td>博士</td><td>10万元</td></tr><tr><td>硕士</td><td>3万元</td></tr></table>' +
      '<p>第二条 附则</p><p>本标准自发布之日起施行。</p></body></html>';
    const draft = await parseDraft({ data: Buffer.from(html), fileName: 'qt97.html' });
    expect(draft.doc.meta.title).toBe('测试补贴标准');
    const first = draft.chunks.find((c) => c.key === 'qt97-1');
    expect(first?.text).toContain('博士');
    expect(first?.text).toContain('10万元');
    expect(draft.chunks.map((c) => c.key)).toContain('qt97-2');
  });

  it('reads a PDF, and warns when most of a large PDF has no text layer', async () => {
    const pdf = minimalPdf(['Article 1 Purpose', 'Talent policy text for the test.']);
    const ok = await parseDraft({ data: pdf, fileName: 'qt96.pdf', overrides: { title: 'Test policy' } });
    expect(ok.doc.body).toContain('Talent policy text');
    expect(codes(ok.warnings)).not.toContain('pdf_text_missing');
    // The same text in a file of 80 KB (say, scanned pages beside it): far too little text for its size.
    const padded = Buffer.concat([pdf, Buffer.from(`\n%${' '.repeat(80_000)}\n`)]);
    const scanned = await parseDraft({ data: padded, fileName: 'qt96.pdf', overrides: { title: 'Test policy' } });
    expect(codes(scanned.warnings)).toContain('pdf_text_missing');
  });

  it('rejects metadata that does not validate, naming the field', async () => {
    const text = '---\nid: qt95\ntitle: 测试\neffective: 2025-01-01\nexpires: 2024-01-01\n---\n第一条 总则\n内容。';
    await expect(parseDraft({ data: Buffer.from(text), fileName: 'qt95.md' })).rejects.toMatchObject({ code: 'bad_request', message: expect.stringContaining('expires') });
  });
});

describe('checkFileType', () => {
  it('checks the bytes, not the name', () => {
    expect(checkFileType(minimalDocx(['第一条 内容']), 'a.docx')).toBe('.docx');
    expect(checkFileType(minimalPdf(['x']), 'a.pdf')).toBe('.pdf');
    expect(() => checkFileType(Buffer.from('第一条 文本'), 'a.docx')).toThrow(expect.objectContaining({ code: 'unsupported_media_type' }));
    expect(() => checkFileType(minimalDocx(['x']), 'a.pdf')).toThrow(expect.objectContaining({ code: 'unsupported_media_type' }));
    expect(() => checkFileType(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 1]), 'a.txt')).toThrow(expect.objectContaining({ code: 'unsupported_media_type' }));
    expect(() => checkFileType(Buffer.from('x'), 'a.exe')).toThrow(expect.objectContaining({ code: 'unsupported_media_type' }));
    expect(() => checkFileType(Buffer.alloc(MAX_UPLOAD_BYTES + 1, 0x61), 'a.txt')).toThrow(expect.objectContaining({ code: 'payload_too_large' }));
  });
});
