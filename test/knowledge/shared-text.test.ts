import { describe, expect, it } from 'vitest';
import { sharedTextShares, shingles } from '../../src/knowledge/shared-text.js';
import { makeChunk } from '../helpers/chunks.js';

const closing = '1. 线下窗口：区人才服务中心。2. 线上办理：“钱塘人才全息场”。3. 咨询电话：0571-8XXXXXXX。';
const guide = (docId: string, subject: string) => [
  makeChunk(`${docId}-2`, { kind: 'guide', docId, heading: '二、办理条件', number: 2, text: `申请${subject}的，应在区内全职工作并缴纳社保。` }),
  makeChunk(`${docId}-6`, { kind: 'guide', docId, heading: '六、办理地点与咨询', number: 6, text: closing }),
];

describe('sharedTextShares', () => {
  const chunks = [
    ...guide('g01', '高层次人才认定'),
    ...guide('g02', '青年大学生生活补贴'),
    ...guide('g03', '租房补贴'),
    ...guide('g04', '安家补贴'),
    makeChunk('qt25-23', { heading: '第二十三条 人才安居乐业一件事', text: '人才可通过“钱塘人才全息场”在线提交申请、查询进度。' }),
  ];
  const shares = sharedTextShares(chunks);

  it('finds the closing section every guide repeats almost wholly shared', () => {
    for (const id of ['g01-6', 'g02-6', 'g03-6', 'g04-6']) expect(shares.get(id)).toBeGreaterThan(0.95);
  });

  it('finds passages with their own content mostly their own', () => {
    expect(shares.get('qt25-23')).toBeLessThan(0.5);
    expect(shares.get('g02-2')).toBeLessThan(0.8);
  });

  it('finds nothing shared in a corpus of too few documents to repeat anything', () => {
    expect(Math.max(...sharedTextShares(guide('g01', '人才认定').concat(guide('g02', '租房补贴'))).values())).toBe(0);
  });

  it('reads a large corpus from a sample of its documents, and still finds what they all repeat', () => {
    const subjects = ['人才认定', '生活补贴', '租房补贴', '安家补贴', '人才公寓', '子女入学', '人才落户', '人才卡'];
    const many = Array.from({ length: 300 }, (_, i) => guide(`d${i}`, `${subjects[i % subjects.length] ?? ''}第${i}批`)).flat();
    const big = sharedTextShares(many);
    expect(big.size).toBe(600);
    expect(big.get('d0-6')).toBeGreaterThan(0.95);
    expect(big.get('d299-6')).toBeGreaterThan(0.95);
    expect(big.get('d150-2')).toBeLessThan(0.8);
  });
});

describe('shingles', () => {
  it('cuts the normalised text without white space into distinct four-character pieces', () => {
    expect([...shingles('人才 公寓人才公寓')]).toEqual(['人才公寓', '才公寓人', '公寓人才', '寓人才公']);
    expect([...shingles('ＡＢ cd')]).toEqual(['abcd']);
    expect(shingles('人才').size).toBe(0);
  });

  it('counts a character outside the basic plane as one character', () => {
    expect([...shingles('𠀀人才公寓')]).toEqual(['𠀀人才公', '人才公寓']);
  });
});
