import { describe, expect, it } from 'vitest';
import { loadMarkdown } from '../../../src/knowledge/loaders/markdown.js';

const SOURCE = `---
id: qt25
title: 《钱塘区人才新政25条》
effective: 2024-05-01
basis: [qt20-3]
---

# 钱塘区人才新政25条

第一条 为集聚人才……
`;

describe('loadMarkdown', () => {
  it('splits front matter off and keeps the Markdown body', async () => {
    const { body, frontMatter } = await loadMarkdown(Buffer.from(SOURCE));
    expect(body).toContain('# 钱塘区人才新政25条\n\n第一条 为集聚人才……');
    expect(body).not.toContain('effective');
    expect(frontMatter?.id).toBe('qt25');
    // js-yaml turns an unquoted date into a Date; resolve-meta normalises it later.
    expect(frontMatter?.effective).toBeInstanceOf(Date);
    expect(frontMatter?.basis).toEqual(['qt20-3']);
  });

  it('finds front matter after a BOM and with CRLF line ends', async () => {
    const { frontMatter } = await loadMarkdown(Buffer.from(`\uFEFF${SOURCE.replace(/\n/g, '\r\n')}`));
    expect(frontMatter?.id).toBe('qt25');
  });

  it('returns no front matter for a plain Markdown file', async () => {
    const result = await loadMarkdown(Buffer.from('# 标题\n\n正文'));
    expect(result).toEqual({ body: '# 标题\n\n正文' });
  });

  it('returns independent objects for identical files (gray-matter cache is bypassed)', async () => {
    const a = await loadMarkdown(Buffer.from(SOURCE));
    const b = await loadMarkdown(Buffer.from(SOURCE));
    (a.frontMatter as Record<string, unknown>).id = 'changed';
    expect(b.frontMatter?.id).toBe('qt25');
  });

  it('reports broken YAML as invalid_metadata', async () => {
    await expect(loadMarkdown(Buffer.from('---\nid: [unclosed\n---\nbody'))).rejects.toMatchObject({
      code: 'invalid_metadata',
    });
  });

  it('rejects front matter that is not a mapping', async () => {
    await expect(loadMarkdown(Buffer.from('---\n- a\n- b\n---\nbody'))).rejects.toMatchObject({ code: 'invalid_metadata' });
  });
});
