import path from 'node:path';
import type { Config } from './config.js';
import { createLlmComposer } from './core/answer/llm-composer.js';
import { createLlmIntentClassifier } from './core/answer/llm-intent-classifier.js';
import { createLlmProfileExtractor } from './core/answer/llm-profile-extractor.js';
import { createAssistant, type Assistant, type AssistantModels } from './core/assistant/create-assistant.js';
import { createCuratedMatcher, type CuratedAnswer } from './core/curated/curated-answers.js';
import { createEligibilityEngine } from './core/eligibility/engine.js';
import type { Rule } from './core/eligibility/rule.js';
import { extractProfile } from './core/eligibility/extract-profile.js';
import { textCheckedEligibility } from './core/eligibility/text-checked-eligibility.js';
import type { Logger } from './core/logger.js';
import { silentLogger } from './core/logger.js';
import { systemClock, type Clock } from './core/ports/clock.js';
import { createMemoryConversationStore, type ConversationStore } from './core/ports/conversation-store.js';
import { createMemoryHandoffPort, type HandoffPort } from './core/ports/handoff-port.js';
import type { ChatModel } from './core/ports/chat-model.js';
import type { Composed } from './core/answer/offline-composer.js';
import type { KnowledgeBase } from './knowledge/knowledge-base.js';
import { loadCuratedAnswers } from './knowledge/load-curated.js';
import { loadRules } from './knowledge/load-rules.js';
import type { CorpusSource } from './knowledge/corpus-source.js';
import { offlineEmbedderProvider } from './knowledge/embedder-provider.js';
import { openKnowledgeBaseFromConfig } from './knowledge/open-from-config.js';
import { createOpenAiChatModel } from './llm/openai-chat-model.js';
import { loadPrompt } from './llm/prompt-template.js';

/** The wired application core, shared by the CLI commands and the server. */
export interface Services {
  /** The knowledge base. */
  knowledge: KnowledgeBase;
  /** The assistant. */
  assistant: Assistant;
  /** Re-reads policies/rules; a broken file throws and the rules in use stay. Returns the rule count. */
  reloadRules(): Promise<number>;
  /** The eligibility rules in use. */
  rules(): readonly Rule[];
  /** Curated answers in use (reloadable). */
  curated: { list(): readonly CuratedAnswer[]; replace(answers: CuratedAnswer[]): void };
  /** The chat model, when configured. */
  model?: ChatModel;
  /**
   * A second assistant over another knowledge base (a draft's hit test): the same rules and curated
   * answers, offline composition (comparable answers), conversations in memory, no tickets.
   */
  assistantOver(knowledge: KnowledgeBase): Assistant;
  /** A knowledge base over another corpus with the offline embedder, its index files in `indexDir`. */
  knowledgeOver(corpus: CorpusSource, indexDir: string): Promise<KnowledgeBase>;
}

/** Replaceable parts (tests and the server pass their own stores). */
export interface ServiceOverrides {
  /** Log sink. */
  logger?: Logger;
  /** Clock (evaluation fixes it). */
  clock?: Clock;
  /** Conversation memory (default: in memory). */
  conversations?: ConversationStore;
  /** Ticket port (default: in memory). */
  handoff?: HandoffPort;
  /** Chat model (default: from config, if configured). */
  model?: ChatModel;
  /** Whether to use the LLM for answers when one is configured (default true). */
  useModel?: boolean;
  /** Where the policy texts come from (default: the policies/ folder). */
  corpus?: CorpusSource;
  /** Called when an LLM stage failed and the offline path answered (metrics). */
  onFallback?: (stage: 'compose' | 'classify' | 'extract') => void;
}

