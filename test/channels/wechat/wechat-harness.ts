import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { log, WechatyBuilder } from 'wechaty';
import { mock, PuppetMock } from 'wechaty-puppet-mock';
import { createWechatChannel, type WechatChannel } from '../../../src/channels/wechat/create-wechat-channel.js';
import { parseConfig, type Config, type WechatConfig } from '../../../src/config.js';
import { silentLogger } from '../../../src/core/logger.js';
import type { Clock } from '../../../src/core/ports/clock.js';
import { createServices, type Services } from '../../../src/create-services.js';
import { createDeliveryWorker, type Deliverer, type DeliveryWorker } from '../../../src/handoff/delivery-worker.js';
import { createOfficerRepo, type OfficerRepo } from '../../../src/handoff/officer-repo.js';
import { createTicketService, type TicketService } from '../../../src/handoff/ticket-service.js';
import { createChatStore, type ChatStore } from '../../../src/storage/chat-store.js';
import { openStore } from '../../../src/storage/open-store.js';
import type { SqlDb } from '../../../src/storage/sql-db.js';
import { STORE_MIGRATIONS } from '../../../src/store-migrations.js';
import { REPO_ROOT, TODAY_ISO } from '../../helpers/services.js';
import { TEST_DATABASE_URL, type StoreBackend } from '../../helpers/store-backends.js';

log.level('silent');

/** The officers' room topic the tests configure. */
export const ROOM_TOPIC = '钱塘区助才专员群';
/** The bot account's name. */
export const BOT_NAME = '钱小智';

type ContactMock = ReturnType<mock.Mocker['createContact']>;
type RoomMock = ReturnType<mock.Mocker['createRoom']>;
type MessageMock = { payload: { id: string; talkerId?: string; roomId?: string; text?: string } };

/** A clock the test moves by hand. */
export interface ManualClock extends Clock {
  /** Moves time forward. */
  advance(ms: number): void;
}

/** PuppetMock keeps no alias it is given; this one does, as a real account's server does. */
export class AliasPuppetMock extends PuppetMock {
  override contactAlias(contactId: string): Promise<string>;
  override contactAlias(contactId: string, alias: string | null): Promise<void>;
  override async contactAlias(contactId: string, alias?: string | null): Promise<string | void> {
    const payload = this.mocker.contactPayload(contactId);
    if (alias === undefined) return payload.alias ?? '';
    payload.alias = alias ?? '';
  }
}

/** One logged-in bot on a fresh mocker. */
export interface BotFixture {
  mocker: mock.Mocker;
  puppet: PuppetMock;
  channel: WechatChannel;
  /** The bot account. */
  user: ContactMock;
  /** A contact who writes to the bot (a new name each call unless given). */
  contact(name?: string, payload?: Partial<ContactMock['payload']>): ContactMock;
  /** A room with the bot and these members. */
  room(topic: string, members: ContactMock[]): RoomMock;
  /** Texts the bot sent to this contact in direct chat, in order. */
  inbox(contact: ContactMock): string[];
  /** Texts the bot said in this room, in order. */
  roomLog(room: RoomMock): string[];
  /** The id of the last message a contact sent. */
  lastSentId(contact: ContactMock): string | undefined;
  /** Waits until every message received so far is handled. */
  settle(): Promise<void>;
}

/** The application parts a WeChat test needs, built once per file. */
export interface WechatApp {
  readonly db: SqlDb;
  readonly store: ChatStore;
  readonly tickets: TicketService;
  readonly officers: OfficerRepo;
  readonly services: Services;
  readonly delivery: DeliveryWorker;
  readonly clock: ManualClock;
  readonly config: Config;
  /** Starts a bot on a new mocker (logged in, ready); it is stopped after the test. */
  startBot(options?: { keepsAlias?: boolean; wechat?: Partial<WechatConfig> }): Promise<BotFixture>;
}

let seq = 0;

/** Waits until `check` is true (polling; it may read the store), or fails naming `what`. */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 4_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Runs one statement on the test server (schemas are made and dropped outside the store under test). */
async function onServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Store, tickets, officers, services over the real corpus and a delivery worker (woken by the
 * ticket service as in the application), on a temp DATA_DIR; a manual clock at TODAY_ISO. The store
 * is SQLite in DATA_DIR or, for backend `postgres`, a schema of its own on the test server, dropped afterwards.
 * One store serves every test of the enclosing suite.
 */
