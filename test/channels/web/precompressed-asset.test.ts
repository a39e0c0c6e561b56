import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWidget } from '../../../src/channels/web/build-widget.js';
import { pickEncoding, servePrecompressed } from '../../../src/channels/web/precompressed-asset.js';

describe('pickEncoding', () => {
  it('prefers brotli, then gzip, honours q=0 and falls back to none', () => {
    expect(pickEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(pickEncoding('gzip;q=1.0, br;q=0')).toBe('gzip');
    expect(pickEncoding('deflate')).toBe('identity');
    expect(pickEncoding(undefined)).toBe('identity');
    expect(pickEncoding('*')).toBe('br');
    expect(pickEncoding('*, br;q=0')).toBe('gzip');
    expect(pickEncoding('identity')).toBe('identity');
  });
});

describe('a script served precompressed', () => {
  let server: Server;
  let base: string;
  let builds = 0;
  let code = '';

  beforeAll(async () => {
    code = (await buildWidget()).code;
    const app = express();
    const asset = servePrecompressed(async () => {
      builds += 1;
      return code;
    }, { type: 'application/javascript; charset=utf-8', cacheControl: 'public, max-age=300' });
    app.get('/widget.js', asset.handler);
    await asset.ready();
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 30_000);

  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
  });

  // Node's fetch decodes bodies itself; raw bytes need the http module.
  const get = (headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> =>
    new Promise((resolve, reject) => {
      import('node:http').then(({ get: httpGet }) => {
        httpGet(`${base}/widget.js`, { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        }).on('error', reject);
      }, reject);
    });

  it('is built once, at start, before any request', () => {
    expect(builds).toBe(1);
  });

  it('sends brotli or gzip by Accept-Encoding, with an ETag, Vary and cache headers', async () => {
    const br = await get({ 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['vary']).toBe('Accept-Encoding');
    expect(br.headers['cache-control']).toBe('public, max-age=300');
    expect(br.headers['etag']).toMatch(/^"[\w-]+-br"$/u);
    expect(brotliDecompressSync(br.body).toString('utf8')).toBe(code);

    const gz = await get({ 'Accept-Encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString('utf8')).toBe(code);
    const plain = await get({});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString('utf8')).toBe(code);
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(gz.body.length);
    expect(gz.body.length).toBeLessThan(plain.body.length / 2);
    expect(builds).toBe(1);
  });

  it('answers 304 to a matching If-None-Match, 200 to a stale one', async () => {
    const first = await get({ 'Accept-Encoding': 'br' });
    const again = await get({ 'Accept-Encoding': 'br', 'If-None-Match': String(first.headers['etag']) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers['etag']).toBe(first.headers['etag']);
    expect((await get({ 'Accept-Encoding': 'br', 'If-None-Match': `W/${String(first.headers['etag'])}` })).status).toBe(304);
    expect((await get({ 'Accept-Encoding': 'br', 'If-None-Match': '"stale"' })).status).toBe(200);
  });

  it('retries a build that failed at start on the next request', async () => {
    let calls = 0;
    const asset = servePrecompressed(async () => {
      calls += 1;
      if (calls === 1) throw new Error('esbuild failed');
      return 'ok();';
    }, { type: 'application/javascript', cacheControl: 'no-cache' });
    await expect(asset.ready()).rejects.toThrow('esbuild failed');
    expect((await asset.ready()).identity.toString()).toBe('ok();');
    expect(calls).toBe(2);
  });
});
