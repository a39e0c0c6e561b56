import type { ContactInterface } from 'wechaty/impls';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ContactIdentities } from '../../../src/channels/wechat/contact-identity.js';
import { createPacedSender } from '../../../src/channels/wechat/paced-sender.js';
import { createWechatDeliverer } from '../../../src/channels/wechat/wechat-deliverer.js';
import { silentLogger } from '../../../src/core/logger.js';
import type { Deliverer, OutboxMessage } from '../../../src/handoff/delivery-worker.js';
import { createChatStore, type ChatStore } from '../../../src/storage/chat-store.js';
import type { SqlDb } from '../../../src/storage/sql-db.js';
import { STORE_MIGRATIONS } from '../../../src/store-migrations.js';
import { STORE_BACKENDS, useTestStores } from '../../helpers/store-backends.js';

const NOW = new Date('2026-11-27T04:00:00.000Z');
const clock = { now: () => NOW };
// Three sentences of 15 characters: with a 20-character limit, one part each.
const TEXT = '您好，材料已收到，正在审核中。请在三个工作日内补充社保证明。审核通过后会短信通知您。';

/** A contact of this login that refuses the parts listed in `refuse` once each. */
function contact(refuse: Set<string>): { said: string[]; person: ContactInterface } {
  const said: string[] = [];
  const person = {
    id: 'c1',
    say: async (text: string) => {
      if (refuse.delete(text)) throw new Error('WeChat refused');
      said.push(text);
    },
  } as unknown as ContactInterface;
  return { said, person };
}

describe.each(STORE_BACKENDS)('WeChat deliverer on $name', ({ name, skip }) => {
  const stores = useTestStores(name);
  let db: SqlDb;
  let store: ChatStore;

  beforeEach(async ({ skip: skipTest }) => {
    if (skip) return skipTest();
    db = await (await stores.create()).open(STORE_MIGRATIONS);
    store = createChatStore(db, () => NOW);
    await store.save({ id: 'wechat:abc', channel: 'wechat', userId: 'abc', questions: [], recent: [], profile: {}, dissatisfiedStreak: 0 });
  });

  function deliverer(person: ContactInterface, loggedIn = true): Deliverer {
    const identities: ContactIdentities = {
      resolve: async () => 'abc',
      get: async () => undefined,
      locate: async (stableId) => {
        if (stableId !== 'abc') throw new Error(`unexpected person ${stableId}`);
        return person;
      },
    };
    return createWechatDeliverer({
      db, identities, sender: createPacedSender({ paceMs: 0 }), isLoggedIn: () => loggedIn, maxChars: 20, clock, logger: silentLogger, thread: store,
    });
  }

  const message = (id: string): OutboxMessage => ({ id, ticketNo: null, conversationId: 'wechat:abc', channel: 'wechat', channelUserId: 'abc', role: 'system', text: TEXT, attempts: 0 });

  it('a retry continues after the parts WeChat accepted; a delivered message is never sent again', async () => {
    const refuse = new Set(['请在三个工作日内补充社保证明。']);
    const { said, person } = contact(refuse);
    const deliver = deliverer(person);
    await expect(deliver(message('o1'))).rejects.toThrow('WeChat refused');
    expect(said).toEqual(['您好，材料已收到，正在审核中。']);
    expect(await db.get('SELECT parts_sent AS sent, parts_total AS total, completed_at AS done FROM wechat_deliveries WHERE outbox_id = ?', ['o1']))
      .toEqual({ sent: 1, total: 3, done: null });
    expect(await store.messages('wechat:abc')).toEqual([]);

    await deliver(message('o1'));
    expect(said).toEqual(['您好，材料已收到，正在审核中。', '请在三个工作日内补充社保证明。', '审核通过后会短信通知您。']);
    expect(await db.get('SELECT parts_sent AS sent, completed_at AS done FROM wechat_deliveries WHERE outbox_id = ?', ['o1']))
      .toEqual({ sent: 3, done: NOW.toISOString() });
    // The thread shows the message once, under its outbox id.
    expect((await store.messages('wechat:abc')).map((m) => [m.id, m.role, m.text])).toEqual([['o1', 'system', TEXT]]);

    await deliver(message('o1'));
    expect(said).toHaveLength(3);
    expect(await store.messages('wechat:abc')).toHaveLength(1);
  });

  it('progress is kept per outbox id, and nothing is sent while logged out', async () => {
    const { said, person } = contact(new Set());
    await expect(deliverer(person, false)(message('o2'))).rejects.toThrow('not logged in');
    expect(said).toEqual([]);
    await deliverer(person)(message('o2'));
    await deliverer(person)(message('o3'));
    expect(said).toHaveLength(6);
    expect(await db.all('SELECT outbox_id AS id, parts_sent AS sent FROM wechat_deliveries ORDER BY outbox_id')).toEqual([{ id: 'o2', sent: 3 }, { id: 'o3', sent: 3 }]);
  });
});