export function useWechatApp(backend: StoreBackend['name'] = 'sqlite', env: Record<string, string> = {}): WechatApp {
  let dir: string | undefined;
  let schema: string | undefined;
  let parts: Omit<WechatApp, 'startBot' | 'clock'> | undefined;
  const running: WechatChannel[] = [];
  let now = Date.parse(TODAY_ISO);
  const clock: ManualClock = { now: () => new Date(now), advance: (ms) => void (now += ms) };
  const deliverers: { wechat?: Deliverer } = {};

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'qxz-wechat-'));
    const config = parseConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', WECHAT_ENABLED: 'true', OFFICER_ROOM_TOPIC: ROOM_TOPIC, WECHAT_SEND_PACE_MS: '0', ...env }, REPO_ROOT);
    if (backend === 'postgres') {
      schema = `t_${randomBytes(6).toString('hex')}`;
      await onServer(`CREATE SCHEMA ${schema}`);
    }
    const db = schema
      ? await openStore({ kind: 'postgres', url: TEST_DATABASE_URL, schema, poolSize: 4 }, STORE_MIGRATIONS)
      : await openStore({ kind: 'sqlite', dataDir: dir }, STORE_MIGRATIONS);
    const store = createChatStore(db, () => clock.now());
    const officers = createOfficerRepo(db);
    const delivery = createDeliveryWorker({
      db, clock, deliverers: { wechat: (m) => (deliverers.wechat ? deliverers.wechat(m) : Promise.reject(new Error('no bot'))) },
      policy: { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 10_000 },
    });
    const tickets = createTicketService({ db, officers, clock, onOutbox: () => delivery.kick() });
    const services = await createServices(config, { handoff: tickets, conversations: store, clock });
    parts = { db, store, tickets, officers, services, delivery, config };
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((c) => c.stop()));
  });
  afterAll(async () => {
    parts?.delivery.stop();
    await parts?.db.close();
    if (schema) await onServer(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const get = (): Omit<WechatApp, 'startBot' | 'clock'> => {
    if (!parts) throw new Error('useWechatApp: built in beforeAll');
    return parts;
  };

  return {
    get db() { return get().db; },
    get store() { return get().store; },
    get tickets() { return get().tickets; },
    get officers() { return get().officers; },
    get services() { return get().services; },
    get delivery() { return get().delivery; },
    get config() { return get().config; },
    clock,

    async startBot(options = {}) {
      const app = get();
      const wechat = app.config.wechat;
      if (!wechat) throw new Error('WECHAT_ENABLED=true expected');
      const mocker = new mock.Mocker();
      const puppet = options.keepsAlias === false ? new PuppetMock({ mocker }) : new AliasPuppetMock({ mocker });
      const bot = WechatyBuilder.build({ name: `qxz-wechat-test-${++seq}`, puppet });
      const channel = createWechatChannel({
        bot, assistant: app.services.assistant, tickets: app.tickets, officers: app.officers, db: app.db, clock, logger: silentLogger,
        config: { host: app.config.host, port: app.config.port, web: app.config.web, wechat: { ...wechat, ...options.wechat } },
        thread: app.store, printQr: () => undefined,
      });
      deliverers.wechat = channel.deliverer;
      running.push(channel);
      await channel.start();
      const user = mocker.createContact({ name: BOT_NAME });
      mocker.login(user);
      puppet.emit('ready', { data: '' });
      await waitFor(() => channel.status().loggedIn, 'login');

      const fromBot = new Map<string, string[]>();
      const lastSent = new Map<string, string>();
      const record = (key: string, m: MessageMock): void => {
        if (m.payload.talkerId !== user.id) return;
        fromBot.set(key, [...(fromBot.get(key) ?? []), m.payload.text ?? '']);
      };
      return {
        mocker, puppet, channel, user,
        contact(name = `人才${++seq}`, payload = {}) {
          const c = mocker.createContact({ name, ...payload });
          c.on('message', (m: MessageMock) => {
            if (m.payload.talkerId === c.id) lastSent.set(c.id, m.payload.id);
            else if (!m.payload.roomId) record(c.id, m);
          });
          return c;
        },
        room(topic, members) {
          const r = mocker.createRoom({ topic, memberIdList: [user.id, ...members.map((m) => m.id)] });
          r.on('message', (m: MessageMock) => record(r.id, m));
          return r;
        },
        inbox: (c) => fromBot.get(c.id) ?? [],
        roomLog: (r) => fromBot.get(r.id) ?? [],
        lastSentId: (c) => lastSent.get(c.id),
        async settle() {
          await new Promise((r) => setTimeout(r, 60));
          await channel.idle();
        },
      };
    },
  };
}
