import type { Logger } from '../core/logger.js';
import { loadCorpus } from './loaders/load-corpus.js';
import type { SourceDocument } from './types.js';

/** The texts a knowledge base is built from, as one read. */
export interface CorpusRead {
  /** The documents that loaded. */
  docs: SourceDocument[];
  /** Files or versions that could not be loaded (skipped). */
  failed: { path: string; error: string }[];
}

/**
 * Where the policy texts come from: the policies/ folder (ingest, tests, the eval CLI) or the policy
 * library in the store (the server). Translations and rules stay files in either case.
 */
export type CorpusSource = () => Promise<CorpusRead>;

/** The texts of a folder, read with the corpus loaders; a file that fails is logged and skipped. */
export function folderCorpus(dir: string, logger?: Logger): CorpusSource {
  return async () => {
    const failed: CorpusRead['failed'] = [];
    const docs = await loadCorpus(dir, {
      onError: (file, err) => {
        failed.push({ path: file, error: err.message });
        logger?.warn('policy file skipped', { path: file, error: err.message });
      },
    });
    return { docs, failed };
  };
}
