import { describe, expect, it } from 'vitest';
import { loadPlainText } from '../../../src/knowledge/loaders/plain-text.js';

describe('loadPlainText', () => {
  it('returns a bare text file as is, without front matter', async () => {
    const result = await loadPlainText(Buffer.from('钱塘区人才安家补贴办事指南\n一、适用对象\n'));
    expect(result).toEqual({ body: '钱塘区人才安家补贴办事指南\n一、适用对象\n' });
  });

  it('reads optional front matter', async () => {
    const { body, frontMatter } = await loadPlainText(Buffer.from('---\nid: g02\nkind: guide\n---\n一、适用对象'));
    expect(frontMatter).toEqual({ id: 'g02', kind: 'guide' });
    expect(body.trim()).toBe('一、适用对象');
  });

  it('decodes a GBK file', async () => {
    // 第一条 人才 in GBK
    const gbk = Buffer.from([0xb5, 0xda, 0xd2, 0xbb, 0xcc, 0xf5, 0x20, 0xc8, 0xcb, 0xb2, 0xc5]);
    expect((await loadPlainText(gbk)).body).toBe('第一条 人才');
  });

  it('leaves a "---" rule that is not at the top alone', async () => {
    const { body, frontMatter } = await loadPlainText(Buffer.from('标题\n---\n正文'));
    expect(frontMatter).toBeUndefined();
    expect(body).toBe('标题\n---\n正文');
  });
});
