import { confidenceOf } from './confidence.js';
import { buildCorpusTerms, type CorpusTerm, type CorpusTerms } from './corpus-terms.js';
import { fuseResults } from './fusion.js';
import type { EmbedderProvider } from './embedder-provider.js';
import type { Glossary } from './glossary.js';
import type { IndexState } from './index-builder.js';
import type { SearchResponse } from './knowledge-base.js';
import { analyseQuery, askedYear, withoutGenerationWords, type QueryFocus } from './query-analysis.js';
import { askedSections } from './section-intent.js';
import { sharedTextShares } from './shared-text.js';
import type { Tokenizer } from './tokenizer.js';
import { createEnglishTokenizer } from './english-tokenizer.js';
import { detectLang } from '../core/assistant/classify-intent.js';
import type { Chunk } from './types.js';
import type { Hit } from './lexical-index.js';

const englishTokenizer = createEnglishTokenizer();
// Measured on English questions: the translation's own words are the most direct evidence an English
// question has (the other two lists see it only through glossary terms), so its ranks count double.
const ENGLISH_WEIGHT = 2;
const isEnglish = (query: string): boolean => detectLang(query) === 'en';
const translatedText = (c: Chunk): string => (c.en ? `${c.en.shortName ?? c.en.title} ${c.en.heading}\n${c.en.text}` : '');

/** The parts of an index a search reads. */
export type SearchableState = Pick<IndexState, 'lexical' | 'vector' | 'embeddings' | 'chunkById'> & Partial<Pick<IndexState, 'english'>>;

/**
 * One hybrid search: glossary expansion, BM25 and vector lists, rank fusion with status and
 * guide-section weighting, and the confidence of the top result.
 */
export async function hybridSearch(
  state: SearchableState,
  ctx: { glossary: Glossary; tokenizer: Tokenizer; onVectorError?: (err: Error) => void; embedder?: Pick<EmbedderProvider, 'crossLingual'> },
  query: string,
  k: number,
): Promise<SearchResponse> {
  const expanded = ctx.glossary.expand(query);
  const analysed = analyseQuery(query);
  const named = corpusTermsOf(state, ctx.glossary).named(query, expanded.added, analysed.definition === true);
  const focus = onlyInSuperseded(onlyInCurrent(inForceThen(state, analysed, askedYear(query)), named.said), named.said);
  // Fusion needs more than k from each list: a key low in one list can still win on the other.
  const pool = Math.max(k * 3, 30);
  // One cut of the expanded question serves the BM25 list and the confidence score.
  const queryTerms = ctx.tokenizer.terms(expanded.text);
  const lexical = state.lexical.searchTerms(queryTerms, pool);
  // Document names (人才新政25条, 21条) occur in every chunk's embedded text; in a vector query they only
  // pull towards whole documents, so the vector side searches without them. BM25 weighs them by IDF.
  let vectorQuery = withoutGenerationWords(expanded.text).trim() || expanded.text;
  // With an embedder that cannot cross languages an English question embeds only its Chinese: terms it
  // quotes (高级技师) and those the glossary added; without any, its vector list would be noise that
  // outvotes the other two.
  const monolingual = isEnglish(query) && ctx.embedder?.crossLingual === false;
  if (monolingual) vectorQuery = [...(query.match(/\p{Script=Han}+/gu) ?? []), ...expanded.added].join(' ');
  const vector = vectorQuery.trim() === '' ? [] : await vectorHits(state, vectorQuery, pool, ctx.onVectorError);
  // An English question also searches the translations by its own words; the glossary's Chinese terms
  // remain the other way in, and a Chinese question never touches this list.
  const asked = askedSections(query);
  const translations = isEnglish(query) ? state.english : undefined;
  // One English cut of the question serves the translations' list and their coverage.
  const englishTerms = translations ? englishTokenizer.terms(query) : [];
  const english = translations ? toAskedSections(state, translations.searchTerms(englishTerms, pool), asked.sections) : undefined;
  const topicGuides = asked.sections.length > 0 ? (guidesNamed(state, named.said) ?? guidesAbout(state, ctx.glossary.expand(asked.topic).text)) : undefined;
  const fused = fuseResults(lexical, vector, (id) => state.chunkById.get(id), focus, {
    sections: asked.sections,
    named: named.strength,
    keep: named.defining,
    sharedText: sharedTextOf(state),
    ...(topicGuides ? { topicGuides } : {}),
    ...(english ? { english, englishWeight: ENGLISH_WEIGHT } : {}),
  }).slice(0, k);
  const results = fused.map((r, i) => ({ ...r, rank: i + 1 }));
  let confidence = confidenceOf(results[0], queryTerms, (chunk) => state.lexical.passageTerms(chunk.id), isCountable(state));
  if (translations && results[0]?.chunk.en) {
    // Coverage of the question's own English words by the translated passage; every word counts, so
    // "weather tomorrow" still covers little.
    confidence = Math.max(confidence, confidenceOf(results[0], englishTerms, (chunk) => translations.passageTerms(chunk.id), () => true, translatedText));
  }
  return { query, expandedQuery: expanded.text, addedTerms: expanded.added, focus, results, confidence };
}

