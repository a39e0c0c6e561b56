import path from 'node:path';
import { z } from 'zod';
import { AppError } from './core/errors.js';
import type { OfficerBootstrap } from './handoff/first-officer.js';
import { MIN_PASSWORD_LENGTH } from './handoff/passwords.js';
import { TEAMS } from './handoff/types.js';

/**
 * The one typed configuration of the process. It is read once, here, from the environment
 * (which `loadEnvFile` may have filled from `.env`); nothing else reads `process.env`.
 */
const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: optionalString.pipe(z.string().regex(/^postgres(ql)?:\/\//u, 'expected postgres://user@host:port/database').optional()),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATABASE_SCHEMA: optionalString.pipe(z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/u, 'a schema name is lower-case letters, digits and _').optional()),
  DELIVERY_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(60_000),
  INSTANCE_ID: optionalString.pipe(z.string().regex(/^[\w.-]{1,64}$/u, 'letters, digits, ".", "_" or "-"').optional()),
  POLICIES_DIR: z.string().min(1).default('./policies'),
  SEEDS_DIR: z.string().min(1).default('./seeds'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: optionalString.pipe(z.url().optional()),
  WIDGET_ORIGINS: z.string().default(''),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
  CONVERSATION_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(12),
  MAX_MESSAGE_CHARS: z.coerce.number().int().min(10).max(2000).default(1000),
  MAX_TURNS_IN_FLIGHT: z.coerce.number().int().min(1).max(10_000).default(64),
  LOGIN_MAX_ATTEMPTS: z.coerce.number().int().min(3).max(100).default(5),
  METRICS_TOKEN: optionalString.pipe(z.string().min(16, 'use a random token of at least 16 characters').optional()),
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  SEARCH_EF: z.coerce.number().int().min(10).max(2000).default(128),
  SEARCH_TOP_K: z.coerce.number().int().min(1).max(50).default(10),
  EMBEDDINGS_BASE_URL: optionalString.pipe(z.url().optional()),
  EMBEDDINGS_MODEL: optionalString,
  EMBEDDINGS_API_KEY: optionalString,
  EMBEDDINGS_DIMENSIONS: z.coerce.number().int().positive().optional(),
  OFFLINE_EMBEDDING_DIMS: z.coerce.number().int().min(64).max(4096).default(768),
  OPENAI_BASE_URL: optionalString.pipe(z.url().optional()),
  OPENAI_API_KEY: optionalString,
  OPENAI_MODEL: optionalString,
  LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(20_000),
  LLM_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(1),
  LLM_TURN_BUDGET_MS: z.coerce.number().int().min(100).max(300_000).default(8000),
  WECHAT_ENABLED: z.enum(['true', 'false']).default('false'),
  WECHATY_PUPPET: z.string().trim().regex(/^(@[\w.-]+\/)?wechaty-puppet-[\w.-]+$/u, 'expected a Wechaty puppet package name such as wechaty-puppet-wechat4u').default('wechaty-puppet-wechat4u'),
  WECHATY_PUPPET_SERVICE_TOKEN: optionalString,
  WECHATY_PUPPET_SERVICE_ENDPOINT: optionalString,
  OFFICER_ROOM_TOPIC: optionalString,
  WECHAT_MAX_MESSAGE_CHARS: z.coerce.number().int().min(50).max(2000).default(600),
  WECHAT_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(10),
  WECHAT_SEND_PACE_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  WECHAT_DEDUPE_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
  OFFICER_BOOTSTRAP_LOGIN: optionalString.pipe(z.string().regex(/^[a-z0-9][a-z0-9._-]{1,40}$/u, 'a login is 2–41 lower-case letters, digits, ".", "_" or "-"').optional()),
  OFFICER_BOOTSTRAP_PASSWORD: z.string().min(MIN_PASSWORD_LENGTH, `the password needs at least ${MIN_PASSWORD_LENGTH} characters`).max(256).optional(),
  OFFICER_BOOTSTRAP_TEAM: z.enum(TEAMS).default('综合'),
});

/** Every environment variable the configuration reads (.env.example must document each). */
export const ENV_NAMES: readonly string[] = Object.keys(schema.shape);

// Never echoed in an error message.
const SECRETS = new Set(['OFFICER_BOOTSTRAP_PASSWORD', 'OPENAI_API_KEY', 'EMBEDDINGS_API_KEY', 'WECHATY_PUPPET_SERVICE_TOKEN', 'DATABASE_URL']);

/** Embedding provider settings; `undefined` means the offline embedder. */
export interface RemoteEmbeddingsConfig {
  /** OpenAI-compatible base URL, including `/v1`. */
  baseURL: string;
  /** Model name, e.g. bge-m3 or text-embedding-3-small. */
  model: string;
  /** API key; some local servers accept any. */
  apiKey: string;
  /** Requested output dimensions, for models that support it. */
  dimensions?: number;
}

/** Chat model settings; `undefined` means the offline composer. */
export interface LlmConfig {
  /** OpenAI-compatible base URL, including `/v1`. */
  baseURL: string;
  /** API key. */
  apiKey: string;
  /** Model name. */
  model: string;
  /** Per-request timeout. */
  timeoutMs: number;
  /** Retries after a failed request. */
  maxRetries: number;
  /** How long one turn may wait for all its model calls together before answering offline. */
  turnBudgetMs?: number;
}

/** WeChat channel settings; present only when WECHAT_ENABLED=true. */
export interface WechatConfig {
  /** Puppet package, e.g. wechaty-puppet-wechat4u or wechaty-puppet-service. */
  puppet: string;
  /** Token of a puppet-service provider (pad, Windows, WeCom protocols). */
  puppetToken?: string;
  /** Explicit puppet-service endpoint (host:port), when the token's discovery is not used. */
  puppetEndpoint?: string;
  /** Topic of the officers' room that gets ticket notices and takes `#<no>` commands. */
  officerRoomTopic?: string;
  /** Longest single WeChat message; longer answers are split at sentence boundaries. */
  maxMessageChars: number;
  /** Messages per minute one contact may send before the bot stops answering for a while. */
  ratePerMinute: number;
  /** Pause between two messages the bot sends (ban risk grows with bursts). */
  paceMs: number;
  /** The same text from the same contact within this many seconds counts as a duplicate. */
  dedupeSeconds: number;
}

/** The validated configuration. */
export interface Config {
  /** Runtime environment. */
  env: 'development' | 'production' | 'test';
  /** pino log level. */
  logLevel: string;
  /** Absolute folder for everything the program writes (index, database). */
  dataDir: string;
  /** Absolute folder of the policy corpus. */
  policiesDir: string;
  /** Absolute folder of seed data (glossary, FAQ, eval set, officers). */
  seedsDir: string;
  /** Server bind address. */
  host: string;
  /** Server port (0 = any free port). */
  port: number;
  /** Web channel settings. */
  web: {
    /** Public base URL for links and the widget snippet; default http://HOST:PORT. */
    publicUrl?: string;
    /** Origins of pages allowed to embed the widget (CORS); the server's own origin always is. */
    widgetOrigins: string[];
    /** Whether to trust X-Forwarded-For from a reverse proxy (for per-IP limits). */
    trustProxy: boolean;
    /** Requests per minute per IP on the chat API. */
    ratePerMinute: number;
    /** Messages per minute per conversation. */
    conversationRatePerMinute: number;
    /** Longest accepted message. */
    maxMessageChars: number;
    /** Chat turns one process answers at once; more are refused with 503 and Retry-After. */
    maxTurnsInFlight: number;
  };
  /** Officer console logins: wrong passwords from one address before it is locked out of that login for 15 minutes. */
  login: { maxAttempts: number };
  /** Who may read /metrics: off on the public port unless a token is set; `port` serves it on 127.0.0.1 only. */
  metrics: { token?: string; port?: number };
  /**
   * The store: PostgreSQL when DATABASE_URL is set (several instances share it), else the SQLite
   * file under dataDir (one process, no server).
   */
  database: { url?: string; poolSize: number; schema?: string };
  /** This process's name in /healthz, logs and leases (INSTANCE_ID, default host:port:pid). */
  instanceId?: string;
  /**
   * How long a channel may take to acknowledge an outbox message (DELIVERY_TIMEOUT_MS). A message's
   * lease is this plus a margin: after an instance dies, another delivers its claimed messages then.
   */
  deliveryTimeoutMs: number;
  /** Retrieval settings. */
  search: { ef: number; topK: number; offlineDims: number };
  /** Remote embeddings, when configured. */
  embeddings?: RemoteEmbeddingsConfig;
  /** Chat model, when configured. */
  llm?: LlmConfig;
  /** The WeChat channel, when enabled. */
  wechat?: WechatConfig;
  /** The first lead to create at start when no officer can log in (OFFICER_BOOTSTRAP_*). */
  officerBootstrap?: OfficerBootstrap;
}

/** Parses an environment into a Config; throws AppError('config_invalid') naming the variable. */
export function parseConfig(env: Record<string, string | undefined>, cwd = process.cwd()): Config {
  // An empty value (PORT= in .env) means "not set", as for every other variable.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const result = schema.safeParse(present);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = issue?.path.join('.') ?? 'environment';
    const got = SECRETS.has(name) ? '(value hidden)' : `(got ${JSON.stringify(env[name] ?? '')})`;
    throw new AppError('config_invalid', `Invalid ${name}: ${issue?.message ?? 'bad value'} ${got}`);
  }
  const e = result.data;
  const config: Config = {
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    dataDir: path.resolve(cwd, e.DATA_DIR),
    policiesDir: path.resolve(cwd, e.POLICIES_DIR),
    seedsDir: path.resolve(cwd, e.SEEDS_DIR),
    host: e.HOST,
    port: e.PORT,
    web: {
      ...(e.PUBLIC_URL !== undefined ? { publicUrl: e.PUBLIC_URL.replace(/\/+$/u, '') } : {}),
      widgetOrigins: e.WIDGET_ORIGINS.split(',').map((o) => o.trim().replace(/\/+$/u, '')).filter(Boolean),
      trustProxy: e.TRUST_PROXY === 'true',
      ratePerMinute: e.RATE_LIMIT_PER_MINUTE,
      conversationRatePerMinute: e.CONVERSATION_RATE_LIMIT_PER_MINUTE,
      maxMessageChars: e.MAX_MESSAGE_CHARS,
      maxTurnsInFlight: e.MAX_TURNS_IN_FLIGHT,
    },
    login: { maxAttempts: e.LOGIN_MAX_ATTEMPTS },
    database: {
      ...(e.DATABASE_URL !== undefined ? { url: e.DATABASE_URL } : {}),
      poolSize: e.DATABASE_POOL_SIZE,
      ...(e.DATABASE_SCHEMA !== undefined ? { schema: e.DATABASE_SCHEMA } : {}),
    },
    ...(e.INSTANCE_ID !== undefined ? { instanceId: e.INSTANCE_ID } : {}),
    deliveryTimeoutMs: e.DELIVERY_TIMEOUT_MS,
    metrics: {
      ...(e.METRICS_TOKEN !== undefined ? { token: e.METRICS_TOKEN } : {}),
      ...(e.METRICS_PORT !== undefined ? { port: e.METRICS_PORT } : {}),
    },
    search: { ef: e.SEARCH_EF, topK: e.SEARCH_TOP_K, offlineDims: e.OFFLINE_EMBEDDING_DIMS },
  };
  if (e.EMBEDDINGS_BASE_URL !== undefined || e.EMBEDDINGS_MODEL !== undefined) {
    if (e.EMBEDDINGS_BASE_URL === undefined || e.EMBEDDINGS_MODEL === undefined) {
      throw new AppError('config_invalid', 'Invalid EMBEDDINGS_BASE_URL/EMBEDDINGS_MODEL: set both, or neither for offline embeddings');
    }
    config.embeddings = {
      baseURL: e.EMBEDDINGS_BASE_URL,
      model: e.EMBEDDINGS_MODEL,
      apiKey: e.EMBEDDINGS_API_KEY ?? 'none',
      ...(e.EMBEDDINGS_DIMENSIONS !== undefined ? { dimensions: e.EMBEDDINGS_DIMENSIONS } : {}),
    };
  }
  if (e.OPENAI_BASE_URL !== undefined || e.OPENAI_MODEL !== undefined) {
    if (e.OPENAI_BASE_URL === undefined || e.OPENAI_MODEL === undefined) {
      throw new AppError('config_invalid', 'Invalid OPENAI_BASE_URL/OPENAI_MODEL: set both, or neither for offline answers');
    }
    config.llm = {
      baseURL: e.OPENAI_BASE_URL,
      apiKey: e.OPENAI_API_KEY ?? 'none',
      model: e.OPENAI_MODEL,
      timeoutMs: e.LLM_TIMEOUT_MS,
      maxRetries: e.LLM_MAX_RETRIES,
      turnBudgetMs: e.LLM_TURN_BUDGET_MS,
    };
  }
  if (e.WECHAT_ENABLED === 'true') {
    if (e.WECHATY_PUPPET === 'wechaty-puppet-service' && e.WECHATY_PUPPET_SERVICE_TOKEN === undefined) {
      throw new AppError('config_invalid', 'Invalid WECHATY_PUPPET_SERVICE_TOKEN: wechaty-puppet-service needs the token of your puppet-service provider');
    }
    config.wechat = {
      puppet: e.WECHATY_PUPPET,
      ...(e.WECHATY_PUPPET_SERVICE_TOKEN !== undefined ? { puppetToken: e.WECHATY_PUPPET_SERVICE_TOKEN } : {}),
      ...(e.WECHATY_PUPPET_SERVICE_ENDPOINT !== undefined ? { puppetEndpoint: e.WECHATY_PUPPET_SERVICE_ENDPOINT } : {}),
      ...(e.OFFICER_ROOM_TOPIC !== undefined ? { officerRoomTopic: e.OFFICER_ROOM_TOPIC } : {}),
      maxMessageChars: e.WECHAT_MAX_MESSAGE_CHARS,
      ratePerMinute: e.WECHAT_RATE_LIMIT_PER_MINUTE,
      paceMs: e.WECHAT_SEND_PACE_MS,
      dedupeSeconds: e.WECHAT_DEDUPE_SECONDS,
    };
  }
  if (e.OFFICER_BOOTSTRAP_LOGIN !== undefined || e.OFFICER_BOOTSTRAP_PASSWORD !== undefined) {
    if (e.OFFICER_BOOTSTRAP_LOGIN === undefined || e.OFFICER_BOOTSTRAP_PASSWORD === undefined) {
      throw new AppError('config_invalid', 'Invalid OFFICER_BOOTSTRAP_LOGIN/OFFICER_BOOTSTRAP_PASSWORD: set both to create the first lead at start, or neither');
    }
    config.officerBootstrap = { login: e.OFFICER_BOOTSTRAP_LOGIN, password: e.OFFICER_BOOTSTRAP_PASSWORD, team: e.OFFICER_BOOTSTRAP_TEAM };
  }
  return config;
}

/**
 * Reads `.env` (if present, without overriding real environment variables) and the environment.
 * On a bad value prints one line naming the variable and exits 1: the process must not start half-configured.
 */
export function loadConfig(): Config {
  try {
    process.loadEnvFile('.env');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  try {
    return parseConfig(process.env);
  } catch (err) {
    if (AppError.isInstance(err) && err.code === 'config_invalid') {
      process.stderr.write(`钱小智: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}
