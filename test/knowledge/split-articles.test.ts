import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../../src/knowledge/loaders/load-document.js';
import { splitDocument } from '../../src/knowledge/split-articles.js';
import type { Chunk, DocumentMeta, SourceDocument } from '../../src/knowledge/types.js';

const POLICIES = path.resolve('policies');
const load = (rel: string): Promise<SourceDocument> => loadDocument(path.join(POLICIES, rel), POLICIES);

function doc(body: string, meta: Partial<DocumentMeta> = {}): SourceDocument {
  return { meta: { id: 'tp', title: '测试办法', kind: 'policy', status: 'current', ...meta }, body, path: 'tp.txt', hash: 'h' };
}

const keysOf = (chunks: readonly Chunk[]): string[] => chunks.map((c) => c.key);
const byKey = (chunks: readonly Chunk[], key: string): Chunk => {
  const found = chunks.find((c) => c.key === key);
  if (!found) throw new Error(`no chunk ${key} in ${keysOf(chunks).join(',')}`);
  return found;
};
const HEADING_LINE = /^\s*(?:#{1,6}\s*)?(?:\*\*)?第[零〇一二两三四五六七八九十百千\d]+条/mu;

describe('splitDocument on qt25.md (人才新政25条)', async () => {
  const qt25 = await load('qt25.md');
  const chunks = splitDocument(qt25);

  it('gives qt25-1..qt25-25 exactly once each, plus at most a preamble keyed qt25', () => {
    const articleKeys = keysOf(chunks).filter((k) => k !== 'qt25');
    expect(articleKeys).toEqual(Array.from({ length: 25 }, (_, i) => `qt25-${i + 1}`));
    expect(keysOf(chunks).filter((k) => k === 'qt25').length).toBeLessThanOrEqual(1);
    expect(new Set(chunks.map((c) => c.id)).size).toBe(chunks.length);
  });

  it('numbers the articles and keeps their headings', () => {
    expect(byKey(chunks, 'qt25-5').heading).toBe('第五条 青年大学生生活补贴');
    expect(byKey(chunks, 'qt25-5').number).toBe(5);
    expect(byKey(chunks, 'qt25-6').heading).toBe('第六条 租房补贴');
    expect(byKey(chunks, 'qt25-25').heading).toBe('第二十五条 附则');
    expect(byKey(chunks, 'qt25-5').text).toContain('本科1万元、硕士3万元、博士10万元');
    expect(byKey(chunks, 'qt25-5').text).not.toContain('第五条');
  });

  it('records the chapter of each article', () => {
    expect(byKey(chunks, 'qt25-1').chapter).toBe('第一章 总则');
    expect(byKey(chunks, 'qt25-5').chapter).toBe('第二章 人才引进与安居保障');
    expect(byKey(chunks, 'qt25-25').chapter).toBe('第七章 附则');
    const chapters = new Set(chunks.filter((c) => c.key !== 'qt25').map((c) => c.chapter));
    expect(chapters).toEqual(
      new Set(['第一章 总则', '第二章 人才引进与安居保障', '第三章 引才机制创新', '第四章 创新创业支持', '第五章 专项人才支持', '第六章 服务保障', '第七章 附则']),
    );
  });

  it('never lets a chunk contain a second article heading or a chapter heading', () => {
    for (const c of chunks) {
      expect(HEADING_LINE.test(c.text), `${c.id}: ${c.text.slice(0, 60)}`).toBe(false);
      expect(/^#+\s*第.+章/mu.test(c.text), c.id).toBe(false);
    }
  });

  it('carries document metadata on every chunk', () => {
    for (const c of chunks) {
      expect(c).toMatchObject({ docId: 'qt25', kind: 'policy', status: 'current', effective: '2022-10-01', expires: '2027-09-30', shortName: '人才新政25条' });
      expect(c.supersededBy).toBeUndefined();
      expect(c.part).toBe(1);
      expect(c.parts).toBe(1);
    }
  });

  it('keeps the sample caveat and the title heading out of the preamble', () => {
    const preamble = chunks.find((c) => c.key === 'qt25');
    if (preamble) {
      expect(preamble.number).toBe(0);
      expect(preamble.text).not.toContain('示例文本');
      expect(preamble.text).not.toMatch(/^#/mu);
    }
  });
});

describe('splitDocument on qt21.md (superseded)', () => {
  it('marks every chunk superseded by qt25 and keys qt21-1..qt21-21', async () => {
    const chunks = splitDocument(await load('qt21.md'));
    expect(keysOf(chunks).filter((k) => k !== 'qt21')).toEqual(Array.from({ length: 21 }, (_, i) => `qt21-${i + 1}`));
    for (const c of chunks) expect(c).toMatchObject({ status: 'superseded', supersededBy: 'qt25', expires: '2022-09-30' });
    // The repeal notice is a block quote, i.e. metadata, not a passage.
    for (const c of chunks) expect(c.text).not.toContain('本政策已于2022年9月30日废止');
  });
});

describe('splitDocument on guides', () => {
  it('splits g02 into its six numbered sections', async () => {
    const chunks = splitDocument(await load('guides/g02.md'));
    expect(keysOf(chunks).filter((k) => k !== 'g02')).toEqual(['g02-1', 'g02-2', 'g02-3', 'g02-4', 'g02-5', 'g02-6']);
    expect(byKey(chunks, 'g02-1').heading).toBe('一、适用对象');
    expect(byKey(chunks, 'g02-3').heading).toBe('三、申请材料');
    for (const c of chunks) expect(c.kind).toBe('guide');
  });

  it('keeps numbered list items "1." inside their section', async () => {
    const chunks = splitDocument(await load('guides/g02.md'));
    const materials = byKey(chunks, 'g02-3');
    expect(materials.text).toMatch(/^1\. 毕业证书。/u);
    expect(materials.text).toContain('5. 本人名下的银行卡');
    expect(chunks.length).toBeLessThanOrEqual(7);
  });

  it('keeps "1." items in a section when the sections themselves are "## 1." headings', () => {
    const body = ['## 1. 适用对象', '新引进人才。', '', '## 2. 申请材料', '1. 毕业证书。', '2. 劳动合同。', '3. 社保记录。', '', '## 3. 办理时限', '30个工作日。'].join('\n');
    const chunks = splitDocument(doc(body, { id: 'gx', kind: 'guide' }));
    expect(keysOf(chunks)).toEqual(['gx-1', 'gx-2', 'gx-3']);
    expect(byKey(chunks, 'gx-2').heading).toBe('2. 申请材料');
    expect(byKey(chunks, 'gx-2').text).toBe('1. 毕业证书。\n2. 劳动合同。\n3. 社保记录。');
  });

  it('gives every guide g01..g12 its six sections', async () => {
    for (let i = 1; i <= 12; i++) {
      const id = `g${String(i).padStart(2, '0')}`;
      const chunks = splitDocument(await load(`guides/${id}.md`));
      expect(keysOf(chunks).filter((k) => k !== id), id).toEqual([1, 2, 3, 4, 5, 6].map((n) => `${id}-${n}`));
    }
  });
});

describe('splitDocument on plain text', () => {
  it('splits "第五条　对……" (text on the heading line) and "第十二条【标题】正文"', () => {
    const body = [
      '钱塘区人才测试办法',
      '第一条　为了测试，制定本办法。',
      '第五条　对新引进的青年大学生给予生活补贴。',
      '补贴一次性发放。',
      '第十二条【租房补贴】每月发放租房补贴。',
      '第十三条 附则',
      '本办法自发布之日起施行。',
    ].join('\n');
    const chunks = splitDocument(doc(body));
    expect(keysOf(chunks).filter((k) => k !== 'tp')).toEqual(['tp-1', 'tp-5', 'tp-12', 'tp-13']);
    expect(byKey(chunks, 'tp-5').heading).toBe('第五条');
    expect(byKey(chunks, 'tp-5').text).toBe('对新引进的青年大学生给予生活补贴。\n补贴一次性发放。');
    expect(byKey(chunks, 'tp-12').heading).toBe('第十二条 租房补贴');
    expect(byKey(chunks, 'tp-12').text).toBe('每月发放租房补贴。');
    expect(byKey(chunks, 'tp-13').heading).toBe('第十三条 附则');
    expect(byKey(chunks, 'tp-13').text).toBe('本办法自发布之日起施行。');
  });

  it('reads Arabic and full-width article numbers', () => {
    const chunks = splitDocument(doc('第1条 总则\n正文一。\n第２条 范围\n正文二。\n第105条 附则\n正文三。'));
    expect(keysOf(chunks)).toEqual(['tp-1', 'tp-2', 'tp-105']);
  });

  it('does not start an article at "第三条规定的……" inside article 10', () => {
    const body = ['第九条 前文', '正文。', '第十条 人才认定', '符合条件的给予认定。', '第三条规定的人才，按本条执行。', '第十一条 附则', '施行。'].join('\n');
    const chunks = splitDocument(doc(body));
    expect(keysOf(chunks)).toEqual(['tp-9', 'tp-10', 'tp-11']);
    expect(byKey(chunks, 'tp-10').text).toBe('符合条件的给予认定。\n第三条规定的人才，按本条执行。');
  });

  it('does not start an article at a forward reference "第十五条规定的……" inside article 2', () => {
    const body = ['第一条　为了测试，制定本办法。', '第二条　适用于全区人才。', '第十五条规定的人才除外。', '第三条　对新引进人才给予补贴。', '第四条　本办法自发布之日起施行。'].join('\n');
    const chunks = splitDocument(doc(body));
    expect(keysOf(chunks)).toEqual(['tp-1', 'tp-2', 'tp-3', 'tp-4']);
    expect(byKey(chunks, 'tp-2').text).toBe('适用于全区人才。\n第十五条规定的人才除外。');
  });

  it('turns a document without articles into one chunk keyed by the document id', () => {
    const chunks = splitDocument(doc('关于做好人才服务工作的通知\n\n各单位：请认真做好人才服务工作。\n\n特此通知。', { id: 'notice' }));
    expect(chunks).toHaveLength(1);
    expect(chunks[0]).toMatchObject({ id: 'notice', key: 'notice', number: 0, heading: '测试办法', part: 1, parts: 1 });
    expect(chunks[0]?.text).toContain('特此通知。');
  });
});

describe('splitDocument on a long article', () => {
  const paragraphs = Array.from({ length: 8 }, (_, i) => `第${i + 1}款：${'对符合条件的人才给予补贴，'.repeat(5)}具体按规定执行。`);
  const body = ['第一条 总则', '短文。', '第二条 补贴标准', ...paragraphs.flatMap((p) => [p, '']), '第三条 附则', '施行。'].join('\n');
  const maxChars = 200;
  const chunks = splitDocument(doc(body), { maxChars });
  const parts = chunks.filter((c) => c.key === 'tp-2');

  it('splits it into parts that keep the article key and number the parts', () => {
    expect(parts.length).toBeGreaterThan(1);
    parts.forEach((c, i) => {
      expect(c).toMatchObject({ key: 'tp-2', id: `tp-2#${i + 1}`, part: i + 1, parts: parts.length, heading: '第二条 补贴标准', number: 2 });
      expect(c.text.length).toBeLessThanOrEqual(maxChars);
    });
    expect(keysOf(chunks.filter((c) => c.key !== 'tp-2'))).toEqual(['tp-1', 'tp-3']);
    expect(byKey(chunks, 'tp-1').id).toBe('tp-1');
  });

  it('cuts at paragraph (款) boundaries and loses no text', () => {
    for (const c of parts) for (const piece of c.text.split('\n\n')) expect(paragraphs).toContain(piece);
    expect(parts.flatMap((c) => c.text.split('\n\n'))).toEqual(paragraphs);
  });

  it('cuts a single over-long paragraph at sentence ends', () => {
    const sentence = '对符合条件的人才给予补贴。';
    const long = sentence.repeat(40);
    const split = splitDocument(doc(`第一条 补贴\n${long}`), { maxChars: 100 });
    expect(split.length).toBeGreaterThan(1);
    for (const c of split) {
      expect(c.key).toBe('tp-1');
      expect(c.text.length).toBeLessThanOrEqual(100);
      expect(c.text.replace(/\n/gu, '').endsWith('。')).toBe(true);
    }
    expect(split.map((c) => c.text.replace(/\n/gu, '')).join('')).toBe(long);
  });
});
