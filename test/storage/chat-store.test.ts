import { beforeEach, describe, expect, it } from 'vitest';
import type { ConversationState } from '../../src/core/ports/conversation-store.js';
import type { Citation } from '../../src/core/types.js';
import { createChatStore, type ChatStore } from '../../src/storage/chat-store.js';
import { CHAT_MIGRATIONS } from '../../src/storage/chat-migrations.js';
import type { SqlDb } from '../../src/storage/sql-db.js';
import { STORE_BACKENDS, useTestStores, type TestStoreHandle } from '../helpers/store-backends.js';

const CITATION: Citation = { key: 'qt25-5', title: '杭州市钱塘区关于进一步加快人才集聚发展的若干政策', article: '第五条 青年大学生生活补贴', quote: '硕士3万元', status: 'current' };

describe.each(STORE_BACKENDS)('chat store on $name', ({ name, skip }) => {
const stores = useTestStores(name);
let handle: TestStoreHandle;
let db: SqlDb;
let store: ChatStore;
let clock: number;
const now = (): Date => new Date(Date.UTC(2026, 10, 27, 4, 0, clock++));

beforeEach(async ({ skip: skipTest }) => {
  if (skip) return skipTest();
  handle = await stores.create();
  db = await handle.open(CHAT_MIGRATIONS);
  clock = 0;
  store = createChatStore(db, now);
});

function state(id: string, overrides: Partial<ConversationState> = {}): ConversationState {
  return {
    id,
    channel: 'web',
    userId: 'widget',
    questions: ['硕士生活补贴多少'],
    recent: [
      { role: 'user', text: '硕士生活补贴多少', at: '2026-11-27T04:00:00.000Z' },
      { role: 'assistant', text: '3万元 [qt25-5]', at: '2026-11-27T04:00:01.000Z', keys: ['qt25-5'] },
    ],
    profile: { degree: 'master' },
    dissatisfiedStreak: 1,
    lastHandoff: { ticketNo: 3, reason: 'user_request', at: '2026-11-27T04:00:02.000Z' },
    ...overrides,
  };
}

describe('conversations and tokens', () => {
  it('creates a conversation with an id and a random token; only the hash is stored', async () => {
    const a = await store.createConversation({ channel: 'web', userId: 'widget', lang: 'zh' });
    const b = await store.createConversation({ channel: 'web', userId: 'widget', lang: 'en' });
    expect(a.id).toMatch(/^c_[\w-]{16}$/u);
    expect(a.token).toMatch(/^[\w-]{43}$/u);
    expect(a.id).not.toBe(b.id);
    expect(a.token).not.toBe(b.token);
    const row = (await db.get('SELECT * FROM conversations WHERE id = ?', [a.id])) as Record<string, string>;
    expect(row['token_hash']).toMatch(/^[0-9a-f]{64}$/u);
    expect(JSON.stringify(row)).not.toContain(a.token);
    expect(row).toMatchObject({ channel: 'web', user_id: 'widget', lang: 'zh', created_at: '2026-11-27T04:00:00.000Z' });
    expect(((await db.get('SELECT lang FROM conversations WHERE id = ?', [b.id])) as { lang: string }).lang).toBe('en');
  });

  it('verifyToken: right → true; wrong, another conversation’s, empty or unknown id → false', async () => {
    const a = await store.createConversation({ channel: 'web', userId: 'widget', lang: 'zh' });
    const b = await store.createConversation({ channel: 'web', userId: 'widget', lang: 'zh' });
    expect(await store.verifyToken(a.id, a.token)).toBe(true);
    expect(await store.verifyToken(a.id, `${a.token}x`)).toBe(false);
    expect(await store.verifyToken(a.id, a.token.slice(0, -1))).toBe(false);
    expect(await store.verifyToken(a.id, b.token)).toBe(false);
    expect(await store.verifyToken(a.id, '')).toBe(false);
    expect(await store.verifyToken('c_unknown', a.token)).toBe(false);
    expect(await store.exists(a.id)).toBe(true);
    expect(await store.exists('c_unknown')).toBe(false);
  });

  it('tokens survive reopening the database', async () => {
    const a = await store.createConversation({ channel: 'web', userId: 'widget', lang: 'zh' });
    await db.close();
    db = await handle.open(CHAT_MIGRATIONS);
    store = createChatStore(db, now);
    expect(await store.verifyToken(a.id, a.token)).toBe(true);
  });
});

describe('messages', () => {
  it('assigns seq 1..n per conversation, in order, with ids and createdAt', async () => {
    const a = await store.createConversation({ channel: 'web', userId: 'widget', lang: 'zh' });
    const b = await store.createConversation({ channel: 'web', userId: 'widget', lang: 'zh' });
    const m1 = await store.appendMessage(a.id, { role: 'user', text: '硕士生活补贴多少', citations: [] });
    const m2 = await store.appendMessage(a.id, { role: 'bot', text: '3万元 [qt25-5]', citations: [CITATION] });
    const n1 = await store.appendMessage(b.id, { role: 'user', text: '你好', citations: [] });
    const m3 = await store.appendMessage(a.id, { role: 'officer', text: '您好，我是专员', citations: [] });
    expect([m1.seq, m2.seq, m3.seq]).toEqual([1, 2, 3]);
    expect(n1.seq).toBe(1);
    expect(new Set([m1.id, m2.id, m3.id, n1.id]).size).toBe(4);
    for (const m of [m1, m2, m3]) expect(m.id).toMatch(/^m_[\w-]{16}$/u);
    expect(m1.createdAt < m2.createdAt && m2.createdAt < m3.createdAt).toBe(true);
    expect(await store.messages(a.id)).toEqual([m1, m2, m3]);
    expect(await store.messages(b.id)).toEqual([n1]);
  });

  it('round-trips citations, handoff and curated; omits them when absent', async () => {
    const a = await store.createConversation({ channel: 'web', userId: 'widget', lang: 'zh' });
    const plain = await store.appendMessage(a.id, { role: 'user', text: '转人工', citations: [] });
    const handed = await store.appendMessage(a.id, { role: 'bot', text: '工单 #4', citations: [CITATION], handoff: { ticketNo: 4, reason: 'user_request' }, curated: true });
    const [p, h] = await store.messages(a.id);
    expect(p).toEqual(plain);
    expect(p).not.toHaveProperty('handoff');
    expect(p).not.toHaveProperty('curated');
    expect(h).toEqual(handed);
    expect(h).toMatchObject({ citations: [CITATION], handoff: { ticketNo: 4, reason: 'user_request' }, curated: true });
    const notCurated = await store.appendMessage(a.id, { role: 'bot', text: 'x', citations: [], curated: false });
    expect(await store.message(a.id, notCurated.id)).not.toHaveProperty('curated');
  });

  it('messages after a seq, and one message by id within its conversation only', async () => {
    const a = await store.createConversation({ channel: 'web', userId: 'widget', lang: 'zh' });
    const b = await store.createConversation({ channel: 'web', userId: 'widget', lang: 'zh' });
    const ms = [];
    for (const text of ['一', '二', '三', '四']) ms.push(await store.appendMessage(a.id, { role: 'user', text, citations: [] }));
    expect((await store.messages(a.id, 2)).map((m) => m.text)).toEqual(['三', '四']);
    expect(await store.messages(a.id, 4)).toEqual([]);
    expect(await store.messages(a.id, 0)).toHaveLength(4);
    expect(await store.messages('c_unknown')).toEqual([]);
    expect(await store.message(a.id, ms[1]?.id ?? '')).toEqual(ms[1]);
    expect(await store.message(b.id, ms[1]?.id ?? '')).toBeUndefined();
    expect(await store.message(a.id, 'm_unknown')).toBeUndefined();
  });

  it('refuses a message for a conversation that does not exist', async () => {
    await expect(store.appendMessage('c_unknown', { role: 'user', text: 'x', citations: [] })).rejects.toThrow(/FOREIGN KEY|foreign key/u);
  });

  it('keeps text exactly (Markdown, HTML, emoji, newlines)', async () => {
    const a = await store.createConversation({ channel: 'web', userId: 'widget', lang: 'zh' });
    const text = '**粗体** <img src=x onerror=alert(1)> 😀\n第二行\t制表';
    await store.appendMessage(a.id, { role: 'user', text, citations: [] });
    expect((await store.messages(a.id))[0]?.text).toBe(text);
  });
});

describe('feedback', () => {
  it('records and replaces (upsert) the rating of a message', async () => {
    const a = await store.createConversation({ channel: 'web', userId: 'widget', lang: 'zh' });
    const bot = await store.appendMessage(a.id, { role: 'bot', text: '3万元', citations: [CITATION] });
    const rows = () => db.all('SELECT conversation_id, message_id, rating, comment, created_at FROM feedback');
    await store.saveFeedback({ conversationId: a.id, messageId: bot.id, rating: 'down', comment: '不清楚' });
    expect(await rows()).toEqual([{ conversation_id: a.id, message_id: bot.id, rating: 'down', comment: '不清楚', created_at: expect.any(String) }]);
    await store.saveFeedback({ conversationId: a.id, messageId: bot.id, rating: 'up' });
    expect(await rows()).toEqual([{ conversation_id: a.id, message_id: bot.id, rating: 'up', comment: null, created_at: expect.any(String) }]);
  });

  it('refuses feedback on a message that does not exist', async () => {
    const a = await store.createConversation({ channel: 'web', userId: 'widget', lang: 'zh' });
    await expect(store.saveFeedback({ conversationId: a.id, messageId: 'm_unknown', rating: 'down' })).rejects.toThrow(/FOREIGN KEY|foreign key/u);
  });
});

describe('ConversationStore (assistant memory)', () => {
  it('get of an unknown id, or of a conversation without state, is undefined', async () => {
    expect(await store.get('c_unknown')).toBeUndefined();
    const a = await store.createConversation({ channel: 'web', userId: 'widget', lang: 'zh' });
    expect(await store.get(a.id)).toBeUndefined();
  });

  it('save/get round-trips the state of a web conversation and leaves its token alone', async () => {
    const a = await store.createConversation({ channel: 'web', userId: 'widget', lang: 'zh' });
    const s = state(a.id);
    await store.save(s);
    expect(await store.get(a.id)).toEqual(s);
    expect(await store.verifyToken(a.id, a.token)).toBe(true);

    const changed = { ...s, dissatisfiedStreak: 0, pendingRules: ['life-allowance'] };
    await store.save(changed);
    expect(await store.get(a.id)).toEqual(changed);
    expect((await db.get('SELECT COUNT(*) AS n FROM conversations'))).toEqual({ n: 1 });
  });

  it('a state stored in the older shape (the last 20 messages) reads as its latest questions and messages', async () => {
    const a = await store.createConversation({ channel: 'web', userId: 'widget', lang: 'zh' });
    const messages = Array.from({ length: 20 }, (_, i) => ({ role: i % 2 === 0 ? 'user' as const : 'assistant' as const, text: `第${i}条`, at: '2026-11-27T04:00:00.000Z' }));
    const { questions: _q, recent: _r, ...rest } = state(a.id);
    await db.run('UPDATE conversations SET state_json = ? WHERE id = ?', [JSON.stringify({ ...rest, messages, lastCitations: [CITATION] }), a.id]);
    expect(await store.get(a.id)).toEqual({ ...rest, questions: messages.filter((m) => m.role === 'user').map((m) => m.text), recent: messages.slice(-8) });
  });

  it('state for an id with no conversation row (a WeChat user) creates the row, which no token opens', async () => {
    const id = 'wechat:wxid_abc123';
    const s = state(id, { channel: 'wechat', userId: 'wxid_abc123' });
    await store.save(s);
    expect(await store.get(id)).toEqual(s);
    expect(await store.exists(id)).toBe(true);
    const row = (await db.get('SELECT channel, user_id, token_hash FROM conversations WHERE id = ?', [id]));
    expect(row).toEqual({ channel: 'wechat', user_id: 'wxid_abc123', token_hash: '' });
    expect(await store.verifyToken(id, '')).toBe(false);
    expect(await store.verifyToken(id, 'anything')).toBe(false);
    // Its thread can be written (the officer console replies there).
    expect((await store.appendMessage(id, { role: 'officer', text: '您好', citations: [] })).seq).toBe(1);

    // Saving again updates the same row.
    await store.save({ ...s, dissatisfiedStreak: 2 });
    expect((await store.get(id))?.dissatisfiedStreak).toBe(2);
    expect((await db.get('SELECT COUNT(*) AS n FROM conversations WHERE id = ?', [id]))).toEqual({ n: 1 });
  });

  it('state survives reopening the database', async () => {
    const s = state('wechat:wxid_z', { channel: 'wechat', userId: 'wxid_z' });
    await store.save(s);
    await db.close();
    db = await handle.open(CHAT_MIGRATIONS);
    store = createChatStore(db, now);
    expect(await store.get(s.id)).toEqual(s);
  });
});

describe('commitTurn (a whole turn in one transaction)', () => {
  it('stores the state and appends the turn\'s messages after those already there', async () => {
    const a = await store.createConversation({ channel: 'web', userId: 'widget', lang: 'zh' });
    await store.appendMessage(a.id, { role: 'officer', text: '您好，我是专员', citations: [] });
    const s = state(a.id);
    const stored = await store.commitTurn(s, [
      { role: 'user', text: '硕士生活补贴多少', citations: [] },
      { role: 'bot', text: '3万元 [qt25-5]', citations: [CITATION], handoff: { ticketNo: 3, reason: 'user_request' }, curated: true },
    ]);
    expect(stored.map((m) => [m.seq, m.role])).toEqual([[2, 'user'], [3, 'bot']]);
    expect(await store.messages(a.id, 1)).toEqual(stored);
    expect(await store.get(a.id)).toEqual(s);
    expect(await store.verifyToken(a.id, a.token)).toBe(true);

    // The next turn goes on from there and replaces the state.
    const next = await store.commitTurn({ ...s, dissatisfiedStreak: 0 }, [{ role: 'user', text: '博士呢', citations: [] }, { role: 'bot', text: '10万元', citations: [] }]);
    expect(next.map((m) => m.seq)).toEqual([4, 5]);
    expect((await store.get(a.id))?.dissatisfiedStreak).toBe(0);
  });

  it('creates the row of a conversation that has none yet (a WeChat user)', async () => {
    const s = state('wechat:wxid_new', { channel: 'wechat', userId: 'wxid_new' });
    const stored = await store.commitTurn(s, [{ role: 'user', text: '你好', citations: [] }, { role: 'bot', text: '您好！', citations: [] }]);
    expect(stored.map((m) => m.seq)).toEqual([1, 2]);
    expect(await store.get(s.id)).toEqual(s);
    expect(await store.verifyToken(s.id, '')).toBe(false);
  });

  it('a turn that fails while its messages are written leaves neither its messages nor its state', async () => {
    const a = await store.createConversation({ channel: 'web', userId: 'widget', lang: 'zh' });
    const before = state(a.id);
    await store.commitTurn(before, [{ role: 'user', text: '第一问', citations: [] }, { role: 'bot', text: '第一答', citations: [] }]);
    // A citation that cannot be serialised fails after the state has been written within the transaction.
    const circular = { ...CITATION } as Citation & { self?: unknown };
    circular.self = circular;
    await expect(store.commitTurn({ ...before, dissatisfiedStreak: 7 }, [{ role: 'user', text: '第二问', citations: [] }, { role: 'bot', text: '第二答', citations: [circular] }])).rejects.toThrow();
    expect((await store.messages(a.id)).map((m) => m.text)).toEqual(['第一问', '第一答']);
    expect(await store.get(a.id)).toEqual(before);
  });

  it('turns committed at once to one conversation get distinct, consecutive seqs', async () => {
    const a = await store.createConversation({ channel: 'web', userId: 'widget', lang: 'zh' });
    await Promise.all(Array.from({ length: 5 }, (_, i) => store.commitTurn(state(a.id), [{ role: 'user', text: `问${i}`, citations: [] }, { role: 'bot', text: `答${i}`, citations: [] }])));
    const messages = await store.messages(a.id);
    expect(messages.map((m) => m.seq)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    // Each turn's two messages are adjacent: question, then its answer.
    for (let i = 0; i < 10; i += 2) expect(messages[i + 1]?.text).toBe(messages[i]?.text.replace('问', '答'));
  });
});
});