/**
 * The English words of a procedural question ("how long does talent recognition take") name the guide
 * (recognition); the section they ask for (time limits) seldom repeats them. So a hit on any section of
 * a guide counts for the first asked section of that guide, which the fusion then boosts like a
 * Chinese hit.
 */
function toAskedSections(state: SearchableState, hits: Hit[], sections: readonly number[]): Hit[] {
  const first = sections[0];
  if (first === undefined) return hits;
  return hits.map((h) => {
    const chunk = state.chunkById.get(h.chunkId);
    if (!chunk || chunk.kind !== 'guide' || chunk.number === first) return h;
    const key = `${chunk.docId}-${first}`;
    const target = state.chunkById.has(key) ? key : state.chunkById.has(`${key}#1`) ? `${key}#1` : undefined;
    return target ? { chunkId: target, score: h.score } : h;
  });
}

/**
 * The guides of the texts a procedural question names ("人才公寓在哪里办" → g08; "全息场是什么平台" →
 * the article that coins it, which no guide implements → none), or undefined when it names none. A
 * name is surer than a search for the topic, which finds the guides that merely mention the name.
 */
function guidesNamed(state: SearchableState, said: readonly CorpusTerm[]): Set<string> | undefined {
  if (said.length === 0) return undefined;
  const guides = new Set<string>();
  for (const t of said) for (const guide of guidesOfTerm(state, t)) guides.add(guide);
  return guides;
}

// A term belongs to the terms of one index state (see corpusTermsOf), so its guides are kept with it: a
// topic's name names thousands of passages in a large corpus, and looking each up per question cost
// milliseconds. Only terms questions have said are kept.
const termGuides = new WeakMap<CorpusTerm, ReadonlySet<string>>();

/** The guides a term names: those of the guide sections it names and those implementing the articles it names. */
function guidesOfTerm(state: SearchableState, t: CorpusTerm): ReadonlySet<string> {
  let guides = termGuides.get(t);
  if (!guides) {
    const guideByArticle = guidesByArticle(state);
    const found = new Set<string>();
    for (const key of t.keys) {
      const chunk = state.chunkById.get(key) ?? state.chunkById.get(`${key}#1`);
      if (chunk?.kind === 'guide') found.add(chunk.docId);
      const guide = guideByArticle.get(key);
      if (guide) found.add(guide);
    }
    guides = found;
    termGuides.set(t, guides);
  }
  return guides;
}

/**
 * The guide a procedural question is about, from a BM25 search for its topic alone: the first guide
 * hit, or the guide implementing the first current article hit ("生活补贴要什么材料" → qt25-5 → g02),
 * so that "几天" boosts the time-limit section of the right guide and not of every guide.
 */
function guidesAbout(state: SearchableState, topic: string): Set<string> {
  const guideByArticle = guidesByArticle(state);
  for (const hit of state.lexical.search(topic, 40)) {
    const chunk = state.chunkById.get(hit.chunkId);
    if (!chunk || chunk.status !== 'current') continue;
    if (chunk.kind === 'guide') return new Set([chunk.docId]);
    const guide = guideByArticle.get(chunk.key);
    if (guide) return new Set([guide]);
  }
  return new Set();
}

// Built once per index state (the map of chunks is replaced, never changed, on reload).
const guideIndex = new WeakMap<SearchableState['chunkById'], Map<string, string>>();

function guidesByArticle(state: SearchableState): Map<string, string> {
  let map = guideIndex.get(state.chunkById);
  if (!map) {
    map = new Map();
    for (const c of state.chunkById.values()) for (const key of c.basis ?? []) if (!map.has(key)) map.set(key, c.docId);
    guideIndex.set(state.chunkById, map);
  }
  return map;
}

// Built once per index state (the map of chunks is replaced, never changed, on reload).
const sharedIndex = new WeakMap<SearchableState['chunkById'], Map<string, number>>();

function sharedTextOf(state: SearchableState): Map<string, number> {
  let shares = sharedIndex.get(state.chunkById);
  if (!shares) {
    shares = sharedTextShares(state.chunkById.values());
    sharedIndex.set(state.chunkById, shares);
  }
  return shares;
}