/** Wires knowledge base, rules, curated answers, optional LLM and the assistant from configuration. */
export async function createServices(config: Config, overrides: ServiceOverrides = {}): Promise<Services> {
  const logger = overrides.logger ?? silentLogger;
  const clock = overrides.clock ?? systemClock;
  const knowledge = await openKnowledgeBaseFromConfig(config, { logger, ...(overrides.corpus ? { corpus: overrides.corpus } : {}) });
  const rulesDir = path.join(config.policiesDir, 'rules');
  let engine = createEligibilityEngine(await loadRules(rulesDir), clock);
  let curatedAnswers = await loadCuratedAnswers(path.join(config.seedsDir, 'faq.yaml'));
  const model = overrides.useModel === false ? undefined : (overrides.model ?? (config.llm ? createOpenAiChatModel(config.llm, { logger }) : undefined));
  const models = model ? await modelHelpers(model, logger, overrides.onFallback ?? (() => undefined)) : undefined;
  // Rules answer only with figures the cited article's current text states (see text-checked-eligibility).
  const eligibilityOver = (kb: KnowledgeBase) =>
    textCheckedEligibility(() => engine, { textOf: (key) => kb.chunksOf(key).map((c) => c.text).join(''), generation: () => kb.state() }, logger);
  const eligibility = eligibilityOver(knowledge);
  const assistant = createAssistant({
    knowledge,
    canonicalize: (text) => knowledge.canonical(text),
    terms: (text) => knowledge.terms(text),
    eligibility,
    extractProfile,
    conversations: overrides.conversations ?? createMemoryConversationStore(),
    handoff: overrides.handoff ?? createMemoryHandoffPort(),
    curated: createCuratedMatcher(() => curatedAnswers),
    clock,
    logger,
    ...(models ? { models } : {}),
    ...(config.llm?.turnBudgetMs !== undefined ? { turnBudgetMs: config.llm.turnBudgetMs } : {}),
  });
  return {
    knowledge,
    assistant,
    async reloadRules() {
      engine = createEligibilityEngine(await loadRules(rulesDir), clock);
      return engine.rules.length;
    },
    rules: () => engine.rules,
    curated: { list: () => curatedAnswers, replace: (answers) => void (curatedAnswers = answers) },
    ...(model ? { model } : {}),
    assistantOver(other) {
      return createAssistant({
        knowledge: other, canonicalize: (text) => other.canonical(text), terms: (text) => other.terms(text), eligibility: eligibilityOver(other), extractProfile,
        conversations: createMemoryConversationStore(), handoff: createMemoryHandoffPort(), curated: createCuratedMatcher(() => curatedAnswers), clock, logger,
      });
    },
    knowledgeOver(corpus, indexDir) {
      return openKnowledgeBaseFromConfig(config, { logger, corpus, indexDir, embedder: offlineEmbedderProvider(config.search.offlineDims) });
    },
  };
}

const PROMPTS_DIR = path.resolve(import.meta.dirname, '..', 'prompts');

async function modelHelpers(model: ChatModel, logger: Logger, onFallback: NonNullable<ServiceOverrides['onFallback']>): Promise<AssistantModels> {
  const [answer, classify, extract] = await Promise.all([loadPrompt(PROMPTS_DIR, 'answer'), loadPrompt(PROMPTS_DIR, 'classify-intent'), loadPrompt(PROMPTS_DIR, 'extract-profile')]);
  const composer = createLlmComposer({ model, prompts: { answer }, logger });
  const classifier = createLlmIntentClassifier(model, classify, logger);
  const extractor = createLlmProfileExtractor(model, extract, logger);
  return {
    compose: async ({ question, lang, history, offline, passages, verdicts, signal }) => {
      const r = await composer.compose({ question, lang, history, passages, fallback: offline, ...(verdicts ? { verdicts } : {}), ...(signal ? { signal } : {}) });
      if (r.source === 'fallback') onFallback('compose');
      return { text: r.text, citations: r.citations };
    },
    composeStream: async ({ question, lang, history, offline, passages, verdicts, signal }, onDelta) => {
      let final: Composed = offline;
      for await (const event of composer.composeStream({ question, lang, history, passages, fallback: offline, ...(verdicts ? { verdicts } : {}), ...(signal ? { signal } : {}) })) {
        if (event.type === 'delta') onDelta(event.text);
        else {
          if (event.source === 'fallback') onFallback('compose');
          final = { text: event.text, citations: event.citations };
        }
      }
      return final;
    },
    classify: async (text, signal) => {
      const r = await classifier.classify(text, signal ? { signal } : {});
      if (!r) onFallback('classify');
      return r;
    },
    extract: async (text, today, signal) => {
      const r = await extractor.extract(text, today, signal ? { signal } : {});
      if (!r) onFallback('extract');
      return r;
    },
  };
}
