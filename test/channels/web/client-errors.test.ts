import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../helpers/web-server.js';

// Errors Node answers before express runs: they must be JSON too, not an empty body.

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s?.close();
});

/** Sends raw bytes and reads until the server closes the connection. */
function raw(request: string): Promise<string> {
  const { port } = new URL(s.baseURL);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1');
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (text += d));
    socket.on('end', () => resolve(text));
    socket.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' ? resolve(text) : reject(err)));
    socket.write(request);
  });
}

function parse(response: string): { status: number; headers: Map<string, string>; body: string } {
  const [head = '', body = ''] = response.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = new Map(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
  return { status: Number(statusLine.split(' ')[1]), headers, body };
}

describe('errors answered before express', () => {
  it.each([
    ['a request line over the limit', `GET /api/conversations?q=${'x'.repeat(20_000)} HTTP/1.1\r\nHost: a\r\n\r\n`],
    ['a header over the limit', `GET /healthz HTTP/1.1\r\nHost: a\r\nX-Big: ${'y'.repeat(20_000)}\r\n\r\n`],
  ])('%s → 431 JSON, connection closed', async (_what, request) => {
    const res = parse(await raw(request));
    expect(res.status).toBe(431);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/u);
    expect(res.headers.get('connection')).toBe('close');
    expect(JSON.parse(res.body)).toEqual({ error: { code: 'headers_too_large', message: expect.any(String) } });
  });

  it('a malformed request → 400 JSON', async () => {
    const res = parse(await raw('THIS IS NOT HTTP\r\n\r\n'));
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/u);
    expect(JSON.parse(res.body)).toEqual({ error: { code: 'bad_request', message: expect.any(String) } });
  });

  it('the server still answers afterwards', async () => {
    expect((await fetch(`${s.baseURL}/healthz`)).status).toBe(200);
  });
});
