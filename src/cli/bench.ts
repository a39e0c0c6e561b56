import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { Document } from '@langchain/core/documents';
import { loadConfig } from '../config.js';
import { parseEvalFile, type EvalItem } from '../core/evaluation/eval-item.js';
import { keyMatches } from '../core/evaluation/eval-metrics.js';
import { standaloneQuery } from '../core/follow-up.js';
import { embedTextOf } from '../knowledge/index-files.js';
import { openKnowledgeBaseFromConfig } from '../knowledge/open-from-config.js';
import { loadGlossary } from '../knowledge/glossary.js';
import { createJiebaTokenizer } from '../knowledge/tokenizer.js';
import { onlyFlags, parseArgs, stringFlag, wantsHelp } from './args.js';
import { latency, median, round, timed } from './bench/measure.js';
import { measureScale, type ScaleRow } from './bench/scale-run.js';
import { measureStartup, type StartupRow } from './bench/startup.js';
import { runCli } from './run-cli.js';
import { createServices } from '../create-services.js';
import type { Assistant } from '../core/assistant/create-assistant.js';
import { fixedClock } from '../core/ports/clock.js';
import { createInstantModel } from './bench/instant-model.js';
import { HELLO_SETUP, measureChatApi, type ChatApiRow, type LoadSetup } from './bench/chat-api-load.js';
import { questionOf, TURNS_PER_CONVERSATION } from './bench/load-driver.js';
import { measureTurnWrites, type TurnSample, type TurnWriteRow } from './bench/turn-write-bench.js';
import { createMemoryConversationStore, type ConversationStore } from '../core/ports/conversation-store.js';
import type { Reply } from '../core/types.js';

type Retrieve = (question: string) => Promise<string[]>;

interface MethodRow {
  method: string;
  hitAt3: number;
  mrr: number;
  p50: number;
  p95: number;
}

/** Runs every item `rounds` times (after one warm-up pass) and scores the first round. */
async function measureMethod(method: string, items: EvalItem[], retrieve: Retrieve, rounds: number, topicOf: (q: string) => boolean): Promise<MethodRow> {
  const queries = items.map((i) => standaloneQuery(i.history, i.question, topicOf));
  for (const q of queries) await retrieve(q);
  let hit3 = 0;
  let rr = 0;
  const ms: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const [i, q] of queries.entries()) {
      const { value: keys, ms: t } = await timed(() => retrieve(q));
      ms.push(t);
      if (r > 0) continue;
      const expected = items[i]?.expect.cite ?? [];
      const rank = keys.slice(0, 10).findIndex((k) => expected.some((e) => keyMatches(k, e))) + 1;
      if (rank > 0 && rank <= 3) hit3 += 1;
      if (rank > 0) rr += 1 / rank;
    }
  }
  return { method, hitAt3: round(hit3 / items.length), mrr: round(rr / items.length), ...latency(ms) };
}

const unique = (keys: string[]): string[] => [...new Set(keys)];

/** Latency of whole answers: every item in a fresh conversation, earlier turns first (not timed). */
async function measureAnswers(items: EvalItem[], assistant: Assistant, rounds: number): Promise<{ p50: number; p95: number }> {
  const ms: number[] = [];
  for (let r = 0; r <= rounds; r++) {
    for (const [i, item] of items.entries()) {
      const conversationId = `bench-${r}-${i}`;
      const turn = (text: string) => ({ conversationId, userId: 'bench', channel: 'cli' as const, text });
      for (const earlier of item.history) await assistant.handle(turn(earlier));
      const t = await timed(() => assistant.handle(turn(item.question)));
      // Round 0 warms up.
      if (r > 0) ms.push(t.ms);
    }
  }
  return latency(ms);
}

/**
 * Answers per second in-process, asked as the chat API's load asks (each of ten people its own
 * questions, a new conversation every ten messages), one after another for `seconds`: the ceiling
 * the chat API is held against.
 */
