import cliProgress from 'cli-progress';
import { loadConfig } from '../config.js';
import { openKnowledgeBaseFromConfig } from '../knowledge/open-from-config.js';
import { runCli } from './run-cli.js';

// `npm run ingest`: rebuilds the index from policies/ now, with a progress bar and a summary.
await runCli(async () => {
  const config = loadConfig();
  const bar = new cliProgress.SingleBar({ format: '嵌入 embedding |{bar}| {value}/{total} chunks', hideCursor: true }, cliProgress.Presets.shades_classic);
  let started = false;
  const kb = await openKnowledgeBaseFromConfig(config, {
    force: true,
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
      (r.translationWarnings?.length ? `translation warnings:\n${r.translationWarnings.map((w) => `  ${w.path}: ${w.message}`).join('\n')}\n` : ''),
  );
});
