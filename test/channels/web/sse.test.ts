import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSse, piecesOf, type SseStream } from '../../../src/channels/web/sse.js';
import { readSse } from '../../helpers/web-server.js';

describe('piecesOf', () => {
  it('splits after sentence ends and line breaks', () => {
    expect(piecesOf('第一句。第二句！第三句？第四句；尾巴')).toEqual(['第一句。', '第二句！', '第三句？', '第四句；', '尾巴']);
    expect(piecesOf('标题\n\n- 一\n- 二')).toEqual(['标题\n\n', '- 一\n', '- 二']);
    expect(piecesOf('好的！！后面')).toEqual(['好的！！', '后面']);
  });

  it.each([
    ['plain', '硕士3万元。'],
    ['Markdown answer', '根据《人才新政25条》第五条[qt25-5]：\n\n**硕士3万元。**\n\n> 原文。\n\n_示例文本，非官方原文；金额与条件以官方最新发布为准。_'],
    ['no punctuation at all', 'According to the policy, a master gets 30000 yuan'],
    ['only line breaks', '\n\n\n'],
    ['empty', ''],
    ['a lone mark', '。'],
    ['trailing breaks', '答案。\n\n'],
    ['leading line breaks', '\n\n答案。'],
    ['a leading full stop', '。开头的句子'],
    ['leading question marks', '？？什么意思'],
    ['a mark after leading line breaks', '\n；下一行'],
  ])('keeps the whole text (%s)', (_name, text) => {
    const pieces = piecesOf(text);
    expect(pieces.join('')).toBe(text);
    if (text !== '') for (const p of pieces) expect(p).not.toBe('');
  });
});

describe('openSse', () => {
  let server: Server;
  let base: string;
  let lastStream: SseStream | undefined;
  let closedSeen: Promise<boolean> | undefined;

  beforeAll(async () => {
    const app = express();
    app.get('/events', (_req, res) => {
      const sse = openSse(res);
      sse.send('delta', { text: '第一行\n第二行' });
      sse.send('message', { seq: 7, role: 'officer' }, 7);
      sse.send('done', 'string data', 'abc');
      sse.comment('ping');
      sse.end();
      // After the end nothing more is written, and nothing throws.
      sse.send('late', { x: 1 });
      sse.comment('late');
      sse.end();
    });
    app.get('/open', (_req, res) => {
      const sse = openSse(res);
      lastStream = sse;
      closedSeen = new Promise((resolve) => res.on('close', () => resolve(sse.closed)));
      sse.send('hello', { ok: true });
    });
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('sets the SSE headers', async () => {
    const res = await fetch(`${base}/events`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(res.headers.get('x-accel-buffering')).toBe('no');
    await res.text();
  });

  it('writes "event:", optional "id:", one "data:" line of JSON, and a blank line; comments start with a colon', async () => {
    const res = await fetch(`${base}/events`);
    const text = await res.text();
    expect(text).toBe(
      [
        'event: delta\ndata: {"text":"第一行\\n第二行"}\n\n',
        'event: message\nid: 7\ndata: {"seq":7,"role":"officer"}\n\n',
        'event: done\nid: abc\ndata: "string data"\n\n',
        ': ping\n\n',
      ].join(''),
    );
  });

  it('parses back as the events sent', async () => {
    const reader = readSse(await fetch(`${base}/events`));
    const events = await reader.all();
    expect(events).toEqual([
      { event: 'delta', data: JSON.stringify({ text: '第一行\n第二行' }) },
      { event: 'message', id: '7', data: JSON.stringify({ seq: 7, role: 'officer' }) },
      { event: 'done', id: 'abc', data: '"string data"' },
    ]);
    expect(reader.comments).toEqual(['ping']);
  });

  it('marks the stream closed when the client goes, and then writes nothing', async () => {
    const ctrl = new AbortController();
    const res = await fetch(`${base}/open`, { signal: ctrl.signal });
    const reader = readSse(res);
    expect(await reader.next()).toEqual({ event: 'hello', data: '{"ok":true}' });
    expect(lastStream?.closed).toBe(false);
    ctrl.abort();
    await reader.cancel();
    expect(await closedSeen).toBe(true);
    expect(() => {
      lastStream?.send('after', { x: 1 });
      lastStream?.comment('after');
      lastStream?.end();
    }).not.toThrow();
  });
});
