import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Assistant } from '../core/assistant/create-assistant.js';
import { parseEvalFile } from '../core/evaluation/eval-item.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';

/** A question of the hit test, with the earlier turns of its conversation. */
export interface HitQuestion {
  /** Eval item id, or `q1`… for a typed question. */
  id: string;
  question: string;
  history: string[];
}

/** One side's answer. */
export interface HitAnswer {
  answer: string;
  /** Citation keys in order. */
  citations: string[];
}

/** One question answered against what is live and against the draft. */
export interface HitItem {
  id: string;
  question: string;
  live: HitAnswer;
  draft: HitAnswer;
  /** The answer text or its citations differ. */
  changed: boolean;
}

/** What a hit test runs with. */
export interface HitTestDeps {
  /** The knowledge base answering now. */
  live: KnowledgeBase;
  /** The knowledge base over the draft corpus. */
  draft: KnowledgeBase;
  /** An assistant over a knowledge base (offline, in-memory conversations, no tickets). */
  assistantOver: (knowledge: KnowledgeBase) => Assistant;
  /** The citation keys the draft changes (added, removed, changed): eval items whose search reaches one are answered. */
  changedKeys: ReadonlySet<string>;
}

/** The dev evaluation set (seeds/eval/*.jsonl, not the blind set) as hit-test questions. */
export async function loadDevQuestions(evalDir: string): Promise<HitQuestion[]> {
  let files: string[];
  try {
    files = (await readdir(evalDir)).filter((f) => f.endsWith('.jsonl')).sort();
  } catch {
    return [];
  }
  const items = (await Promise.all(files.map(async (f) => parseEvalFile(await readFile(path.join(evalDir, f), 'utf8'), f)))).flat();
  return items.map((i) => ({ id: i.id, question: i.question, history: i.history }));
}

const touches = async (kb: KnowledgeBase, q: string, keys: ReadonlySet<string>): Promise<boolean> =>
  (await kb.search(q, { k: 10 })).results.some((r) => keys.has(r.key));

/**
 * Answers questions against the live and the draft knowledge base, side by side. Eval items are first
 * searched in both (cheap) and only those whose top ten results reach a changed article are answered:
 * an answer built from unchanged articles does not change with this draft. Typed questions are always answered.
 */
export async function runHitTest(deps: HitTestDeps, evalItems: readonly HitQuestion[], typed: readonly string[]): Promise<{ items: HitItem[]; skipped: number }> {
  const relevant: HitQuestion[] = [];
  for (const item of evalItems) {
    const q = [...item.history, item.question].join('\n');
    if ((await touches(deps.live, q, deps.changedKeys)) || (await touches(deps.draft, q, deps.changedKeys))) relevant.push(item);
  }
  const questions = [...typed.map((question, i) => ({ id: `q${i + 1}`, question, history: [] })), ...relevant];
  const live = deps.assistantOver(deps.live);
  const draft = deps.assistantOver(deps.draft);
  const items: HitItem[] = [];
  let n = 0;
  for (const q of questions) {
    n += 1;
    const [a, b] = [await answer(live, q, `hit-live-${n}`), await answer(draft, q, `hit-draft-${n}`)];
    items.push({ id: q.id, question: q.question, live: a, draft: b, changed: a.answer !== b.answer || a.citations.join(',') !== b.citations.join(',') });
  }
  return { items, skipped: evalItems.length - relevant.length };
}

async function answer(assistant: Assistant, q: HitQuestion, conversationId: string): Promise<HitAnswer> {
  for (const text of q.history) await assistant.handle({ conversationId, userId: 'hit-test', channel: 'cli', text });
  const reply = await assistant.handle({ conversationId, userId: 'hit-test', channel: 'cli', text: q.question });
  return { answer: reply.text, citations: reply.citations.map((c) => c.key) };
}
