import { describe, expect, it } from 'vitest';
import { analyseQuestion } from '../../../src/core/analysis/question-analysis.js';
import { guideFor, namesTopic, partTopic, topicNames, turnParts, withCase } from '../../../src/core/answer/part-topic.js';
import type { Passage } from '../../../src/core/ports/knowledge-port.js';
import { g02_3, qt25_5, qt25_6 } from '../../helpers/passages.js';

const qt25_22: Passage = { ...qt25_5, key: 'qt25-22', number: 22, heading: '第二十二条 人才落户', text: '全日制博士学历（不限年龄）的人才，在区内就业的，可直接落户。' };
const g06_5: Passage = { ...g02_3, key: 'g06-5', docId: 'g06', docTitle: '人才落户办事指南', shortName: '人才落户指南', basis: ['qt25-22'], heading: '五、办理时限', number: 5, text: '自受理之日起5个工作日内办结。' };
const g06_1: Passage = { ...g06_5, key: 'g06-1', number: 1, heading: '一、适用对象' };
const g01_5: Passage = { ...g02_3, key: 'g01-5', docId: 'g01', docTitle: '高层次人才分类认定办事指南', shortName: '人才分类认定指南', basis: ['qt25-2'], heading: '五、办理时限', number: 5, text: '自受理之日起20个工作日内出结果。' };
const corpus = new Map([qt25_5, qt25_6, qt25_22, g06_1, g06_5, g01_5].map((p) => [p.key, [p]]));
// The sample corpus numbers its articles qt25-1 to qt25-25 without gaps.
const filler = (key: string): Passage[] => (/^qt25-\d+$/u.test(key) && Number(key.slice(5)) <= 25 ? [{ ...qt25_5, key, heading: '第一条 目的依据', text: '' }] : []);
const lookup = (key: string): Passage[] => corpus.get(key) ?? filler(key);

describe('topicNames', () => {
  it('names a topic also without the 人才 heading it (落户 for 人才落户) and by its first and last words (人才认定)', () => {
    expect(topicNames('人才落户')).toContain('落户');
    expect(topicNames('人才分类认定')).toContain('人才认定');
  });

  it('does not name a benefit by the 补贴 every benefit ends in', () => {
    expect(topicNames('租房补贴')).not.toContain('补贴');
    expect(topicNames('青年大学生生活补贴')).toContain('生活补贴');
  });
});

describe('partTopic', () => {
  it('keeps the top passage for a part naming its topic', () => {
    expect(partTopic('租房补贴一年多少', qt25_6, [qt25_6, qt25_5], lookup)).toBe(qt25_6);
  });

  it('answers a part about another benefit from the retrieved passage about it', () => {
    expect(partTopic('生活补贴多少', qt25_6, [qt25_6, qt25_5], lookup)).toBe(qt25_5);
  });

  it('finds the article of a topic retrieval missed among the articles of the same document', () => {
    expect(partTopic('博士落户有没有年龄限制', qt25_6, [qt25_6], lookup)?.key).toBe('qt25-22');
  });

  it('keeps the top passage for a benefit it provides itself (the 生活补贴 of the 博士后 article)', () => {
    const postdoc: Passage = { ...qt25_5, key: 'qt25-13', number: 13, heading: '第十三条 博士后', text: '对进站博士后给予生活补贴，每人每年10万元，最长2年。' };
    expect(partTopic('博后进站生活补贴多少', postdoc, [postdoc, qt25_5], lookup)).toBe(postdoc);
  });

  it('answers a service the top passage only lists (子女入学 among the card services) from its own article', () => {
    const card: Passage = { ...qt25_5, key: 'qt25-19', number: 19, heading: '第十九条 钱塘人才卡', text: '持卡人才凭卡享受就医绿色通道、子女入学等服务。' };
    const school: Passage = { ...qt25_5, key: 'qt25-20', number: 20, heading: '第二十条 子女入学', text: '高层次人才子女入学由教育部门统筹协调安排。' };
    expect(partTopic('孩子上学怎么安排 子女入学', card, [card, school], lookup)).toBe(school);
  });

  it('leaves a part naming no topic to the topic of the question', () => {
    expect(partTopic('一年多少', qt25_6, [qt25_6, qt25_5], lookup)).toBeUndefined();
  });

  it('names a guide by its subject: 人才认定 is the guide of 人才分类认定', () => {
    expect(namesTopic('人才认定多久出结果', g01_5)).toBe(true);
  });
});

describe('guideFor', () => {
  it('finds the guide implementing an article when retrieval brought none of it', () => {
    expect(guideFor(qt25_22, [qt25_6], lookup)).toBe('g06');
  });
});

describe('withCase', () => {
  it('carries the case named once to a later part naming none', () => {
    expect(withCase('房补一年多少', '硕士：生活补贴多少')).toBe('硕士 房补一年多少');
    expect(withCase('博士呢', '硕士生活补贴多少')).toBe('博士呢');
  });

  it('does not carry a title naming the subject of one article (特级教师) to a part about something else', () => {
    expect(withCase('名师工作室一年多少活动经费', '特级教师安家补贴多少')).toBe('名师工作室一年多少活动经费');
  });
});

describe('turnParts', () => {
  it('keeps the part this turn asks again of another case', () => {
    const parts = turnParts(analyseQuestion('本科租房补贴一年多少钱 博士呢'), '博士呢').parts;
    expect(parts.map((p) => p.text)).toEqual(['博士呢']);
  });
  it('keeps every part when the turn asks them all', () => {
    const q = '新引进高级技师补多少 技师呢';
    expect(turnParts(analyseQuestion(q), q).parts).toHaveLength(2);
  });
});
