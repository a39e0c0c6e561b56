import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadDocx } from '../../../src/knowledge/loaders/docx.js';
import { minimalDocx } from '../../helpers/docx.js';

describe('loadDocx', () => {
  it('keeps headings and paragraphs as separate lines', async () => {
    const docx = minimalDocx([
      { text: '钱塘区人才新政实施细则', heading: 1 },
      { text: '第一章 总则', heading: 2 },
      '第一条 为吸引和集聚人才，制定本细则。',
      '第二条 本细则适用于在钱塘区工作的人才 & 团队。',
    ]);
    const { body } = await loadDocx(docx);
    expect(body.split('\n')).toEqual([
      '钱塘区人才新政实施细则',
      '第一章 总则',
      '第一条 为吸引和集聚人才，制定本细则。',
      '第二条 本细则适用于在钱塘区工作的人才 & 团队。',
    ]);
  });

  it('throws on bytes that are not a .docx', async () => {
    await expect(loadDocx(randomBytes(512))).rejects.toThrow();
  });
});