// Built once per index state and glossary (both are replaced, never changed, on reload).
const termIndex = new WeakMap<SearchableState['chunkById'], WeakMap<Glossary, CorpusTerms>>();

function corpusTermsOf(state: SearchableState, glossary: Glossary): CorpusTerms {
  const byGlossary = termIndex.get(state.chunkById) ?? new WeakMap<Glossary, CorpusTerms>();
  termIndex.set(state.chunkById, byGlossary);
  let terms = byGlossary.get(glossary);
  if (!terms) {
    terms = buildCorpusTerms(state.chunkById.values(), glossary.names);
    byGlossary.set(glossary, terms);
  }
  return terms;
}

/**
 * "21条里有没有举才官": a question about the old policy that names only things the old texts never
 * mention is answered from the current text that has them.
 */
function onlyInCurrent(focus: QueryFocus, said: readonly CorpusTerm[]): QueryFocus {
  if (!focus.wantsOld || said.length === 0 || said.some((t) => t.inSuperseded)) return focus;
  return { ...focus, wantsOld: false };
}

/**
 * "钱塘人才之夜是哪个政策里的": a question naming something only the old texts have is about the old
 * policy (the answer then says it is superseded), though it does not say "21条".
 */
function onlyInSuperseded(focus: QueryFocus, said: readonly CorpusTerm[]): QueryFocus {
  if (focus.wantsOld || focus.comparison || said.length === 0 || said.some((t) => t.inCurrent)) return focus;
  return { ...focus, wantsOld: true };
}

/**
 * A question about a past year ("2021年入职的时候") is about the texts in force then: when only a
 * superseded text was in force that year, the search leans to the old generation (the answer then
 * says it is superseded now).
 */
function inForceThen(state: SearchableState, focus: QueryFocus, year: number | undefined): QueryFocus {
  if (year === undefined || focus.comparison || focus.wantsOld) return focus;
  const start = `${year}-01-01`;
  const middle = `${year}-06-30`;
  const end = `${year}-12-31`;
  let oldInForce = false;
  let currentInForce = false;
  for (const c of state.chunkById.values()) {
    if (c.kind !== 'policy' || !c.effective) continue;
    const inForce = c.effective <= end && (!c.expires || c.expires >= start);
    if (!inForce) continue;
    if (c.status === 'superseded') oldInForce = true;
    // In force for (most of) the year: took effect before its middle.
    else if (c.effective <= middle) currentInForce = true;
  }
  return oldInForce && !currentInForce ? { ...focus, wantsOld: true } : focus;
}

/** A term naming a topic occurs in at most this share of chunks (补贴 and 申请 occur nearly everywhere). */
const TOPICAL_SHARE = 0.25;

/**
 * Whether a question names something the corpus is about, apart from procedural words: "如何申请人才公寓"
 * does (人才公寓), "需要带什么材料" does not. Follow-up detection uses it to decide whether a question
 * can be searched alone.
 */
export function hasTopic(state: Pick<IndexState, 'lexical'>, ctx: { glossary: Glossary; tokenizer: Tokenizer }, question: string, options: { words?: boolean } = {}): boolean {
  const topic = withoutGenerationWords(askedSections(question).topic);
  const terms = ctx.tokenizer.terms(ctx.glossary.expand(topic).text);
  const limit = Math.max(1, state.lexical.size * TOPICAL_SHARE);
  return terms.some((t) => {
    // One Chinese character (分, 发) has too many meanings to name what a follow-up is about.
    if (options.words && [...t].length < 2 && /\p{Script=Han}/u.test(t)) return false;
    const df = state.lexical.documentFrequency(t);
    return df > 0 && df <= limit;
  });
}

/**
 * Which question terms count for coverage: every Chinese term (an unknown one such as 天气 is
 * evidence the question is off-topic), but Latin words only when the corpus has them, since English
 * questions reach the Chinese texts through the glossary terms added to them.
 */
function isCountable(state: SearchableState): (term: string) => boolean {
  return (t) => /\p{Script=Han}/u.test(t) || state.lexical.documentFrequency(t) > 0;
}

/**
 * The vector list, or none when the embedder fails (a remote embeddings endpoint that is down):
 * the search then stands on BM25 alone instead of failing every question.
 */
async function vectorHits(state: SearchableState, query: string, k: number, onError?: (err: Error) => void) {
  try {
    return await state.vector.search(await state.embeddings.embedQuery(query), k);
  } catch (err) {
    onError?.(err as Error);
    return [];
  }
}
