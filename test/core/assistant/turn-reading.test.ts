import { describe, expect, it } from 'vitest';
import { caseFacts, namesTalentClass, topPassageOf } from '../../../src/core/assistant/turn-reading.js';
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
