import type { Chunk } from '../../src/knowledge/types.js';

/**
 * A chunk for unit tests of fusion and confidence: key `${docId}-${number}`, id = key (or key#part),
 * current policy unless told otherwise.
 */
export function makeChunk(key: string, overrides: Partial<Chunk> = {}): Chunk {
  const dash = key.lastIndexOf('-');
  const docId = dash > 0 ? key.slice(0, dash) : key;
  const number = dash > 0 ? Number(key.slice(dash + 1)) : 0;
  const part = overrides.part ?? 1;
  const parts = overrides.parts ?? 1;
  return {
    id: parts > 1 ? `${key}#${part}` : key,
    key,
    docId,
    docTitle: `${docId} 标题`,
    kind: 'policy',
    status: 'current',
    heading: `第${number}条`,
    number,
    text: `${key} 的正文`,
    part,
    parts,
    ...overrides,
  };
}

/** A lookup from chunk id to chunk, as the knowledge base passes to fusion. */
export function lookup(chunks: readonly Chunk[]): (id: string) => Chunk | undefined {
  const byId = new Map(chunks.map((c) => [c.id, c]));
  return (id) => byId.get(id);
}
