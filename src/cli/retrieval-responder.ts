import type { EvalResponder } from '../core/evaluation/run-eval.js';
import { standaloneQuery } from '../core/follow-up.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { detectLang } from '../core/assistant/classify-intent.js';

/** Answers with the top passage: the retrieval-only stand-in used before the assistant exists. */
export function createRetrievalResponder(kb: KnowledgeBase): EvalResponder {
  return async (item) => {
    const canonical = (q: string) => kb.canonical(q).text;
    const vocabulary = kb.vocabulary?.();
    const query = standaloneQuery(item.history.map(canonical), canonical(item.question), (q) => kb.hasTopic(q), vocabulary && ((q) => vocabulary.topicsIn(q).length > 0));
    const res = await kb.search(query, { k: 10 });
    const top = res.results[0];
    return {
      answer: top ? `${top.chunk.heading}\n${top.chunk.text}` : '',
      citations: top ? [top.key] : [],
      retrieved: res.results.map((r) => r.key),
      handoff: false,
      scope: 'in',
      lang: detectLang(item.question),
    };
  };
}
