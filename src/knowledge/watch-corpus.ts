import { watch, type FSWatcher } from 'node:fs';
import type { Logger } from '../core/logger.js';

/**
 * Watches the corpus folder and calls `reload` a moment after files stop changing, so an operator
 * who drops in a new official text (or edits a rule) needs no restart. Returns the stop function.
 */
export function watchCorpus(dir: string, onChange: () => Promise<void>, logger: Logger, quietMs = 1_500): () => void {
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  const reload = (): void => {
    onChange().catch((err: Error) => logger.error('corpus reload failed; what was loaded before stays in use', { error: err.message }));
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
