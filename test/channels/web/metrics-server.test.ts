import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics } from '../../../src/channels/web/metrics.js';
import { serveMetrics } from '../../../src/channels/web/metrics-server.js';

describe('serveMetrics (METRICS_PORT)', () => {
  const metrics = createMetrics();
  let server: Server;
  let base: string;
  beforeAll(async () => {
    const started = await serveMetrics(metrics, 0);
    server = started.server;
    base = `http://127.0.0.1:${started.port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('listens on 127.0.0.1 only by default', () => {
    expect(server.address()).toMatchObject({ address: '127.0.0.1' });
  });

  it('serves the registry at /metrics without a token', async () => {
    metrics.answers.inc({ intent: 'greeting', scope: 'in' });
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/u);
    expect(await res.text()).toContain('qxz_answers_total{intent="greeting",scope="in"} 1');
  });

  it('anything else → 404 JSON', async () => {
    for (const p of ['/', '/healthz', '/metrics/x', '/api/conversations']) {
      const res = await fetch(`${base}${p}`);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'Not found' } });
    }
  });
});
