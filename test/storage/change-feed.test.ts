import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.js';
import { createChangeFeed, createInProcessChangeFeed, type ChangeFeed } from '../../src/storage/change-feed.js';
import type { SqlDb } from '../../src/storage/sql-db.js';

describe('in-process change feed', () => {
  it('delivers to every subscriber of the topic, not to other topics; unsubscribe stops delivery', async () => {
    const feed = createInProcessChangeFeed();
    const seen: string[] = [];
    const offA = feed.subscribe('tickets', (p) => seen.push(`a:${p}`));
    feed.subscribe('tickets', (p) => seen.push(`b:${p}`));
    feed.subscribe('messages', (p) => seen.push(`m:${p}`));
    await feed.publish('tickets', '42');
    offA();
    offA();
    await feed.publish('tickets', '43');
    expect(seen).toEqual(['a:42', 'b:42', 'b:43']);
    await feed.close();
  });

  it('a throwing listener is logged and the others still get the message', async () => {
    const errors: string[] = [];
    const feed = createInProcessChangeFeed({ logger: { info() {}, warn() {}, error: (m) => errors.push(m) } });
    const seen: string[] = [];
    feed.subscribe('tickets', () => {
      throw new Error('boom');
    });
    feed.subscribe('tickets', (p) => seen.push(p));
    await feed.publish('tickets', '1');
    expect(seen).toEqual(['1']);
    expect(errors).toHaveLength(1);
  });

  it('rejects unsafe topics and payloads over 7900 bytes', async () => {
    const feed: ChangeFeed = createInProcessChangeFeed();
    for (const topic of ['', 'Tickets', '1abc', 'a-b', 'a"; DROP', 'x'.repeat(64)]) {
      expect(() => feed.subscribe(topic, () => undefined)).toThrow(AppError);
      await expect(feed.publish(topic, '1')).rejects.toThrow(AppError);
    }
    await feed.publish('t', 'x'.repeat(7900));
    // 2 bytes a character in UTF-8 beyond the Latin range: 3951 × 2 bytes = 7902.
    await expect(feed.publish('t', 'é'.repeat(3951))).rejects.toMatchObject({ code: 'payload_too_large' });
  });

  it('publishing after close fails', async () => {
    const feed = createInProcessChangeFeed();
    await feed.close();
    await expect(feed.publish('t', '1')).rejects.toMatchObject({ code: 'feed_closed' });
  });
});

describe('createChangeFeed', () => {
  it('gives the in-process feed for a SQLite store', async () => {
    const feed = createChangeFeed({ location: { kind: 'sqlite', dataDir: '/nonexistent' }, db: { dialect: 'sqlite' } as SqlDb });
    const seen: string[] = [];
    feed.subscribe('t', (p) => seen.push(p));
    await feed.publish('t', '1');
    expect(seen).toEqual(['1']);
  });
});
