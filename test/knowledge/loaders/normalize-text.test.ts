import { describe, expect, it } from 'vitest';
import { collapseInline, decodeText, normalizeBody } from '../../../src/knowledge/loaders/normalize-text.js';

describe('normalizeBody', () => {
  it('strips the BOM, converts CRLF and CR, trims trailing spaces and collapses blank runs', () => {
    const raw = '\uFEFF\r\n第一条 总则。  \r\n\r\n\r\n\r\n第二条 适用范围。\t\r第三条\u3000\n\n\n';
    expect(normalizeBody(raw)).toBe('第一条 总则。\n\n第二条 适用范围。\n第三条');
  });

  it('keeps full-width punctuation and leading full-width indentation', () => {
    const raw = '\u3000\u3000（一）申请人应当：具有本科及以上学历；\n\u3000\u3000（二）……';
    expect(normalizeBody(raw)).toBe(raw);
  });

  it('keeps one blank line between paragraphs', () => {
    expect(normalizeBody('a\n\nb')).toBe('a\n\nb');
  });
});

describe('decodeText', () => {
  it('decodes UTF-8 with and without a BOM', () => {
    expect(decodeText(Buffer.from('人才新政'))).toBe('人才新政');
    expect(decodeText(Buffer.from('\uFEFF人才新政'))).toBe('人才新政');
  });

  it('falls back to GB18030 for GBK files', () => {
    // 第一条 人才 in GBK
    const gbk = Buffer.from([0xb5, 0xda, 0xd2, 0xbb, 0xcc, 0xf5, 0x20, 0xc8, 0xcb, 0xb2, 0xc5]);
    expect(decodeText(gbk)).toBe('第一条 人才');
  });

  it('decodes UTF-16LE with a BOM', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('第二条', 'utf16le')]);
    expect(decodeText(utf16)).toBe('第二条');
  });
});

describe('collapseInline', () => {
  it('collapses HTML whitespace and no-break spaces but keeps U+3000 inside a line', () => {
    expect(collapseInline('  第一条\u3000人才 \n\t 认定\u00a0\u00a0办法  ')).toBe('第一条\u3000人才 认定 办法');
  });
});
