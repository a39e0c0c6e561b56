import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunkCacheKey, chunkDigest, embedTextOf, indexPaths, readJsonIfPresent, writeJsonAtomic } from '../../src/knowledge/index-files.js';
import { makeChunk } from '../helpers/chunks.js';

describe('index files', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'qxz-index-files-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('names the files of an index folder', () => {
    expect(indexPaths('/x/index')).toEqual({
      manifest: path.join('/x/index', 'manifest.json'),
      chunks: path.join('/x/index', 'chunks.json'),
      vectors: path.join('/x/index', 'hnsw'),
      vectorCache: path.join('/x/index', 'vector-cache.json'),
    });
  });

  it('writes JSON atomically (creating folders) and reads it back', async () => {
    const file = path.join(dir, 'a', 'b', 'm.json');
    await writeJsonAtomic(file, { version: 1, docs: ['qt25'] });
    expect(await readJsonIfPresent(file)).toEqual({ version: 1, docs: ['qt25'] });
    expect((await readdir(path.dirname(file))).filter((n) => n.includes('.tmp'))).toEqual([]);
  });

  it('reads a missing or corrupt file as undefined', async () => {
    expect(await readJsonIfPresent(path.join(dir, 'none.json'))).toBeUndefined();
    const bad = path.join(dir, 'bad.json');
    await writeFile(bad, '{"version": 1,');
    expect(await readJsonIfPresent(bad)).toBeUndefined();
  });

  it('embeds a chunk with its short name and heading for context', () => {
    const c = makeChunk('qt25-6', { shortName: '人才新政25条', heading: '第六条 租房补贴', text: '正文' });
    expect(embedTextOf(c)).toBe('人才新政25条 第六条 租房补贴\n正文');
    const { shortName: _unused, ...noShort } = c;
    expect(embedTextOf({ ...noShort, docTitle: '全称' })).toBe('全称 第六条 租房补贴\n正文');
  });

  it('changes the digest when any chunk text or id changes, and keys the cache by text', () => {
    const chunks = [makeChunk('qt25-5'), makeChunk('qt25-6')];
    const base = chunkDigest(chunks);
    expect(chunkDigest(chunks.map((c) => ({ ...c })))).toBe(base);
    expect(chunkDigest([chunks[0] ?? makeChunk('x'), { ...(chunks[1] ?? makeChunk('x')), text: '改了' }])).not.toBe(base);
    expect(chunkDigest([...chunks].reverse())).not.toBe(base);
    expect(chunkCacheKey('a')).toBe(chunkCacheKey('a'));
    expect(chunkCacheKey('a')).not.toBe(chunkCacheKey('b'));
    expect(chunkCacheKey('a')).toMatch(/^[0-9a-f]{32}$/u);
  });
});