async function answersPerSecond(assistant: Assistant, questions: string[], seconds: number, run: number): Promise<number> {
  let done = 0;
  const endAt = performance.now() + seconds * 1000;
  for (let k = 0; performance.now() < endAt; k++) {
    const person = k % 10;
    const n = Math.floor(k / 10);
    const conversationId = `rate-${run}-${person}-${Math.floor(n / TURNS_PER_CONVERSATION)}`;
    await assistant.handle({ conversationId, userId: 'bench', channel: 'cli', text: questionOf(questions, person, n) });
    done += 1;
  }
  return round(done / seconds);
}

/** A turn as the chat API writes it: the tenth of a conversation, with its real state and reply. */
async function turnSample(assistant: Assistant, conversations: ConversationStore, questions: string[]): Promise<TurnSample> {
  const id = 'sample';
  const messages: TurnSample['legacyState']['messages'] = [];
  let last: { question: string; reply: Reply } | undefined;
  let lastCitations: Reply['citations'] | undefined;
  for (const question of questions.slice(0, 10)) {
    const reply = await assistant.handle({ conversationId: id, userId: 'bench', channel: 'cli', text: question });
    const at = new Date().toISOString();
    messages.push({ role: 'user', text: question, at }, { role: 'assistant', text: reply.text, at, keys: reply.citations.map((c) => c.key) });
    if (reply.citations.length > 0) lastCitations = reply.citations;
    last = { question, reply };
  }
  const state = (await conversations.get(id))!;
  const { questions: _q, recent: _r, ...rest } = state;
  // What the state was before: the last 20 messages and the last answer's citations.
  return { state, legacyState: { ...rest, messages: messages.slice(-20), ...(lastCitations ? { lastCitations } : {}) } as TurnSample['legacyState'], ...last! };
}

const USAGE = `Usage: npm run bench -- [--scale N] [--rounds N] [--load-seconds S] [--connections 10,50] [--repeats N]
                        [--pg postgres://…] [--no-startup] [--json]
  --scale 0 skips the synthetic-corpus step; --load-seconds 0 skips the HTTP load step.`;

