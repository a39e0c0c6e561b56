import cliProgress from 'cli-progress';
import { loadConfig } from '../config.js';
import { openKnowledgeBaseFromConfig } from '../knowledge/open-from-config.js';
import { runCli } from './run-cli.js';
import { silentLogger } from '../core/logger.js';
import { systemClock } from '../core/ports/clock.js';
import { libraryCorpus, recordFolderVersions } from '../library/library-corpus.js';
import { createLibraryStore } from '../library/library-store.js';
import { createChangeFeed } from '../storage/change-feed.js';
import { openStore, type StoreLocation } from '../storage/open-store.js';
import { STORE_MIGRATIONS } from '../store-migrations.js';

// `npm run ingest`: records the texts of policies/ in the policy library (a changed file as the next
// version, as a publish from the console would), rebuilds the index from the library now, with a
// progress bar and a summary, and tells running instances (PostgreSQL) to reload.
await runCli(async () => {
  const config = loadConfig();
  const location: StoreLocation = config.database.url
    ? { kind: 'postgres', url: config.database.url, poolSize: 2, applicationName: 'qianxiaozhi ingest', ...(config.database.schema ? { schema: config.database.schema } : {}) }
    : { kind: 'sqlite', dataDir: config.dataDir };
  const db = await openStore(location, STORE_MIGRATIONS);
  const library = createLibraryStore(db, systemClock);
  const recorded = await recordFolderVersions(db, library, config.policiesDir);
  const bar = new cliProgress.SingleBar({ format: '嵌入 embedding |{bar}| {value}/{total} chunks', hideCursor: true }, cliProgress.Presets.shades_classic);
  let started = false;
  const kb = await openKnowledgeBaseFromConfig(config, {
    force: true,
    corpus: libraryCorpus(library, systemClock),
    onProgress: (done, total) => {
      if (total === 0) return;
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(done);
    },
  });
  if (started) bar.stop();
  const r = kb.lastReport();
  process.stdout.write(
    `documents ${r.documents}  chunks ${r.chunks}  embedded ${r.embedded}  reused ${r.reused}  ${r.ms} ms\n` +
      (r.failed.length > 0 ? `skipped ${r.failed.length} file(s):\n${r.failed.map((f) => `  ${f.path}: ${f.error}`).join('\n')}\n` : '') +
      (r.translationWarnings?.length ? `translation warnings:\n${r.translationWarnings.map((w) => `  ${w.path}: ${w.message}`).join('\n')}\n` : '') +
      `library: ${recorded.added.length} new document(s)${recorded.added.length ? ` (${recorded.added.join(', ')})` : ''}, ` +
      `${recorded.updated.length} new version(s)${recorded.updated.length ? ` (${recorded.updated.map((u) => `${u.id} v${u.version}`).join(', ')})` : ''}\n`,
  );
  if (recorded.added.length + recorded.updated.length > 0) {
    // Running instances reload from the library as after a publish in the console.
    const feed = createChangeFeed({ location, db, logger: silentLogger });
    for (const u of [...recorded.added.map((id) => ({ id, version: 1 })), ...recorded.updated]) {
      await feed.publish('library_published', JSON.stringify({ documentId: u.id, version: u.version, origin: 'ingest' }));
    }
    await feed.close();
  }
  await db.close();
});
