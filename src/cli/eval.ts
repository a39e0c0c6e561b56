import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { assertUniqueIds, parseEvalFile, type EvalItem } from '../core/evaluation/eval-item.js';
import { summarise, type EvalSummary } from '../core/evaluation/eval-metrics.js';
import { runEval } from '../core/evaluation/run-eval.js';
import { openKnowledgeBaseFromConfig } from '../knowledge/open-from-config.js';
import { parseArgs, stringFlag } from './args.js';
import { createRetrievalResponder } from './retrieval-responder.js';
import { runCli } from './run-cli.js';
import { createAssistantResponder } from './assistant-responder.js';
import { createServices } from '../create-services.js';
import { fixedClock } from '../core/ports/clock.js';

/** The date seeds/eval/ was written for (its eligibility items count years and months from it). */
const EVAL_TODAY = '2026-11-27T12:00:00+08:00';

async function loadItems(file: string | undefined, seedsDir: string): Promise<EvalItem[]> {
  const files = file ? [path.resolve(file)] : (await readdir(path.join(seedsDir, 'eval'))).filter((f) => f.endsWith('.jsonl')).sort().map((f) => path.join(seedsDir, 'eval', f));
  const items = (await Promise.all(files.map(async (f) => parseEvalFile(await readFile(f, 'utf8'), path.relative(process.cwd(), f))))).flat();
  assertUniqueIds(items);
  return items;
}

const pct = (x: number): string => (Number.isNaN(x) ? 'n/a' : x.toFixed(3));

/** The printed summary: one figure per line, so the last lines of a run are the result. */
export function formatSummary(s: EvalSummary): string {
  return [
    `items ${s.items} (retrieval ${s.retrievalItems})`,
    `hit@1 ${pct(s.hitAt1)}  hit@3 ${pct(s.hitAt3)}  MRR ${pct(s.mrr)}`,
    `answer accuracy ${pct(s.answerAccuracy)}  handoff recall ${pct(s.handoffRecall)}  false handoffs ${pct(s.falseHandoffRate)}`,
    `out-of-scope accuracy ${pct(s.outOfScopeAccuracy)}`,
    `latency p50 ${s.p50Ms.toFixed(2)} ms  p95 ${s.p95Ms.toFixed(2)} ms`,
  ].join('\n');
}

await runCli(async (argv) => {
  const args = parseArgs(argv, ['file', 'out', 'today']);
  const config = loadConfig();
  const items = await loadItems(stringFlag(args, 'file'), config.seedsDir);
  // The evaluation set's eligibility items are written for a fixed "today".
  const clock = fixedClock(stringFlag(args, 'today') ?? EVAL_TODAY);
  const respond = args.flags.has('retrieval-only')
    ? createRetrievalResponder(await openKnowledgeBaseFromConfig(config))
    : createAssistantResponder((await createServices(config, { clock, useModel: !args.flags.has('offline') })).assistant);
  const outcomes = await runEval(items, respond);
  const out = stringFlag(args, 'out');
  if (out) await writeFile(out, outcomes.map((o) => JSON.stringify(o)).join('\n') + '\n');
  const summary = summarise(items, outcomes);
  if (args.flags.has('failures')) {
    for (const f of summary.failures) process.stdout.write(`✗ ${f.id}: ${f.reasons.join('; ')}\n`);
  }
  process.stdout.write(`${formatSummary(summary)}\n`);
});
