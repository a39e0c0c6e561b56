import { Router, type NextFunction, type Request, type Response } from 'express';
import { rateLimit, type Store as RateLimitStore } from 'express-rate-limit';
import { z } from 'zod';
import type { Assistant, TurnCommit } from '../../core/assistant/create-assistant.js';
import { AppError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { Reply } from '../../core/types.js';
import type { ChatStore, NewThreadMessage, ThreadMessage } from '../../storage/chat-store.js';
import type { ConversationEvents } from './conversation-events.js';
import { isClientError, sendError } from './http-error.js';
import type { Metrics } from './metrics.js';
import { openSse, piecesOf, type SseStream } from './sse.js';

/** What the chat routes need. */
export interface ChatRouteDeps {
  /** The assistant. */
  assistant: Assistant;
  /** Conversations and threads. */
  store: ChatStore;
  /** Live fan-out to `/events` listeners. */
  events: ConversationEvents;
  /** Metrics. */
  metrics: Metrics;
  /** Log sink. */
  logger: Logger;
  /**
   * Limits. `maxTurnsInFlight`: turns this process answers at once (waiting for a conversation's
   * previous turn included); a message beyond it is refused at once with 503 (default: no cap).
   */
  limits: { maxMessageChars: number; conversationRatePerMinute: number; maxTurnsInFlight?: number };
  /** Open SSE streams, so shutdown can end them. */
  streams: Set<SseStream>;
  /** How often an answer stream sends a `: ping` comment while the turn works (default 10 s). */
  answerPingMs?: number;
  /** Per-conversation turn leases, shared by every instance of the store. */
  turns?: TurnLeases;
  /** Counters for the rate limits, shared by instances (default: this process's memory). */
  rateLimitStore?: (prefix: string) => RateLimitStore;
}

/** One turn of a conversation at a time (see src/storage/turn-lease.ts). */
export interface TurnLeases {
  /** Waits up to `waitMs` for the conversation's lease; undefined when it stayed taken. */
  acquire(conversationId: string, options: { waitMs: number }): Promise<{ release(): Promise<void> } | undefined>;
}

const createBody = z.object({ lang: z.enum(['zh', 'en']).optional() }).strict().optional();
const messageBody = z.object({ text: z.string() }).strict();
const feedbackBody = z.object({
  conversationId: z.string().min(1).max(64),
  messageId: z.string().min(1).max(64),
  rating: z.enum(['up', 'down']),
  comment: z.string().max(500).optional(),
}).strict();

const MAX_STREAMS_PER_CONVERSATION = 3;
/** How long a message waits for the conversation's previous turn (longer than a turn's model budget). */
const TURN_WAIT_MS = 20_000;
/** A stream slot frees when another tab closes; a client that waits this long is not hammering. */
const STREAM_RETRY_SECONDS = 10;
/** Turns take milliseconds to seconds: a shed client may try again soon. */
const OVERLOAD_RETRY_SECONDS = 1;

// Control characters (other than tab and newline) and lone surrogates are what binary garbage looks like.
const CONTROL_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/gu;

/** Cleans a message: NUL and other control characters removed, white space trimmed. */
export function cleanText(text: string): string {
  return text.replace(CONTROL_RE, '').toWellFormed().trim();
}

function bearer(req: Request): string | undefined {
  const h = req.get('authorization') ?? '';
  const m = /^Bearer\s+(\S+)$/iu.exec(h);
  return m?.[1];
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new AppError('bad_request', `Invalid request body${issue?.path.length ? ` at ${issue.path.join('.')}` : ''}: ${issue?.message ?? ''}`);
  }
  return r.data;
}