await runCli(async (argv) => {
  const args = parseArgs(argv, ['scale', 'rounds', 'load-seconds', 'connections', 'pg', 'repeats']);
  if (wantsHelp(args)) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  onlyFlags(args, ['scale', 'rounds', 'load-seconds', 'connections', 'pg', 'repeats', 'no-startup', 'json'], USAGE);
  const scale = Number(stringFlag(args, 'scale') ?? 100_000);
  const rounds = Number(stringFlag(args, 'rounds') ?? 5);
  const config = loadConfig();
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'qxz-bench-'));
  try {
    // 1. Ingest from scratch into a temporary data folder.
    const kb = await openKnowledgeBaseFromConfig({ ...config, dataDir: tmp }, { force: true });
    const ingest = kb.lastReport();
    const evalDir = path.join(config.seedsDir, 'eval');
    const files = (await readdir(evalDir)).filter((f) => f.endsWith('.jsonl')).sort();
    const items = (await Promise.all(files.map(async (f) => parseEvalFile(await readFile(path.join(evalDir, f), 'utf8'), f)))).flat().filter((i) => i.expect.cite);

    // 2. Scale first, while the process holds little else: synthetic chunks through the same indexes
    // and search, memory read after each step.
    let scaleRow: ScaleRow | undefined;
    if (scale > 0) {
      const glossary = await loadGlossary(path.join(config.seedsDir, 'glossary.yaml'));
      const tokenizer = createJiebaTokenizer({ extraWords: glossary.terms });
      const queries = items.map((i) => standaloneQuery(i.history, i.question, (q) => kb.hasTopic(q)));
      scaleRow = await measureScale(kb.state().chunks, scale, queries, { glossary, tokenizer, dims: config.search.offlineDims, ef: config.search.ef });
    }

    // Start-up as `npm start` runs it, on this data folder (its index is built): to /healthz 200, idle RSS.
    const startup: StartupRow | undefined = args.flags.has('no-startup') ? undefined : await measureStartup(tmp);

    // 3. The fused search and two baselines on the same chunks and embeddings.
    const state = kb.state();
    const topicOf = (q: string): boolean => kb.hasTopic(q);
    const plain = await HNSWLib.fromDocuments(
      state.chunks.map((c) => new Document({ pageContent: embedTextOf(c), metadata: { key: c.key } })),
      state.embeddings,
    );
    const retriever = plain.asRetriever(10);
    const rows = [
      await measureMethod('fused (BM25 + HNSW, glossary, RRF)', items, async (q) => (await kb.search(q, { k: 10 })).results.map((r) => r.key), rounds, topicOf),
      await measureMethod('LangChain HNSWLib.asRetriever()', items, async (q) => unique((await retriever.invoke(q)).map((d) => String(d.metadata['key']))), rounds, topicOf),
      await measureMethod('BM25 alone (jieba)', items, async (q) => unique(state.lexical.search(q, 30).map((h) => state.chunkById.get(h.chunkId)?.key ?? '')).slice(0, 10), rounds, topicOf),
    ];

    // 4. Whole answers: the assistant offline, and on top of an instant in-process model.
    const allItems = (await Promise.all(files.map(async (f) => parseEvalFile(await readFile(path.join(evalDir, f), 'utf8'), f)))).flat();
    const clock = fixedClock('2026-11-27T12:00:00+08:00');
    const benchConfig = { ...config, dataDir: tmp };
    const answerRows = [
      { path: 'assistant, offline', ...(await measureAnswers(allItems, (await createServices(benchConfig, { clock, useModel: false })).assistant, rounds)) },
      { path: 'assistant + instant fake LLM', ...(await measureAnswers(allItems, (await createServices(benchConfig, { clock, model: createInstantModel() })).assistant, rounds)) },
    ];

    // 5. What writing a turn costs on SQLite: three commits against one, synchronous FULL and NORMAL.
    const loadSeconds = Number(stringFlag(args, 'load-seconds') ?? 8);
    const repeats = Number(stringFlag(args, 'repeats') ?? 3);
    const questions = allItems.map((i) => i.question);
    const memory = createMemoryConversationStore();
    const offline = (await createServices(benchConfig, { clock, useModel: false, conversations: memory })).assistant;
    let turnWrites: TurnWriteRow[] = [];
    if (loadSeconds > 0) turnWrites = await measureTurnWrites(await turnSample(offline, memory, questions), Math.min(loadSeconds, 3));

    // 6. The chat API over HTTP against the answers in-process and an express hello-world (each server
    // and the load generator a process of its own), at each connection count, repeated; medians.
    const connections = (stringFlag(args, 'connections') ?? '10,50').split(',').map(Number).filter((n) => n > 0);
    const postgresUrl = stringFlag(args, 'pg') ?? config.database.url;
    let chatApi: ChatApiRow[] = [];
    let inProcess = 0;
    if (loadSeconds > 0) {
      const rates: number[] = [];
      for (let r = 0; r < repeats; r++) rates.push(await answersPerSecond(offline, questions, Math.min(loadSeconds, 4), r));
      inProcess = round(median(rates));
      const setups: LoadSetup[] = [
        { setup: 'SQLite, 1 instance', instances: 1 },
        ...(postgresUrl ? [{ setup: 'PostgreSQL, 1 instance', instances: 1, postgresUrl }, { setup: 'PostgreSQL, 2 instances', instances: 2, postgresUrl }] : []),
      ];
      chatApi = await measureChatApi(setups, questions, { connections, seconds: loadSeconds, repeats });
    }
    const ratios = connections.map((c) => {
      const hello = chatApi.find((r) => r.setup === HELLO_SETUP && r.connections === c);
      const sqlite = chatApi.find((r) => r.setup === 'SQLite, 1 instance' && r.connections === c);
      return {
        connections: c,
        apiOverInProcess: sqlite && inProcess > 0 ? round(sqlite.answersPerSecond / inProcess) : 0,
        apiOverHello: sqlite && hello?.answersPerSecond ? round(sqlite.answersPerSecond / hello.answersPerSecond) : 0,
        p99OverP50: sqlite?.p50 ? round(sqlite.p99 / sqlite.p50) : 0,
      };
    });

    const report = { ingest: { documents: ingest.documents, chunks: ingest.chunks, ms: ingest.ms }, evalItems: items.length, rounds, methods: rows, answers: answerRows, scale: scaleRow, startup, turnWrites, chatApi: { connections, seconds: loadSeconds, repeats, inProcessAnswersPerSecond: inProcess, rows: chatApi, ratios } };
    if (args.flags.has('json')) {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return;
    }
    process.stdout.write(`ingest: ${ingest.documents} documents, ${ingest.chunks} chunks, ${ingest.ms} ms\n`);
    process.stdout.write(`retrieval on ${items.length} eval items with citations (${rounds} rounds):\n\n`);
    process.stdout.write('| method | hit@3 | MRR | p50 ms | p95 ms |\n|---|---|---|---|---|\n');
    for (const r of rows) process.stdout.write(`| ${r.method} | ${r.hitAt3.toFixed(3)} | ${r.mrr.toFixed(3)} | ${r.p50} | ${r.p95} |\n`);
    process.stdout.write(`\nwhole answers on ${allItems.length} eval items (${rounds} rounds):\n\n| path | p50 ms | p95 ms |\n|---|---|---|\n`);
    for (const a of answerRows) process.stdout.write(`| ${a.path} | ${a.p50} | ${a.p95} |\n`);
    if (turnWrites.length > 0) {
      process.stdout.write('\nturn writes on SQLite (WAL):\n\n| variant | commits/turn | state bytes | turns/s | p50 ms | p99 ms |\n|---|---|---|---|---|---|\n');
      for (const r of turnWrites) process.stdout.write(`| ${r.variant} | ${r.commitsPerTurn} | ${r.stateBytes} | ${r.turnsPerSecond} | ${r.p50} | ${r.p99} |\n`);
    }
    if (chatApi.length > 0) {
      process.stdout.write(`\nchat API over HTTP (one conversation per connection), ${loadSeconds} s after 1 s warm-up, medians of ${repeats} runs; in-process ${inProcess} answers/s:\n\n`);
      process.stdout.write('| setup | connections | answers/s | p50 ms | p95 ms | p99 ms | shed | errors |\n|---|---|---|---|---|---|---|---|\n');
      for (const r of chatApi) process.stdout.write(`| ${r.setup} | ${r.connections} | ${r.answersPerSecond} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.shed} | ${r.errors} |\n`);
      process.stdout.write('\n| connections | SQLite ÷ in-process | SQLite ÷ hello-world | SQLite p99 ÷ p50 |\n|---|---|---|---|\n');
      for (const r of ratios) process.stdout.write(`| ${r.connections} | ${r.apiOverInProcess} | ${r.apiOverHello} | ${r.p99OverP50} |\n`);
      if (!postgresUrl) process.stdout.write('(PostgreSQL rows skipped: pass --pg postgres://… or set DATABASE_URL)\n');
    }
    if (startup) {
      process.stdout.write(`\nstart-up (node scripts/start.mjs, as npm start runs it; index built; ${startup.runs.length} runs): first /healthz 200 after p50 ${startup.p50} ms (${startup.runs.join(', ')} ms), idle RSS ${startup.idleRssMiB} MiB\n`);
    }
    if (scaleRow) {
      process.stdout.write(`\nscale: ${scaleRow.chunks} synthetic chunks, build ${scaleRow.buildSeconds} s, fused query p50 ${scaleRow.p50} ms, p95 ${scaleRow.p95} ms, peak RSS ${scaleRow.peakRssMiB} MiB (before build ${scaleRow.rssBeforeMiB} MiB, after queries ${scaleRow.rssMiB} MiB)\n\n`);
      process.stdout.write('| step | RSS MiB | RSS + | JS heap + | buffers + |\n|---|---|---|---|---|\n');
      for (const s of scaleRow.steps) process.stdout.write(`| ${s.step} | ${s.rssMiB} | ${s.rssDeltaMiB} | ${s.heapDeltaMiB} | ${s.externalDeltaMiB} |\n`);
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
});
