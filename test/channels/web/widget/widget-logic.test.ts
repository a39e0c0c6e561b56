import { describe, expect, it } from 'vitest';
import { parseCitations, parseMessage } from '../../../../src/channels/web/widget/api-types.js';
import { reconnectDelay } from '../../../../src/channels/web/widget/live-events.js';
import { parseWidgetConfig } from '../../../../src/channels/web/widget/script-config.js';
import { SeqTracker } from '../../../../src/channels/web/widget/seq-tracker.js';
import { SseParser } from '../../../../src/channels/web/widget/sse-parser.js';
import { createConversationStorage, storageKey, type KeyValueStore } from '../../../../src/channels/web/widget/storage.js';
import { STRINGS } from '../../../../src/channels/web/widget/strings.js';

describe('SseParser', () => {
  it('parses events across chunk boundaries, CRLF and CR line ends, comments and multi-line data', () => {
    const p = new SseParser();
    const out = [
      ...p.push(': ping\r\n\r\nevent: delta\r'),
      ...p.push('\ndata: {"text":"a"}\r\n\r\nid: 7\nevent: message\ndata: line1\ndata:line2\n'),
      ...p.push('\nretry: 3000\rdata: x\r\r'),
      ...p.end(),
    ];
    expect(out).toEqual([
      { event: 'delta', data: '{"text":"a"}', id: undefined },
      { event: 'message', data: 'line1\nline2', id: '7' },
      { event: 'message', data: 'x', id: '7' },
    ]);
    expect(p.retry).toBe(3000);
    expect(p.lastEventId).toBe('7');
  });

  it('does not dispatch an unterminated event or one without data', () => {
    const p = new SseParser();
    expect(p.push('event: done\n\n')).toEqual([]);
    expect(p.push('event: done\ndata: {}')).toEqual([]);
    expect(p.push('\n\n')).toEqual([{ event: 'done', data: '{}', id: undefined }]);
  });
});

describe('parseMessage', () => {
  it('accepts the contract shape and rejects anything else', () => {
    const m = parseMessage({ id: 'm_1', seq: 3, role: 'officer', text: '您好', citations: [{ key: 'g02', title: 't' }, 5], handoff: { ticketNo: 4, reason: 'own_case' }, curated: true, createdAt: 'x' });
    expect(m).toEqual({ id: 'm_1', seq: 3, role: 'officer', text: '您好', citations: [{ key: 'g02', title: 't', article: '', quote: '', status: 'current' }], handoff: { ticketNo: 4, reason: 'own_case' }, curated: true, createdAt: 'x' });
    expect(parseMessage({ id: 'm_1', role: 'admin', text: 'x' })).toBeUndefined();
    expect(parseMessage({ role: 'bot', text: 'x' })).toBeUndefined();
    expect(parseMessage('m_1')).toBeUndefined();
  });
});

describe('parseCitations', () => {
  it('keeps a well-formed English translation and drops a malformed or empty one', () => {
    const base = { key: 'qt25-6', title: '标题', article: '第六条 租房补贴', quote: '硕士每年2万元', status: 'current' };
    const [ok, noQuote, notObject] = parseCitations([
      { ...base, en: { title: 'Policies', article: 'Article 6 Rent Subsidy', quote: 'RMB 20,000', extra: 'x' } },
      { ...base, en: { title: 'Policies', article: 'Article 6', quote: '' } },
      { ...base, en: 'Article 6' },
    ]);
    expect(ok?.en).toEqual({ title: 'Policies', article: 'Article 6 Rent Subsidy', quote: 'RMB 20,000' });
    expect(noQuote && 'en' in noQuote).toBe(false);
    expect(notObject && 'en' in notObject).toBe(false);
  });
});

describe('SeqTracker', () => {
  it('resumes from the highest seq below which nothing is missing', () => {
    const t = new SeqTracker();
    expect(t.resumeFrom()).toBeUndefined();
    t.seeAll([1, 2, 3]);
    expect(t.resumeFrom()).toBe('3');
    t.see(5); // 4 (the visitor's own message) never came back with a seq
    expect(t.resumeFrom()).toBe('3');
    t.see(4);
    expect(t.resumeFrom()).toBe('5');
  });

  it('resumes just below the lowest seq seen in a new conversation', () => {
    const t = new SeqTracker();
    t.see(2);
    t.see(3);
    expect(t.resumeFrom()).toBe('1');
  });
});

