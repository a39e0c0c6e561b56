import { describe, expect, it } from 'vitest';
import { caseFacts, namesTalentClass, readMessage, topPassageOf } from '../../../src/core/assistant/turn-reading.js';
import type { KnowledgeAnswer } from '../../../src/core/ports/knowledge-port.js';

describe('caseFacts', () => {
  it('keeps only the facts that pick a case among figures', () => {
    expect(caseFacts({ degree: 'master', age: 30, category: 'B' })).toEqual({ degree: 'master', category: 'B' });
    expect(caseFacts({})).toEqual({});
  });
});

describe('namesTalentClass', () => {
  it('is true for a category, a title or a skill grade, not for a degree alone', () => {
    expect(namesTalentClass({ category: 'D' })).toBe(true);
    expect(namesTalentClass({ degree: 'phd' })).toBe(false);
  });
});

describe('topPassageOf', () => {
  it('is the first result with its document title and heading, or undefined with no results', () => {
    const search = { results: [{ key: 'qt25-6', chunk: { docTitle: '人才新政25条', heading: '第六条 租房补贴', text: '给予租房补贴' } }] } as unknown as KnowledgeAnswer;
    expect(topPassageOf(search)).toBe('人才新政25条 第六条 租房补贴 给予租房补贴');
    expect(topPassageOf({ results: [] } as unknown as KnowledgeAnswer)).toBeUndefined();
  });
});

describe('readMessage', () => {
  const anyTopic = (): boolean => true;
  it('asks without what the message sets aside, and tells all but what is disowned', () => {
    const r = readMessage('我是博士 公司新建了博士后工作站 给站里补多少(不是问博士后个人的)', anyTopic);
    expect(r.asked).toBe('我是博士 公司新建了博士后工作站 给站里补多少');
    expect(r.told).toBe('我是博士 公司新建了博士后工作站 给站里补多少');
    const held = readMessage('我E类 安家补贴在领 人才卡是金卡还是银卡', anyTopic);
    expect(held.asked).toBe('我E类 人才卡是金卡还是银卡');
    // The benefit being paid is a fact of the person's.
    expect(held.told).toContain('安家补贴在领');
  });
});
