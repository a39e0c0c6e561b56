import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Chunk } from './types.js';

/** What an index folder was built from; start-up compares it with the corpus and the embedder. */
export interface Manifest {
  /** Layout version of the index folder. */
  version: 1;
  /** Embedder provider id. */
  embedder: string;
  /** Vector length. */
  dims: number;
  /** Document id → file path and content hash (and the hash of its English translation, if any). */
  documents: Record<string, { path: string; hash: string; en?: string }>;
  /** Number of chunks. */
  chunks: number;
  /** Digest of every chunk's embedded text: a splitter change invalidates the index too. */
  chunkDigest: string;
  /** ISO time of the build. */
  builtAt: string;
  /** Build time in milliseconds. */
  buildMs: number;
}

/** The files of an index folder. */
export const indexPaths = (dir: string) => ({
  manifest: path.join(dir, 'manifest.json'),
  chunks: path.join(dir, 'chunks.json'),
  vectors: path.join(dir, 'hnsw'),
  vectorCache: path.join(dir, 'vector-cache.json'),
});

/** Reads a JSON file, or undefined when it does not exist or cannot be parsed (a rebuild follows). */
export async function readJsonIfPresent<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** Writes JSON through a temporary file and a rename, so a crash never leaves half a file. */
export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  await writeFile(tmp, JSON.stringify(value));
  await rename(tmp, file);
}

/** Content hash of a chunk for the remote-vector cache: same text, same vector. */
export function chunkCacheKey(embedText: string): string {
  return createHash('sha256').update(embedText).digest('hex').slice(0, 32);
}

/** The text embedded for a chunk: its document's short name and the heading give the passage context. */
export function embedTextOf(chunk: Chunk): string {
  return `${chunk.shortName ?? chunk.docTitle} ${chunk.heading}\n${chunk.text}`;
}

/** Digest of the chunk texts in order. */
export function chunkDigest(chunks: readonly Chunk[]): string {
  const hash = createHash('sha256');
  for (const c of chunks) hash.update(`${c.id}\u0000${embedTextOf(c)}\u0001`);
  return hash.digest('hex');
}
