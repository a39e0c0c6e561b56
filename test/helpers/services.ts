import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { fixedClock } from '../../src/core/ports/clock.js';
import { createMemoryConversationStore, type ConversationStore } from '../../src/core/ports/conversation-store.js';
import { createMemoryHandoffPort } from '../../src/core/ports/handoff-port.js';
import type { Channel, Reply } from '../../src/core/types.js';
import { createServices, type ServiceOverrides, type Services } from '../../src/create-services.js';

/** The date the evaluation set (and these tests) count years and months from. */
export const TODAY_ISO = '2026-11-27T12:00:00+08:00';

/** The repository root: the real corpus (policies/), seeds/ and prompts/ live there. */
export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');

/** The in-memory handoff port, with the requests it received. */
export type MemoryHandoff = ReturnType<typeof createMemoryHandoffPort>;

/** Services over the real corpus on a temp DATA_DIR, with a memory handoff port the test can inspect. */
export interface ServicesFixture {
  /** The wired services (after beforeAll). */
  readonly services: Services;
  /** The handoff port the assistant opens tickets on. */
  readonly handoff: MemoryHandoff;
  /** The conversation memory the assistant keeps state in. */
  readonly conversations: ConversationStore;
  /** The temp DATA_DIR. */
  readonly dataDir: string;
  /** A fresh conversation id, unique in the file. */
  newConversation(prefix?: string): string;
  /** Sends one message of a conversation to the assistant. */
  ask(conversationId: string, text: string, channel?: Channel): Promise<Reply>;
  /** Sends each message in turn in one fresh conversation; returns every reply. */
  dialogue(...texts: string[]): Promise<{ conversationId: string; replies: Reply[] }>;
}

/**
 * Builds Services once per file (beforeAll) with the real corpus, rules, curated answers and extractor,
 * a fixed clock (2026-11-27) and a memory handoff port; removes the temp DATA_DIR after all.
 * `env` is read in beforeAll, so it may use values other beforeAll hooks set (a fake server's URL).
 */
export function useServices(env: () => Record<string, string | undefined> = () => ({}), overrides: Omit<ServiceOverrides, 'handoff' | 'clock' | 'conversations'> = {}): ServicesFixture {
  let services: Services | undefined;
  let dataDir: string | undefined;
  const handoff = createMemoryHandoffPort();
  const conversations = createMemoryConversationStore();
  let seq = 0;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'qxz-services-'));
    services = await buildServices({ DATA_DIR: dataDir, ...env() }, { ...overrides, handoff, conversations });
  });
  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const fixture: ServicesFixture = {
    get services() {
      if (!services) throw new Error('useServices: services are built in beforeAll');
      return services;
    },
    handoff,
    conversations,
    get dataDir() {
      if (!dataDir) throw new Error('useServices: DATA_DIR is made in beforeAll');
      return dataDir;
    },
    newConversation(prefix = 'conv') {
      return `${prefix}-${++seq}`;
    },
    ask(conversationId, text, channel = 'web') {
      return fixture.services.assistant.handle({ conversationId, userId: `user-${conversationId}`, channel, text });
    },
    async dialogue(...texts) {
      const conversationId = fixture.newConversation('dlg');
      const replies: Reply[] = [];
      for (const text of texts) replies.push(await fixture.ask(conversationId, text));
      return { conversationId, replies };
    },
  };
  return fixture;
}

/** createServices over the real corpus with the fixed clock; `env` must name DATA_DIR. */
export function buildServices(env: Record<string, string | undefined>, overrides: ServiceOverrides = {}): Promise<Services> {
  return createServices(parseConfig({ LOG_LEVEL: 'silent', ...env }, REPO_ROOT), { clock: fixedClock(TODAY_ISO), ...overrides });
}