/** The conversation API of docs/chat-api.md. */
export function chatRoutes(deps: ChatRouteDeps): Router {
  const router = Router();
  const { store, assistant, events, metrics, logger } = deps;
  const liveStreams = new Map<string, number>();
  const maxTurns = deps.limits.maxTurnsInFlight ?? Number.POSITIVE_INFINITY;
  let turnsInFlight = 0;

  // Only the token holder may read or write a conversation; a wrong token looks like no conversation.
  const requireToken = (req: Request, res: Response, next: NextFunction): void => {
    const id = String(req.params['id'] ?? '');
    const token = bearer(req);
    if (!token) return sendError(res, 404, 'not_found', 'No such conversation');
    store.verifyToken(id, token).then((ok) => (ok ? next() : sendError(res, 404, 'not_found', 'No such conversation')), next);
  };

  const perConversation = rateLimit({
    windowMs: 60_000,
    limit: deps.limits.conversationRatePerMinute,
    ...(deps.rateLimitStore ? { store: deps.rateLimitStore('conversation:') } : {}),
    keyGenerator: (req) => `conversation:${String(req.params['id'])}`,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, res) => sendError(res, 429, 'rate_limited', 'Too many messages in this conversation; please wait a moment'),
  });

  router.post('/conversations', async (req, res) => {
    const body = parse(createBody, req.body ?? undefined);
    const created = await store.createConversation({ channel: 'web', userId: 'widget', lang: body?.lang ?? 'zh' });
    res.status(201).json(created);
  });

  router.get('/conversations/:id/messages', requireToken, async (req, res) => {
    res.json({ messages: await store.messages(String(req.params['id'])) });
  });

  router.post('/conversations/:id/messages', requireToken, perConversation, async (req, res) => {
    const id = String(req.params['id']);
    const text = cleanText(parse(messageBody, req.body).text);
    if (text === '') throw new AppError('message_empty', 'The message is empty');
    if ([...text].length > deps.limits.maxMessageChars) throw new AppError('message_too_long', `Messages are limited to ${deps.limits.maxMessageChars} characters`);
    // Past the cap a turn would only queue behind the others and stretch every answer's wait: it is
    // refused now, so the tail stays bounded and a client or balancer can go elsewhere or come back.
    if (turnsInFlight >= maxTurns) {
      metrics.shedTurns.inc({ channel: 'web' });
      res.set('Retry-After', String(OVERLOAD_RETRY_SECONDS));
      return sendError(res, 503, 'overloaded', 'The assistant is busy; please try again in a moment');
    }
    turnsInFlight += 1;
    metrics.turnsInFlight.set(turnsInFlight);
    try {
      await takeTurn(req, res, id, text);
    } finally {
      turnsInFlight -= 1;
      metrics.turnsInFlight.set(turnsInFlight);
    }
  });

  async function takeTurn(req: Request, res: Response, id: string, text: string): Promise<void> {
    // One turn of a conversation at a time, across instances: a second message sent while the first is
    // answered waits for it (the assistant's memory of the conversation is read and written per turn).
    const lease = deps.turns ? await deps.turns.acquire(id, { waitMs: TURN_WAIT_MS }) : undefined;
    if (deps.turns && !lease) throw new AppError('conversation_busy', 'The previous message of this conversation is still being answered; please wait a moment');
    try {
      await answerTurn(req, res, id, text);
    } finally {
      await lease?.release().catch((err: Error) => logger.warn('turn lease not released', { conversationId: id, error: err.message }));
    }
  }

  async function answerTurn(req: Request, res: Response, id: string, text: string): Promise<void> {
    const wantsStream = (req.get('accept') ?? '').includes('text/event-stream');
    const sse = wantsStream ? openSse(res) : undefined;
    if (sse) deps.streams.add(sse);
    // A long turn (a slow model) sends nothing for a while: pings keep proxies from timing the stream
    // out and tell the widget the server is still at it.
    const ping = sse ? setInterval(() => sse.comment('ping'), deps.answerPingMs ?? 10_000) : undefined;
    let streamed = false;
    const started = performance.now();
    try {
      // The question, the answer and the assistant's new state are stored together, in one
      // transaction: a turn that fails stores nothing, and the question can simply be sent again.
      let message: ThreadMessage | undefined;
      const commit: TurnCommit = async (state, answered) => {
        message = (await store.commitTurn(state, [{ role: 'user', text, citations: [] }, botMessage(answered)]))[1];
      };
      const reply = await assistant.handle(
        { conversationId: id, userId: 'widget', channel: 'web', text },
        sse ? { onDelta: (delta) => { streamed = true; sse.send('delta', { text: delta }); }, commit } : { commit },
      );
      metrics.answerSeconds.observe({ channel: 'web' }, (performance.now() - started) / 1000);
      metrics.answers.inc({ intent: reply.intent, scope: reply.scope });
      if (reply.handoff) metrics.handoffs.inc({ reason: reply.handoff.reason });
      if (!message) throw new AppError('internal', 'The turn was answered but not recorded');
      if (!sse) {
        res.json({ message });
        return;
      }
      if (!streamed) for (const piece of piecesOf(reply.text)) sse.send('delta', { text: piece });
      if (reply.citations.length > 0) sse.send('citations', { citations: reply.citations });
      if (reply.handoff) sse.send('handoff', reply.handoff);
      sse.send('done', { message });
      sse.end();
    } catch (err) {
      if (!sse) throw err;
      const clientError = AppError.isInstance(err) && isClientError(err.code);
      if (!clientError) logger.error('answer failed', { conversationId: id, error: (err as Error).message });
      sse.send('error', clientError ? { code: err.code, message: err.message } : { code: 'internal', message: '抱歉，系统暂时无法回答，请稍后再试。' });
      sse.end();
    } finally {
      clearInterval(ping);
      if (sse) deps.streams.delete(sse);
    }
  }

  router.get('/conversations/:id/events', requireToken, async (req, res) => {
    const id = String(req.params['id']);
    // A few tabs may listen at once; more is a client gone wrong (or someone holding sockets open).
    const open = liveStreams.get(id) ?? 0;
    if (open >= MAX_STREAMS_PER_CONVERSATION) return sendError(res, 429, 'rate_limited', 'Too many open event streams for this conversation', STREAM_RETRY_SECONDS);
    liveStreams.set(id, open + 1);
    res.on('close', () => {
      const left = (liveStreams.get(id) ?? 1) - 1;
      if (left <= 0) liveStreams.delete(id);
      else liveStreams.set(id, left);
    });
    const given = req.get('last-event-id') ?? (typeof req.query['after'] === 'string' ? req.query['after'] : undefined);
    const after = given === undefined ? Number.NaN : Number(given);
    const sse = openSse(res);
    deps.streams.add(sse);
    // What the client missed while away (after the seq it names), then everything new as it happens.
    // Listening starts first, and messages arriving during the catch-up read are held and sent after it.
    let lastSeq = Number.isInteger(after) && after >= 0 ? after : Number.NaN;
    let held: ThreadMessage[] | undefined = [];
    const send = (m: ThreadMessage): void => {
      if (m.seq <= lastSeq) return;
      lastSeq = m.seq;
      sse.send('message', m, m.seq);
    };
    const unsubscribe = events.subscribe(id, (m: ThreadMessage) => (held ? held.push(m) : send(m)));
    try {
      if (Number.isNaN(lastSeq)) lastSeq = (await store.messages(id)).at(-1)?.seq ?? 0;
      for (const m of await store.messages(id, lastSeq)) send(m);
    } catch (err) {
      logger.warn('event stream catch-up failed', { conversationId: id, error: (err as Error).message });
    }
    for (const m of held.sort((a, b) => a.seq - b.seq)) send(m);
    held = undefined;
    const ping = setInterval(() => sse.comment('ping'), 25_000);
    res.on('close', () => {
      clearInterval(ping);
      unsubscribe();
      deps.streams.delete(sse);
    });
  });

  router.post('/feedback', async (req, res) => {
    const body = parse(feedbackBody, req.body);
    const token = bearer(req);
    if (!token || !(await store.verifyToken(body.conversationId, token))) return sendError(res, 404, 'not_found', 'No such conversation');
    const message = await store.message(body.conversationId, body.messageId);
    if (!message || message.role !== 'bot') return sendError(res, 404, 'not_found', 'No such answer');
    await store.saveFeedback({ conversationId: body.conversationId, messageId: body.messageId, rating: body.rating, ...(body.comment ? { comment: cleanText(body.comment) } : {}) });
    metrics.feedback.inc({ rating: body.rating });
    await assistant.feedback(body.conversationId, body.rating);
    res.status(204).end();
  });

  return router;
}

function botMessage(reply: Reply): NewThreadMessage {
  return {
    role: 'bot',
    text: reply.text,
    citations: reply.citations,
    ...(reply.handoff ? { handoff: reply.handoff } : {}),
    ...(reply.curated ? { curated: true } : {}),
  };
}