describe('reconnectDelay', () => {
  it('backs off exponentially from 1 s to a 30 s cap, with jitter', () => {
    expect(reconnectDelay(0, () => 1)).toBe(1000);
    expect(reconnectDelay(0, () => 0)).toBe(500);
    expect(reconnectDelay(3, () => 1)).toBe(8000);
    expect(reconnectDelay(20, () => 1)).toBe(30_000);
    expect(reconnectDelay(20, () => 0)).toBe(15_000);
  });
});

describe('parseWidgetConfig', () => {
  const page = 'https://www.example.gov.cn/news/1.html';
  it('uses the script origin as the API base by default', () => {
    expect(parseWidgetConfig({ title: ' 钱小智 ', lang: 'zh' }, 'https://qxz.example.cn/widget.js?v=1', page)).toEqual({
      apiBase: 'https://qxz.example.cn',
      title: '钱小智',
      lang: 'zh',
      openAtLoad: false,
    });
  });

  it('honours data-api (with a path prefix), data-lang and data-open', () => {
    const c = parseWidgetConfig({ api: 'https://api.example.cn/qxz/', lang: 'en-GB', open: 'true' }, 'https://cdn.example.cn/widget.js', page);
    expect(c).toMatchObject({ apiBase: 'https://api.example.cn/qxz', lang: 'en', openAtLoad: true, title: undefined });
    expect(parseWidgetConfig({ open: '' }, undefined, page)).toMatchObject({ apiBase: 'https://www.example.gov.cn', openAtLoad: true });
  });

  it('ignores a non-http data-api', () => {
    expect(parseWidgetConfig({ api: 'javascript:alert(1)' }, 'https://qxz.example.cn/widget.js', page).apiBase).toBe('https://qxz.example.cn');
  });
});

describe('createConversationStorage', () => {
  const memoryStore = (): KeyValueStore & { data: Map<string, string> } => {
    const data = new Map<string, string>();
    return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
  };

  it('keeps {id, token} per API base', () => {
    const store = memoryStore();
    createConversationStorage('https://a.example', store).save({ id: 'c_1', token: 't1' });
    expect(createConversationStorage('https://a.example', store).load()).toEqual({ id: 'c_1', token: 't1' });
    expect(createConversationStorage('https://b.example', store).load()).toBeUndefined();
    expect(store.data.get(storageKey('https://a.example'))).toBe('{"id":"c_1","token":"t1"}');
    createConversationStorage('https://a.example', store).clear();
    expect(store.data.size).toBe(0);
  });

  it('survives corrupt entries and a throwing localStorage', () => {
    const store = memoryStore();
    store.data.set(storageKey('x'), '{not json');
    expect(createConversationStorage('x', store).load()).toBeUndefined();
    const throwing: KeyValueStore = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceeded');
      },
      removeItem: () => undefined,
    };
    const s = createConversationStorage('x', throwing);
    s.save({ id: 'c_2', token: 't' });
    expect(s.load()).toEqual({ id: 'c_2', token: 't' });
  });
});

describe('STRINGS', () => {
  it('has the same keys and four quick questions in zh and en', () => {
    expect(Object.keys(STRINGS.en).sort()).toEqual(Object.keys(STRINGS.zh).sort());
    expect(STRINGS.zh.quickQuestions).toEqual(['硕士来钱塘有多少生活补贴？', '租房补贴要什么材料？', '新政和老政策有什么变化？', '我想找政府助才专员']);
    expect(STRINGS.en.quickQuestions).toHaveLength(4);
    expect(STRINGS.zh.officerLabel).toBe('政府助才专员');
    expect(STRINGS.zh.superseded).toBe('已废止');
    expect(STRINGS.en.superseded).toBe('superseded');
  });
});
