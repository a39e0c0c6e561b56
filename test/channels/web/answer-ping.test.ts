import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatRoutes } from '../../../src/channels/web/chat-routes.js';
import { createConversationEvents } from '../../../src/channels/web/conversation-events.js';
import { errorHandler } from '../../../src/channels/web/http-error.js';
import { createMetrics } from '../../../src/channels/web/metrics.js';
import type { SseStream } from '../../../src/channels/web/sse.js';
import type { Assistant, TurnCommit } from '../../../src/core/assistant/create-assistant.js';
import { silentLogger } from '../../../src/core/logger.js';
import type { Reply, Turn } from '../../../src/core/types.js';
import { createChatStore } from '../../../src/storage/chat-store.js';
import { openStore } from '../../../src/storage/open-store.js';
import type { SqlDb } from '../../../src/storage/sql-db.js';
import { STORE_MIGRATIONS } from '../../../src/store-migrations.js';
import { createConversation, readSse } from '../../helpers/web-server.js';

// A turn that takes long (a slow model): the answer stream pings while it works, then answers.
describe('the answer stream while a turn works', () => {
  let dir: string;
  let db: SqlDb | undefined;
  let server: Server;
  let base: string;
  let release: (() => void) | undefined;
  const reply: Reply = { text: '硕士每年 3 万元。[qt25-5]', citations: [], intent: 'policy_question', scope: 'in', lang: 'zh', retrieved: [] };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'qxz-ping-'));
    db = await openStore({ kind: 'sqlite', dataDir: dir }, STORE_MIGRATIONS);
    // The turn ends only when the test says so.
    const assistant = {
      // Like the real assistant, it records the turn through the route's commit before replying.
      handle: async (turn: Turn, options?: { commit?: TurnCommit }) => {
        const answered = await new Promise<Reply>((resolve) => (release = () => resolve(reply)));
        await options?.commit?.({ id: turn.conversationId, channel: turn.channel, userId: turn.userId, questions: [turn.text], recent: [], profile: {}, dissatisfiedStreak: 0 }, answered);
        return answered;
      },
      feedback: async () => undefined,
    } as unknown as Assistant;
    const app = express();
    app.use(express.json());
    app.use('/api', chatRoutes({
      assistant, store: createChatStore(db), events: createConversationEvents(), metrics: createMetrics(), logger: silentLogger,
      limits: { maxMessageChars: 1000, conversationRatePerMinute: 100 }, streams: new Set<SseStream>(), answerPingMs: 20,
    }));
    app.use(errorHandler(silentLogger));
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('sends `: ping` comments until the answer is done', async () => {
    const conv = await createConversation(base);
    const res = await fetch(`${base}/api/conversations/${conv.id}/messages`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${conv.token}`, 'Content-Type': 'application/json', Accept: 'text/event-stream' },
      body: JSON.stringify({ text: '硕士补贴多少' }),
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const sse = readSse(res);
    const pending = sse.next(10_000);
    await expect.poll(() => sse.comments.filter((c) => c === 'ping').length, { timeout: 5_000 }).toBeGreaterThanOrEqual(2);
    expect(release).toBeDefined();
    release!();
    const events = [await pending, ...(await sse.all())].map((e) => e?.event);
    expect(events.at(-1)).toBe('done');
    expect(events).toContain('delta');
  });
});
