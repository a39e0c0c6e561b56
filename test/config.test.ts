import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';
import { AppError } from '../src/core/errors.js';

const CWD = path.resolve('/srv/qxz');

function configError(env: Record<string, string | undefined>): AppError {
  try {
    parseConfig(env, CWD);
  } catch (err) {
    if (AppError.isInstance(err)) return err;
    throw err;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be rejected`);
}

describe('parseConfig', () => {
  it('fills every default from an empty environment', () => {
    expect(parseConfig({}, CWD)).toEqual({
      env: 'development',
      logLevel: 'info',
      dataDir: path.join(CWD, 'data'),
      policiesDir: path.join(CWD, 'policies'),
      seedsDir: path.join(CWD, 'seeds'),
      host: '127.0.0.1',
      port: 3000,
      web: { widgetOrigins: [], trustProxy: false, ratePerMinute: 30, conversationRatePerMinute: 12, maxMessageChars: 1000, maxTurnsInFlight: 64 },
      login: { maxAttempts: 5 },
      database: { poolSize: 10 },
      deliveryTimeoutMs: 60_000,
      metrics: {},
      search: { ef: 128, topK: 10, offlineDims: 768 },
    });
  });

  it('selects PostgreSQL with DATABASE_URL (pool size, schema, instance id); refuses a URL of another kind and hides it in errors', () => {
    const c = parseConfig({ DATABASE_URL: 'postgres://qxz:secret@db.internal:5432/qxz', DATABASE_POOL_SIZE: '4', DATABASE_SCHEMA: 'qiantang', INSTANCE_ID: 'web-1', DELIVERY_TIMEOUT_MS: '5000' }, CWD);
    expect(c.database).toEqual({ url: 'postgres://qxz:secret@db.internal:5432/qxz', poolSize: 4, schema: 'qiantang' });
    expect(c.instanceId).toBe('web-1');
    expect(c.deliveryTimeoutMs).toBe(5000);
    expect(parseConfig({ DATABASE_URL: '' }, CWD).database).toEqual({ poolSize: 10 });
    expect(() => parseConfig({ DATABASE_URL: 'mysql://root:secret@db/x' }, CWD)).toThrow(/DATABASE_URL.*\(value hidden\)/u);
    expect(() => parseConfig({ DATABASE_URL: 'mysql://root:secret@db/x' }, CWD)).not.toThrow(/secret/u);
    expect(() => parseConfig({ DATABASE_SCHEMA: 'Drop Table' }, CWD)).toThrow(/DATABASE_SCHEMA/u);
  });

  it('resolves relative paths against cwd and keeps absolute ones', () => {
    const c = parseConfig({ DATA_DIR: 'var/data', POLICIES_DIR: '../corpus', SEEDS_DIR: '/opt/seeds' }, CWD);
    expect(c.dataDir).toBe(path.join(CWD, 'var/data'));
    expect(c.policiesDir).toBe(path.resolve(CWD, '../corpus'));
    expect(c.seedsDir).toBe(path.resolve('/opt/seeds'));
    expect(path.isAbsolute(c.dataDir)).toBe(true);
  });

  it('uses process.cwd() when no cwd is given', () => {
    expect(parseConfig({}).dataDir).toBe(path.resolve(process.cwd(), 'data'));
  });

  it('coerces numbers from strings', () => {
    const c = parseConfig({ PORT: '0', SEARCH_EF: '200', SEARCH_TOP_K: '5', OFFLINE_EMBEDDING_DIMS: '256', NODE_ENV: 'test', LOG_LEVEL: 'silent' }, CWD);
    expect(c).toMatchObject({ port: 0, env: 'test', logLevel: 'silent', search: { ef: 200, topK: 5, offlineDims: 256 } });
  });

  it.each([['70000'], ['-1'], ['abc'], ['80.5']])('rejects PORT=%s with config_invalid naming PORT', (port) => {
    const err = configError({ PORT: port });
    expect(err.code).toBe('config_invalid');
    expect(err.message).toContain('PORT');
    expect(err.message).toContain(port);
  });

  it('rejects other bad values naming the variable', () => {
    expect(configError({ SEARCH_EF: '5' }).message).toContain('SEARCH_EF');
    expect(configError({ SEARCH_TOP_K: '0' }).message).toContain('SEARCH_TOP_K');
    expect(configError({ NODE_ENV: 'staging' }).message).toContain('NODE_ENV');
    expect(configError({ OPENAI_BASE_URL: 'not a url', OPENAI_MODEL: 'qwen' }).message).toContain('OPENAI_BASE_URL');
    expect(configError({ MAX_TURNS_IN_FLIGHT: '0' }).message).toContain('MAX_TURNS_IN_FLIGHT');
  });

  it('reads MAX_TURNS_IN_FLIGHT into the web limits', () => {
    expect(parseConfig({ MAX_TURNS_IN_FLIGHT: '8' }, CWD).web.maxTurnsInFlight).toBe(8);
  });

  it('reads the metrics settings: a short token or a bad port is refused', () => {
    expect(parseConfig({ METRICS_TOKEN: 'a-long-random-token-123', METRICS_PORT: '9464' }, CWD).metrics).toEqual({ token: 'a-long-random-token-123', port: 9464 });
    expect(configError({ METRICS_TOKEN: 'short' }).message).toContain('METRICS_TOKEN');
    expect(configError({ METRICS_PORT: '70000' }).message).toContain('METRICS_PORT');
  });

  it('reads LLM_TURN_BUDGET_MS into the chat model settings', () => {
    const c = parseConfig({ OPENAI_BASE_URL: 'http://127.0.0.1:8000/v1', OPENAI_MODEL: 'q', LLM_TURN_BUDGET_MS: '2500' }, CWD);
    expect(c.llm?.turnBudgetMs).toBe(2500);
    expect(configError({ LLM_TURN_BUDGET_MS: '5' }).message).toContain('LLM_TURN_BUDGET_MS');
  });

  it('treats an empty numeric variable like an unset one', () => {
    // `PORT=` in .env (as in a copied template) must not silently mean "any free port".
    expect(parseConfig({ PORT: '' }, CWD).port).toBe(3000);
    expect(parseConfig({ SEARCH_EF: '' }, CWD).search.ef).toBe(128);
  });

  it('rejects OPENAI_BASE_URL without OPENAI_MODEL and the other way round', () => {
    for (const env of [{ OPENAI_BASE_URL: 'http://127.0.0.1:8000/v1' }, { OPENAI_MODEL: 'qwen-plus' }]) {
      const err = configError(env);
      expect(err.code).toBe('config_invalid');
      expect(err.message).toContain('OPENAI_BASE_URL');
      expect(err.message).toContain('OPENAI_MODEL');
    }
  });

  it('configures the chat model when both are set, with default key, timeout and retries', () => {
    const c = parseConfig({ OPENAI_BASE_URL: 'http://127.0.0.1:8000/v1', OPENAI_MODEL: 'qwen-plus' }, CWD);
    expect(c.llm).toEqual({ baseURL: 'http://127.0.0.1:8000/v1', apiKey: 'none', model: 'qwen-plus', timeoutMs: 20_000, maxRetries: 1, turnBudgetMs: 8000 });
  });

  it('treats empty strings as unset', () => {
    const c = parseConfig({ OPENAI_BASE_URL: '', OPENAI_MODEL: '  ', EMBEDDINGS_BASE_URL: '', EMBEDDINGS_MODEL: '' }, CWD);
    expect(c.llm).toBeUndefined();
    expect(c.embeddings).toBeUndefined();
  });

  it('configures remote embeddings only with both URL and model', () => {
    const c = parseConfig({ EMBEDDINGS_BASE_URL: 'http://127.0.0.1:9000/v1', EMBEDDINGS_MODEL: 'bge-m3', EMBEDDINGS_DIMENSIONS: '1024', EMBEDDINGS_API_KEY: 'k' }, CWD);
    expect(c.embeddings).toEqual({ baseURL: 'http://127.0.0.1:9000/v1', model: 'bge-m3', apiKey: 'k', dimensions: 1024 });
    const err = configError({ EMBEDDINGS_MODEL: 'bge-m3' });
    expect(err.code).toBe('config_invalid');
    expect(err.message).toContain('EMBEDDINGS_BASE_URL');
  });
});

describe('OFFICER_BOOTSTRAP_*', () => {
  it('is off by default, and with login and password gives the first lead (team 综合 unless set)', () => {
    expect(parseConfig({}).officerBootstrap).toBeUndefined();
    expect(parseConfig({ OFFICER_BOOTSTRAP_LOGIN: 'zhou.lan', OFFICER_BOOTSTRAP_PASSWORD: 'a-long-password' }).officerBootstrap)
      .toEqual({ login: 'zhou.lan', password: 'a-long-password', team: '综合' });
    expect(parseConfig({ OFFICER_BOOTSTRAP_LOGIN: 'li.na', OFFICER_BOOTSTRAP_PASSWORD: 'a-long-password', OFFICER_BOOTSTRAP_TEAM: '补贴兑现' }).officerBootstrap?.team).toBe('补贴兑现');
  });

  it('refuses half a bootstrap, a bad login or team, and a short password without echoing it', () => {
    expect(() => parseConfig({ OFFICER_BOOTSTRAP_LOGIN: 'zhou.lan' })).toThrow(/set both/u);
    expect(() => parseConfig({ OFFICER_BOOTSTRAP_PASSWORD: 'a-long-password' })).toThrow(/set both/u);
    expect(() => parseConfig({ OFFICER_BOOTSTRAP_LOGIN: 'Zhou Lan', OFFICER_BOOTSTRAP_PASSWORD: 'a-long-password' })).toThrow(/OFFICER_BOOTSTRAP_LOGIN/u);
    expect(() => parseConfig({ OFFICER_BOOTSTRAP_LOGIN: 'zhou.lan', OFFICER_BOOTSTRAP_PASSWORD: 'a-long-password', OFFICER_BOOTSTRAP_TEAM: '财务' })).toThrow(/OFFICER_BOOTSTRAP_TEAM/u);
    let message = '';
    try {
      parseConfig({ OFFICER_BOOTSTRAP_LOGIN: 'zhou.lan', OFFICER_BOOTSTRAP_PASSWORD: 'tiny-pw' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('Invalid OFFICER_BOOTSTRAP_PASSWORD: the password needs at least 10 characters');
    expect(message).not.toContain('tiny-pw');
  });
});
