import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { assertUniqueIds, parseEvalFile, type EvalItem } from '../core/evaluation/eval-item.js';
import { figureOwners } from '../core/evaluation/answer-shape.js';
import { summarise, type EvalSummary } from '../core/evaluation/eval-metrics.js';
import { runEval } from '../core/evaluation/run-eval.js';
import { openKnowledgeBaseFromConfig } from '../knowledge/open-from-config.js';
import { onlyFlags, parseArgs, stringFlag, wantsHelp } from './args.js';
import { createRetrievalResponder } from './retrieval-responder.js';
import { runCli } from './run-cli.js';
import { createAssistantResponder } from './assistant-responder.js';
import { createServices } from '../create-services.js';
import { fixedClock } from '../core/ports/clock.js';
import { AppError } from '../core/errors.js';

/** The date seeds/eval/ was written for (its eligibility items count years and months from it). */
const EVAL_TODAY = '2026-11-27T12:00:00+08:00';

async function jsonlIn(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((f) => f.endsWith('.jsonl')).sort().map((f) => path.join(dir, f));
  } catch {
    return [];
  }
}

async function loadItems(files: readonly string[]): Promise<EvalItem[]> {
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
    `figure in first sentence ${pct(s.figureFirstShare)} (${s.figureItems} items)  wrong benefit ${s.wrongBenefit}`,
    `median single-fact answer length ${Number.isNaN(s.medianSingleFactLength) ? 'n/a' : s.medianSingleFactLength} chars`,
    `latency p50 ${s.p50Ms.toFixed(2)} ms  p95 ${s.p95Ms.toFixed(2)} ms`,
  ].join('\n');
}

const USAGE = `Usage: npm run eval                      dev (seeds/eval/), fresh and blind sets, each summarised
       npm run eval -- --file F [--out R]   one eval file; R gets one JSON line per item
Options: --failures (list failed items, never the blind set's)  --offline (no model even if configured)
         --retrieval-only  --today ISO-DATE (the date eligibility items count from)  --help`;

await runCli(async (argv) => {
  const args = parseArgs(argv, ['file', 'out', 'today']);
  if (wantsHelp(args)) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  onlyFlags(args, ['file', 'out', 'today', 'failures', 'offline', 'retrieval-only'], USAGE);
  if (args.positionals.length > 0) throw new AppError('usage', `unexpected argument ${args.positionals.join(' ')}\n${USAGE}`);
  const config = loadConfig();
  const file = stringFlag(args, 'file');
  const evalDir = path.join(config.seedsDir, 'eval');
  // With no --file: seeds/eval/*.jsonl is the dev set; seeds/eval/fresh/*.jsonl (written without
  // sight of the code, measured once before it was tuned on, see its README) and
  // seeds/eval/blind/*.jsonl (never tuned on) are reported on their own, never mixed into the dev figures.
  const sets: [string, EvalItem[]][] = file
    ? [['', await loadItems([path.resolve(file)])]]
    : [
        ['', await loadItems(await jsonlIn(evalDir))],
        ['fresh', await loadItems(await jsonlIn(path.join(evalDir, 'fresh')))],
        ['blind', await loadItems(await jsonlIn(path.join(evalDir, 'blind')))],
      ];
  assertUniqueIds(sets.flatMap(([, items]) => items));
  // The evaluation set's eligibility items are written for a fixed "today".
  const clock = fixedClock(stringFlag(args, 'today') ?? EVAL_TODAY);
  const services = args.flags.has('retrieval-only') ? undefined : await createServices(config, { clock, useModel: !args.flags.has('offline') });
  const knowledge = services?.knowledge ?? (await openKnowledgeBaseFromConfig(config));
  const respond = services ? createAssistantResponder(services.assistant) : createRetrievalResponder(knowledge);
  const owners = figureOwners(knowledge.state().chunkById.values());
  const allOutcomes = [];
  for (const [name, items] of sets) {
    if (items.length === 0 && name !== '') continue;
    const outcomes = await runEval(items, respond);
    allOutcomes.push(...outcomes);
    const summary = summarise(items, outcomes, owners);
    if (name) process.stdout.write(`\n== ${name} ==\n`);
    // The blind set is measured, never read: its failures are not printed.
    if (args.flags.has('failures') && name !== 'blind') {
      for (const f of summary.failures) process.stdout.write(`✗ ${f.id}: ${f.reasons.join('; ')}\n`);
    }
    process.stdout.write(`${formatSummary(summary)}\n`);
  }
  const out = stringFlag(args, 'out');
  if (out) await writeFile(out, allOutcomes.map((o) => JSON.stringify(o)).join('\n') + '\n');
});
