import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/logger.js';
import { createSharedConversationEvents } from '../../../src/channels/web/shared-conversation-events.js';
import { createChatStore, type ChatStore, type ThreadMessage } from '../../../src/storage/chat-store.js';
import { createChangeFeed, type ChangeFeed } from '../../../src/storage/change-feed.js';
import { createPgChangeFeed } from '../../../src/storage/postgres/pg-change-feed.js';
import { STORE_MIGRATIONS } from '../../../src/store-migrations.js';
import { postgresAvailable, TEST_DATABASE_URL, useTestStores, type TestStoreHandle } from '../../helpers/store-backends.js';
import { waitFor } from '../../helpers/wait-for.js';

interface Instance {
  store: ChatStore;
  feed: ChangeFeed;
  events: ReturnType<typeof createSharedConversationEvents>;
  applicationName: string;
}

describe('shared conversation events on SQLite (one process)', () => {
  const stores = useTestStores('sqlite');

  it('tells this instance’s listeners at once, and only those of the conversation', async () => {
    const handle = await stores.create();
    const db = await handle.open(STORE_MIGRATIONS);
    const store = createChatStore(db);
    const feed = createChangeFeed({ location: { kind: 'sqlite', dataDir: handle.dataDir }, db });
    const events = createSharedConversationEvents({ feed, store, instanceId: 'only', logger: silentLogger });
    const a = await store.createConversation({ channel: 'web', userId: 'w', lang: 'zh' });
    const b = await store.createConversation({ channel: 'web', userId: 'w', lang: 'zh' });
    const got: string[] = [];
    const off = events.subscribe(a.id, (m) => got.push(m.text));
    events.subscribe(b.id, (m) => got.push(`b:${m.text}`));
    events.publish(a.id, await store.appendMessage(a.id, { role: 'officer', text: '一', citations: [] }));
    off();
    events.publish(a.id, await store.appendMessage(a.id, { role: 'officer', text: '二', citations: [] }));
    expect(got).toEqual(['一']);
    events.close();
    await feed.close();
  });
});

describe.skipIf(!postgresAvailable)('shared conversation events across two instances (PostgreSQL)', () => {
  const stores = useTestStores('postgres');
  let handle: TestStoreHandle;
  const open: Instance[] = [];

  beforeEach(async () => {
    handle = await stores.create();
  });
  afterEach(async () => {
    for (const i of open.splice(0)) {
      i.events.close();
      await i.feed.close();
    }
  });

  async function instance(name: string): Promise<Instance> {
    const db = await handle.open(STORE_MIGRATIONS);
    const store = createChatStore(db);
    const applicationName = `events_${name}_${randomBytes(3).toString('hex')}`;
    const feed = createPgChangeFeed({ db, connection: { url: TEST_DATABASE_URL, schema: handle.schema!, applicationName }, logger: silentLogger, minBackoffMs: 20, maxBackoffMs: 200 });
    const events = createSharedConversationEvents({ feed, store, instanceId: name, logger: silentLogger });
    const i = { store, feed, events, applicationName };
    open.push(i);
    return i;
  }

  it('a message stored and published on A reaches a listener on B once, read from the store', async () => {
    const [a, b] = [await instance('A'), await instance('B')];
    const c = await a.store.createConversation({ channel: 'web', userId: 'w', lang: 'zh' });
    const onA: ThreadMessage[] = [];
    const onB: ThreadMessage[] = [];
    a.events.subscribe(c.id, (m) => onA.push(m));
    b.events.subscribe(c.id, (m) => onB.push(m));
    await Promise.all([a.feed.ready(), b.feed.ready()]);
    const m1 = await a.store.appendMessage(c.id, { role: 'officer', text: '您好', citations: [] });
    a.events.publish(c.id, m1);
    await waitFor(() => onB.length >= 1, 10_000, 'B to hear of the message');
    const m2 = await a.store.appendMessage(c.id, { role: 'system', text: '请打分', citations: [] });
    a.events.publish(c.id, m2);
    await waitFor(() => onB.length >= 2, 10_000, 'B to hear of the second message');
    expect(onA).toEqual([m1, m2]);
    expect(onB).toEqual([m1, m2]);
  });

  it('after B’s listening connection is cut, B re-reads what its listeners missed', async () => {
    const [a, b] = [await instance('A'), await instance('B')];
    const c = await a.store.createConversation({ channel: 'web', userId: 'w', lang: 'zh' });
    const onB: string[] = [];
    b.events.subscribe(c.id, (m) => onB.push(m.text));
    await Promise.all([a.feed.ready(), b.feed.ready()]);
    a.events.publish(c.id, await a.store.appendMessage(c.id, { role: 'officer', text: '一', citations: [] }));
    await waitFor(() => onB.length === 1, 10_000, 'the first message on B');
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    try {
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [b.applicationName]);
      // Written while B does not listen: its notice is lost, the resync finds the row.
      a.events.publish(c.id, await a.store.appendMessage(c.id, { role: 'officer', text: '二', citations: [] }));
    } finally {
      await admin.end();
    }
    await waitFor(() => onB.length === 2, 15_000, 'B to catch up after reconnecting');
    expect(onB).toEqual(['一', '二']);
  });
});
