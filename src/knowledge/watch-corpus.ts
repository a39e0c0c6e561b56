import { watch, type FSWatcher } from 'node:fs';
import type { Logger } from '../core/logger.js';
import type { KnowledgeBase } from './knowledge-base.js';

/**
 * Watches the corpus folder and reloads the knowledge base a moment after files stop changing, so
 * an operator who drops in a new official text needs no restart. Searches keep using the previous
 * index until the new one is swapped in. Returns the stop function.
 */
export function watchCorpus(dir: string, kb: KnowledgeBase, logger: Logger, quietMs = 1_500): () => void {
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  const reload = (): void => {
    kb.reload()
      .then((r) => {
        if (r.action !== 'loaded') logger.info('corpus reloaded', { action: r.action, documents: r.documents, chunks: r.chunks, changed: r.changed, ms: r.ms });
      })
      .catch((err: Error) => logger.error('corpus reload failed; the previous index stays in use', { error: err.message }));
  };
  try {
    watcher = watch(dir, { recursive: true }, () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(reload, quietMs);
      timer.unref();
    });
    watcher.on('error', (err) => logger.warn('corpus watcher stopped', { error: err.message }));
  } catch (err) {
    logger.warn('cannot watch the corpus folder; restart or run npm run ingest after changes', { error: (err as Error).message });
  }
  return () => {
    if (timer) clearTimeout(timer);
    watcher?.close();
  };
}
