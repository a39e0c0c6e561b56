import { loadConfig } from '../config.js';
import { openKnowledgeBaseFromConfig } from '../knowledge/open-from-config.js';
import { parseArgs } from './args.js';
import { runCli } from './run-cli.js';

// `npm run ask -- "问题"`: the top passages with keys, scores and fused rank; `--json` for one JSON document.
await runCli(async (argv) => {
  const args = parseArgs(argv, ['k']);
  const question = args.positionals.join(' ').trim();
  if (question === '') throw new Error('Usage: npm run ask -- [--json] [--k N] "问题"');
  const config = loadConfig();
  const kb = await openKnowledgeBaseFromConfig(config);
  const k = Number(args.flags.get('k') ?? 5);
  const res = await kb.search(question, { k: Number.isFinite(k) && k > 0 ? k : 5 });
  if (args.flags.has('json')) {
    process.stdout.write(`${JSON.stringify({
      query: res.query, expandedQuery: res.expandedQuery, focus: res.focus, confidence: res.confidence,
      results: res.results.map((r) => ({
        rank: r.rank, key: r.key, heading: r.chunk.heading, document: r.chunk.shortName ?? r.chunk.docTitle, status: r.chunk.status,
        score: r.score, lexicalRank: r.lexicalRank ?? null, vectorRank: r.vectorRank ?? null, text: r.chunk.text,
      })),
    }, null, 2)}\n`);
    return;
  }
  process.stdout.write(`问题 ${res.query}\n检索 ${res.expandedQuery}\nconfidence ${res.confidence}\n\n`);
  for (const r of res.results) {
    const badge = r.chunk.status === 'superseded' ? ' [已废止]' : '';
    process.stdout.write(
      `#${r.rank} ${r.key}${badge}  ${r.chunk.shortName ?? r.chunk.docTitle} ${r.chunk.heading}\n` +
        `   fused ${r.score.toFixed(4)}  bm25 #${r.lexicalRank ?? '-'}  vector #${r.vectorRank ?? '-'}\n` +
        `   ${r.chunk.text.replace(/\s+/gu, ' ').slice(0, 120)}…\n`,
    );
  }
});
