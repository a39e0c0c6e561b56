import { describe, expect, it } from 'vitest';
import { conversationFocus, isSubstantive, rankTopicKeys } from '../../../src/core/assistant/summarize-conversation.js';
import type { StoredMessage } from '../../../src/core/ports/conversation-store.js';
import { teamFor } from '../../../src/handoff/routing.js';
import { useServices } from '../../helpers/services.js';

const at = '2026-11-27T04:00:00.000Z';
const user = (text: string): StoredMessage => ({ role: 'user', text, at });
const bot = (text: string, keys: string[] = []): StoredMessage => ({ role: 'assistant', text, at, keys });

describe('isSubstantive', () => {
  it.each(['转人工', '人工', '我要找人工客服', '请帮我联系专员，谢谢', 'talk to a human please', '好的'])('"%s" only asks for a person', (text) => {
    expect(isSubstantive(text)).toBe(false);
  });
  it.each(['我的生活补贴申请被退回了，转人工', '硕士生活补贴多少钱', 'my living subsidy application was rejected'])('"%s" says something', (text) => {
    expect(isSubstantive(text)).toBe(true);
  });
});

describe('conversationFocus', () => {
  it('after a bare 转人工 the question is the last substantive one and the cited articles come along', () => {
    const history = [user('租房补贴怎么申请'), bot('……', ['qt25-6']), user('我的生活补贴申请被退回了'), bot('……', ['qt25-5', 'g02-3'])];
    const focus = conversationFocus(history, '转人工');
    expect(focus).toEqual({ question: '我的生活补贴申请被退回了', query: '我的生活补贴申请被退回了', fromHistory: true, substantive: true, cited: ['qt25-5', 'g02-3', 'qt25-6'] });
  });

  it('a message that carries its own question is the question; the search leaves out the request for a person', () => {
    const focus = conversationFocus([], '我的生活补贴申请被退回了，转人工');
    expect(focus).toMatchObject({ question: '我的生活补贴申请被退回了，转人工', query: '我的生活补贴申请被退回了', fromHistory: false, cited: [] });
  });

  it('with nothing substantive anywhere the question is what was said', () => {
    expect(conversationFocus([user('你好'), bot('您好')], '转人工')).toMatchObject({ question: '转人工', fromHistory: false, substantive: false });
  });

  it('only recent messages count', () => {
    const old = [user('人才公寓怎么申请'), bot('……', ['qt25-7'])];
    const filler = [user('好的'), bot('……'), user('嗯'), bot('……'), user('谢谢'), bot('……')];
    expect(conversationFocus([...old, ...filler], '转人工')).toMatchObject({ question: '转人工', cited: [] });
  });
});

describe('rankTopicKeys', () => {
  it('what the bot cited outweighs a loose search result; the search orders the rest', () => {
    expect(rankTopicKeys(['qt25-5', 'g02-3'], ['qt25-24', 'g07-3', 'qt25-5'])).toEqual(['qt25-5', 'g02-3', 'qt25-24', 'g07-3']);
    expect(rankTopicKeys([], ['qt25-24', 'g02-3'])).toEqual(['qt25-24', 'g02-3']);
  });
});

describe('handoff after 转人工 with the real corpus', () => {
  const fx = useServices();
  const lastRequest = () => fx.handoff.requests.at(-1);

  it('"我的生活补贴申请被退回了，转人工" goes to 补贴兑现 with the living-subsidy article in the summary', async () => {
    await fx.dialogue('我的生活补贴申请被退回了，转人工');
    const req = lastRequest();
    expect(teamFor(req?.keys ?? [], req?.reason ?? 'user_request')).toBe('补贴兑现');
    expect(req?.summary.question).toBe('我的生活补贴申请被退回了，转人工');
    expect(req?.summary.articles.join(' ')).toMatch(/qt25-5|g02/u);
  });

  it('a subsidy question then "我的申请被退回了，转人工" goes to 补贴兑现, never 海外人才', async () => {
    await fx.dialogue('硕士生活补贴多少钱', '我的申请被退回了，转人工');
    const req = lastRequest();
    expect(teamFor(req?.keys ?? [], req?.reason ?? 'user_request')).toBe('补贴兑现');
    expect(req?.summary.articles[0]).toMatch(/^qt25-5 /u);
  });

  it('a bare 转人工 with nothing said before goes to 综合, not wherever a search for the words lands', async () => {
    await fx.dialogue('转人工');
    const req = lastRequest();
    expect(req?.keys).toEqual([]);
    expect(teamFor(req?.keys ?? [], req?.reason ?? 'user_request')).toBe('综合');
  });

  it('a bare 转人工 after a subsidy question summarises that question, not "转人工"', async () => {
    await fx.dialogue('硕士生活补贴多少钱', '转人工');
    const req = lastRequest();
    expect(req?.summary.question).toBe('硕士生活补贴多少钱');
    expect(teamFor(req?.keys ?? [], req?.reason ?? 'user_request')).toBe('补贴兑现');
  });
});
