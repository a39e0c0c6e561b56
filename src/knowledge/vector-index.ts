import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import hnswlib from 'hnswlib-node';
import type { Hit } from './lexical-index.js';

const { HierarchicalNSW } = hnswlib;
type Hnsw = InstanceType<typeof HierarchicalNSW>;

/** A vector as the index takes it: a plain array or (one copy of 4 bytes a value) a Float32Array. */
export type Vector = readonly number[] | Float32Array;

/** Approximate nearest-neighbour search over chunk vectors (hnswlib). */
export interface VectorIndex {
  /** Top hits for a query vector: cosine similarity, best first. */
  search(vector: number[], k: number): Promise<Hit[]>;
  /** Adds vectors for chunk ids (serialised against saves). The index copies them: callers may drop theirs. */
  add(ids: readonly string[], vectors: readonly Vector[]): Promise<void>;
  /** Writes the index to `dir` atomically (serialised against adds). */
  save(dir: string): Promise<void>;
  /** Number of vectors. */
  readonly size: number;
  /** The search breadth in use (hnswlib's ef). */
  readonly ef: number;
}

// The folder layout is the one LangChain's HNSWLib store wrote (hnswlib.index, args.json, and
// docstore.json mapping each label to its chunk id), so folders saved before still load.
const INDEX_FILE = 'hnswlib.index';
const ARGS_FILE = 'args.json';
const LABELS_FILE = 'docstore.json';
type SavedLabels = [string, { pageContent: string; metadata: { chunkId: string } }][];

/**
 * hnswlib with `ef` always set (left alone, hnswlib searches with ef=10, which loses most true
 * neighbours), a save that never overlaps an add (hnswlib writes the file on a background thread and
 * a concurrent addPoint corrupts it), and labels mapped to chunk ids in one array: the vectors live
 * only inside hnswlib (4 bytes a value), with no document object per vector beside them.
 */
function wrapIndex(dims: number, ef: number, loaded?: { index: Hnsw; ids: string[] }): VectorIndex {
  let index = loaded?.index;
  const ids = loaded?.ids ?? [];
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };
  const count = (): number => index?.getCurrentCount() ?? 0;
  return {
    get size() {
      return count();
    },
    get ef() {
      return index?.getEf() ?? ef;
    },
    async search(vector, k) {
      const n = count();
      if (n === 0 || !index) return [];
      if (vector.length !== dims) throw new Error(`Query vector must have ${dims} dimensions, not ${vector.length}`);
      const { neighbors, distances } = index.searchKnn(vector, Math.min(k, n));
      return neighbors.map((label, i) => ({ chunkId: ids[label] ?? '', score: 1 - (distances[i] ?? 1) }));
    },
    add(chunkIds, vectors) {
      return exclusive(async () => {
        if (vectors.length === 0) return;
        if (chunkIds.length !== vectors.length) throw new Error('Vectors and chunk ids must have the same length');
        if (!index) {
          index = new HierarchicalNSW('cosine', dims);
          index.initIndex(vectors.length);
        } else if (count() + vectors.length > index.getMaxElements()) index.resizeIndex(count() + vectors.length);
        const first = count();
        vectors.forEach((v, i) => {
          if (v.length !== dims) throw new Error(`Vectors must have ${dims} dimensions, not ${v.length}`);
          // hnswlib takes plain arrays only: a short-lived copy per vector, never all at once.
          index?.addPoint(Array.isArray(v) ? (v as number[]) : Array.from(v), first + i);
          ids[first + i] = chunkIds[i] ?? '';
        });
        index.setEf(ef);
      });
    },
    save(dir) {
      return exclusive(async () => {
        if (!index) throw new Error('Cannot save an empty vector index');
        const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
        await mkdir(tmp, { recursive: true });
        const labels: SavedLabels = ids.map((chunkId, label) => [String(label), { pageContent: '', metadata: { chunkId } }]);
        await Promise.all([
          index.writeIndex(path.join(tmp, INDEX_FILE)),
          writeFile(path.join(tmp, ARGS_FILE), JSON.stringify({ space: 'cosine', numDimensions: dims })),
          writeFile(path.join(tmp, LABELS_FILE), JSON.stringify(labels)),
        ]);
        await rm(dir, { recursive: true, force: true });
        await rename(tmp, dir);
      });
    },
  };
}

/** An empty cosine index of the given dimensions. */
export function createVectorIndex(dims: number, ef: number): VectorIndex {
  return wrapIndex(dims, ef);
}

/** Loads a saved index and sets `ef` again (the file does not keep it). */
export async function loadVectorIndex(dir: string, ef: number): Promise<VectorIndex> {
  const args = JSON.parse(await readFile(path.join(dir, ARGS_FILE), 'utf8')) as { space?: string; numDimensions?: number };
  if (args.space !== 'cosine' || typeof args.numDimensions !== 'number') throw new Error(`Unsupported vector index in ${dir}`);
  const index = new HierarchicalNSW('cosine', args.numDimensions);
  const [labels] = await Promise.all([
    readFile(path.join(dir, LABELS_FILE), 'utf8').then((t) => JSON.parse(t) as SavedLabels),
    index.readIndex(path.join(dir, INDEX_FILE)),
  ]);
  const ids: string[] = [];
  for (const [label, doc] of labels) ids[Number(label)] = doc.metadata.chunkId;
  index.setEf(ef);
  return wrapIndex(args.numDimensions, ef, { index, ids });
}
