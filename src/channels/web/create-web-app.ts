import { createHash, timingSafeEqual } from 'node:crypto';
import cors from 'cors';
import express, { type NextFunction, type Request, type Response } from 'express';
import { rateLimit, type Store as RateLimitStore } from 'express-rate-limit';
import helmet from 'helmet';
import type { Assistant } from '../../core/assistant/create-assistant.js';
import type { Logger } from '../../core/logger.js';
import type { ChatStore } from '../../storage/chat-store.js';
import { chatRoutes, type TurnLeases } from './chat-routes.js';
import type { ConversationEvents } from './conversation-events.js';
import { FAVICON_SVG } from './favicon.js';
import { errorHandler, sendError } from './http-error.js';
import type { Metrics } from './metrics.js';
import { servePrecompressed } from './precompressed-asset.js';
import type { SseStream } from './sse.js';

/** Static assets the server hands out (widget bundle, demo page and its script). */
export interface WebAssets {
  /** The widget bundle. */
  widget(): Promise<string>;
  /** The demo page HTML. */
  demoPage(): string;
  /** The demo page's script. */
  demoScript(): string;
}

/** What the web app is made of. */
export interface WebAppDeps {
  /** The assistant. */
  assistant: Assistant;
  /** Conversations and threads. */
  store: ChatStore;
  /** Live fan-out. */
  events: ConversationEvents;
  /** Metrics. */
  metrics: Metrics;
  /** Log sink. */
  logger: Logger;
  /** Web settings from config. */
  web: { widgetOrigins: string[]; trustProxy: boolean; ratePerMinute: number; conversationRatePerMinute: number; maxMessageChars: number; maxTurnsInFlight?: number };
  /** Assets. */
  assets: WebAssets;
  /** Bearer token that unlocks /metrics on this app; without one /metrics is not served here. */
  metricsToken?: string;
  /** Health of the parts: each check returns ok and a detail (status only, never configuration). */
  health: () => Promise<Record<string, { ok: boolean; detail?: unknown }>>;
  /** Per-conversation turn leases (shared across instances). */
  turns?: TurnLeases;
  /** Counters for the rate limits, shared by instances (default: this process's memory). */
  rateLimitStore?: (prefix: string) => RateLimitStore;
  /** Extra routes (officer API and console), mounted before the public chat API. */
  mount?: (app: express.Express) => void;
}

/** The web app and its open streams (for graceful shutdown). */
export interface WebApp {
  /** The express app. */
  app: express.Express;
  /** SSE streams currently open. */
  streams: Set<SseStream>;
}

/**
 * The web channel: chat API, widget and demo page, health and metrics, behind helmet's headers
 * (a CSP without inline scripts), CORS for the configured embedding origins, per-IP rate limits
 * and body caps. Errors are JSON with a code; nothing a client sends can produce a stack trace.
 */
export function createWebApp(deps: WebAppDeps): WebApp {
  const app = express();
  const streams = new Set<SseStream>();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.web.trustProxy ? 1 : false);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          frameAncestors: ["'self'", ...deps.web.widgetOrigins],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          // Served over plain http on an intranet, upgrading would break the widget's requests.
          upgradeInsecureRequests: null,
        },
      },
      // The widget script is loaded cross-origin by the pages that embed it.
      crossOriginResourcePolicy: { policy: 'cross-origin' },
    }),
  );
  app.use((req: Request, res: Response, next: NextFunction) => {
    const started = performance.now();
    res.on('finish', () => {
      // Only matched route patterns become labels: raw paths would let anyone create series without end.
      const pattern = (req.route as { path?: string } | undefined)?.path;
      const route = pattern === undefined ? 'unmatched' : `${req.baseUrl}${pattern}`;
      deps.metrics.httpSeconds.observe({ method: req.method, route, status: String(res.statusCode) }, (performance.now() - started) / 1000);
    });
    next();
  });

  app.get('/healthz', async (_req, res) => {
    const checks = await deps.health();
    const ok = Object.values(checks).every((c) => c.ok);
    res.status(ok ? 200 : 503).json({ ok, checks });
  });
  // Metrics tell a lot about traffic and internals: only with the token (or on METRICS_PORT, see metrics-server).
  const metricsToken = deps.metricsToken;
  if (metricsToken !== undefined) {
    app.get('/metrics', async (req, res) => {
      if (!sameSecret(bearerOf(req.get('authorization')), metricsToken)) {
        res.set('WWW-Authenticate', 'Bearer');
        return sendError(res, 401, 'unauthorized', 'Metrics need the bearer token');
      }
      res.type(deps.metrics.registry.contentType).set('Cache-Control', 'no-store').send(await deps.metrics.registry.metrics());
    });
  }

  app.get(['/favicon.svg', '/favicon.ico'], (_req, res) => {
    res.type('image/svg+xml').set('Cache-Control', 'public, max-age=86400').send(FAVICON_SVG);
  });
  // Built and compressed now, not on the first visitor's request. Embedding pages load it by a fixed
  // URL: a short max-age, then a cheap 304 revalidation by ETag.
  const widget = servePrecompressed(() => deps.assets.widget(), { type: 'application/javascript; charset=utf-8', cacheControl: 'public, max-age=300' });
  app.get('/widget.js', widget.handler);
  app.get('/demo.js', (_req, res) => {
    res.type('application/javascript').send(deps.assets.demoScript());
  });
  app.get('/', (_req, res) => {
    res.type('html').send(deps.assets.demoPage());
  });

  const api = express.Router();
  api.use(
    cors({
      origin: (origin, done) => done(null, origin === undefined || deps.web.widgetOrigins.includes(origin) ? origin ?? false : false),
      methods: ['GET', 'POST'],
      allowedHeaders: ['Content-Type', 'Authorization', 'Last-Event-ID'],
      maxAge: 600,
    }),
  );
  api.use(
    rateLimit({
      windowMs: 60_000,
      limit: deps.web.ratePerMinute,
      ...(deps.rateLimitStore ? { store: deps.rateLimitStore('ip:') } : {}),
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      // Long-lived event streams and thread reads on reconnect are not what the limit is for.
      skip: (req) => req.method === 'GET',
      handler: (_req, res) => sendError(res, 429, 'rate_limited', 'Too many requests; please wait a moment'),
    }),
  );
  api.use(express.json({ limit: '16kb', type: ['application/json', 'application/*+json'] }));
  api.use((req, _res, next) => {
    // A POST must say it is JSON: anything else (form posts, binary) is refused before a route sees it.
    if (req.method === 'POST' && req.headers['content-length'] !== '0' && req.body === undefined && req.get('content-type') && !req.is('application/json')) {
      next(Object.assign(new Error('unsupported'), { type: 'encoding.unsupported' }));
      return;
    }
    next();
  });
  api.use(chatRoutes({ ...deps, limits: deps.web, streams }));
  // Officer routes come first: they have their own body limits, CSRF and log-in limits, and must not
  // share the public chat API's CORS or per-IP budget (a whole office can sit behind one address).
  deps.mount?.(app);
  app.use('/api', api);

  app.use((_req, res) => sendError(res, 404, 'not_found', 'Not found'));
  app.use(errorHandler(deps.logger));
  return { app, streams };
}

function bearerOf(header: string | undefined): string {
  const m = /^Bearer\s+(\S+)\s*$/iu.exec(header ?? '');
  return m?.[1] ?? '';
}

/** Compares digests, so the time taken says nothing about how much of the token was right. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string): Buffer => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected)) && given === expected;
}
