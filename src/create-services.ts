import path from 'node:path';
import type { Config } from './config.js';
import { createLlmComposer } from './core/answer/llm-composer.js';
import { createLlmIntentClassifier } from './core/answer/llm-intent-classifier.js';
import { createLlmProfileExtractor } from './core/answer/llm-profile-extractor.js';
import { createAssistant, type Assistant, type AssistantModels } from './core/assistant/create-assistant.js';
import { createCuratedMatcher, type CuratedAnswer } from './core/curated/curated-answers.js';
import { createEligibilityEngine } from './core/eligibility/engine.js';
import { extractProfile } from './core/eligibility/extract-profile.js';
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
  /** Curated answers in use (reloadable). */
  curated: { list(): readonly CuratedAnswer[]; replace(answers: CuratedAnswer[]): void };
  /** The chat model, when configured. */
  model?: ChatModel;
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
  /** Called when an LLM stage failed and the offline path answered (metrics). */
  onFallback?: (stage: 'compose' | 'classify' | 'extract') => void;
}

/** Wires knowledge base, rules, curated answers, optional LLM and the assistant from configuration. */
export async function createServices(config: Config, overrides: ServiceOverrides = {}): Promise<Services> {
  const logger = overrides.logger ?? silentLogger;
  const clock = overrides.clock ?? systemClock;
  const knowledge = await openKnowledgeBaseFromConfig(config, { logger });
  const rulesDir = path.join(config.policiesDir, 'rules');
  let engine = createEligibilityEngine(await loadRules(rulesDir), clock);
  let curatedAnswers = await loadCuratedAnswers(path.join(config.seedsDir, 'faq.yaml'));
  const model = overrides.useModel === false ? undefined : (overrides.model ?? (config.llm ? createOpenAiChatModel(config.llm, { logger }) : undefined));
  const models = model ? await modelHelpers(model, logger, overrides.onFallback ?? (() => undefined)) : undefined;
  const assistant = createAssistant({
    knowledge,
    terms: (text) => knowledge.terms(text),
    // Through the current engine, so reloaded rules apply to the next turn without a restart.
    eligibility: {
      rulesFor: (question) => engine.rulesFor(question),
      evaluate: (ruleId, profile) => engine.evaluate(ruleId, profile),
      questionFor: (fact, lang, known) => engine.questionFor(fact, lang, known),
      allRules: () => engine.allRules(),
      highestOnly: (verdicts) => engine.highestOnly(verdicts),
    },
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
    curated: { list: () => curatedAnswers, replace: (answers) => void (curatedAnswers = answers) },
    ...(model ? { model } : {}),
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
