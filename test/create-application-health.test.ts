import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';
import { createApplication, type Application } from '../src/create-application.js';
import { REPO_ROOT } from './helpers/services.js';

// The composed product as `npm start` serves it: what the public port tells anyone who asks.

let dir: string;
let app: Application;
let server: Server;
let base: string;
const MODEL = 'secret-model-name-7b';
const LLM_URL = 'http://10.1.2.3:8000/v1';

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'qxz-health-'));
  app = await createApplication(parseConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', OPENAI_BASE_URL: LLM_URL, OPENAI_MODEL: MODEL }, REPO_ROOT));
  server = app.web.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await app.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the public port', () => {
  it('/healthz says whether the parts work, without the model, its endpoint or other configuration', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(MODEL);
    expect(text).not.toContain('10.1.2.3');
    expect(text).not.toContain(dir);
    const body = JSON.parse(text) as { ok: boolean; checks: Record<string, { ok: boolean; detail?: { chunks?: number } }> };
    expect(body.ok).toBe(true);
    expect(body.checks['store']).toEqual({ ok: true, detail: { kind: 'sqlite' } });
    expect(body.checks['index']?.detail?.chunks).toBeGreaterThan(0);
    expect(Object.keys(body.checks)).not.toContain('llm');
  });

  it('has no /metrics without METRICS_TOKEN', async () => {
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/u);
  });
});

describe('a store that stops answering', () => {
  it('/healthz turns 503 with the store check false, still naming the instance and no configuration', async () => {
    await app.db.close();
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { ok: boolean; checks: Record<string, { ok: boolean; detail?: Record<string, unknown> }> };
    expect(body.ok).toBe(false);
    expect(body.checks['store']).toEqual({ ok: false, detail: { kind: 'sqlite', error: 'database unavailable' } });
    expect(body.checks['process']?.detail?.['instance']).toBe(app.instanceId);
  });
});
