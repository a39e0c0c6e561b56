import { composeHandoff, composeRelayed, composeWaiting } from '../answer/handoff-composer.js';
import { citationOf } from '../answer/citation-of.js';
import { withoutHearsay } from '../answer/claimed-notice.js';
import { composeComparison, composeGreeting, composeNoted, composeOutOfScope, composePolicyAnswer, type Composed } from '../answer/offline-composer.js';
import { asksSomething } from '../analysis/question-analysis.js';
import { describeProfile } from './describe-profile.js';
import type { CuratedMatcher } from '../curated/curated-answers.js';
import type { Profile, Verdict } from '../eligibility/types.js';
import { AppError } from '../errors.js';
import { caseAsked, correctsWith, standaloneQuery, withoutCases } from '../follow-up.js';
import { silentLogger, type Logger } from '../logger.js';
import { withCheckedFigures } from '../answer/figure-guard.js';
import { yuanWords } from '../eligibility/amount-share.js';
import { citesClaimedNotice } from '../answer/claimed-notice.js';
import type { Clock } from '../ports/clock.js';
import { rememberExchange, type ConversationState, type ConversationStore } from '../ports/conversation-store.js';
import type { EligibilityPort, ProfileExtractor } from '../ports/eligibility-port.js';
import type { HandoffPort } from '../ports/handoff-port.js';
import { widthOnlyCanonicalizer, type QuestionCanonicalizer } from '../ports/question-canonicalizer.js';
import type { KnowledgeAnswer, KnowledgePort, TermSplitter } from '../ports/knowledge-port.js';
import { withTranslations } from '../answer/translated-citations.js';
import type { Citation, Intent, Lang, Reply, Turn } from '../types.js';
import { readDomain } from '../analysis/domain-of.js';
import { saysOfText } from '../analysis/benefit-of.js';
import { classifyIntent, detectLang, isManipulation, isPersonal } from './classify-intent.js';
import { injectionNote, questionBesideInstructions } from './injected-instructions.js';
import { DEFAULT_HANDOFF_POLICY, decideHandoff, isDissatisfied, type HandoffPolicy } from './decide-handoff.js';
import { answersAsk, eligibilityTurn } from './eligibility-dialogue.js';
import { planEligibility } from './plan-eligibility.js';
import { conversationFocus, lastReplyCited, rankTopicKeys, unresolvedText } from './summarize-conversation.js';
import { FIRM_INTENTS, namesDomain, pickIntent, withoutMarkup } from './intent-policy.js';
import { startTurnBudget, type TurnBudget } from './turn-budget.js';
import { caseFacts, namesTalentClass, readMessage, topPassageOf } from './turn-reading.js';

/**
 * Optional model-backed helpers; each falls back to the offline path when it fails. `signal` is the
 * turn's model budget: pass it to the model client, it aborts when the budget is spent.
 */
export interface AssistantModels {
  /** Like compose, reporting text deltas as the model writes them. */
  composeStream?: (input: { question: string; lang: Lang; history: { role: 'user' | 'assistant'; text: string }[]; offline: Composed; passages: Citation[]; verdicts?: Verdict[]; signal?: AbortSignal }, onDelta: (text: string) => void) => Promise<Composed>;
  /** Rewrites offline answers fluently (see llm-composer). */
  compose?: (input: { question: string; lang: Lang; history: { role: 'user' | 'assistant'; text: string }[]; offline: Composed; passages: Citation[]; verdicts?: Verdict[]; signal?: AbortSignal }) => Promise<Composed>;
  /** Classifies intent; undefined = use the offline classifier. */
  classify?: (text: string, signal?: AbortSignal) => Promise<{ intent: Intent; lang: Lang } | undefined>;
  /** Extracts profile facts; undefined = use the offline extractor. */
  extract?: (text: string, today: Date, signal?: AbortSignal) => Promise<Partial<Profile> | undefined>;
}

/** What the assistant is made of. */
export interface AssistantDeps {
  /** Policy search. */
  knowledge: KnowledgePort;
  /**
   * The one form of a question that search, analysis, fact extraction and intent read (default:
   * full-width → half-width only); the text as typed stays in the transcript and tickets.
   */
  canonicalize?: QuestionCanonicalizer;
  /** Term splitter for sentence selection. */
  terms: TermSplitter;
  /** Eligibility rules. */
  eligibility: EligibilityPort;
  /** Offline profile extractor. */
  extractProfile: ProfileExtractor;
  /** Conversation memory. */
  conversations: ConversationStore;
  /** Tickets for helper officers. */
  handoff: HandoffPort;
  /** Officer-approved answers. */
  curated?: CuratedMatcher;
  /** Today. */
  clock: Clock;
  /** Model-backed helpers, when an LLM is configured. */
  models?: AssistantModels;
  /** How long one turn may wait for models in all (default: no shared deadline). */
  turnBudgetMs?: number;
  /** Handoff thresholds. */
  policy?: HandoffPolicy;
  /** Log sink. */
  logger?: Logger;
}

/**
 * Persists what a turn changed: the conversation state after it, and the reply. A channel that keeps
 * the conversation's thread passes one that stores the state and the turn's messages in one
 * transaction, so a turn is either wholly recorded or not at all.
 */
export type TurnCommit = (state: ConversationState, reply: Reply) => Promise<void>;

/** The one assistant every channel calls. */
export interface Assistant {
  /**
   * Answers one turn. `onDelta` receives the answer text as a model writes it (only on the LLM path);
   * the returned Reply's text is authoritative either way. `commit` persists the turn (default: the
   * state alone, through the conversation store); the reply is returned only once it has resolved.
   */
  handle(turn: Turn, options?: { onDelta?: (text: string) => void; commit?: TurnCommit }): Promise<Reply>;
  /**
   * Records a person's 👍/👎 on an answer. A 👎 counts as one dissatisfied turn: if the next message
   * also says the answer did not help, an officer is brought in; an ordinary next question resets it.
   */
  feedback(conversationId: string, rating: 'up' | 'down'): Promise<void>;
  /** Forgets a conversation's profile facts and pending checks ("重新开始"). */
  reset(conversationId: string): Promise<void>;
}

/** Longest message the assistant reads; channels enforce their own, usually lower, caps. */
export const MAX_MESSAGE_CHARS = 2000;
const RESET_RE = /^(重新开始|重来|清空|reset|start over)[。.!！]*$/iu;
const OFF_TOPIC_CONFIDENCE = 0.3;

const RELAY_ACK_MS = 60 * 60_000;

/** Creates the assistant. */
export function createAssistant(deps: AssistantDeps): Assistant {
  const logger = deps.logger ?? silentLogger;
  const policy = deps.policy ?? DEFAULT_HANDOFF_POLICY;
  const canonicalize = deps.canonicalize ?? widthOnlyCanonicalizer;
  const running = new Map<string, Promise<unknown>>();

  const load = async (turn: Turn): Promise<ConversationState> =>
    (await deps.conversations.get(turn.conversationId)) ?? {
      id: turn.conversationId, channel: turn.channel, userId: turn.userId, questions: [], recent: [], profile: {}, dissatisfiedStreak: 0,
    };

  async function finish(state: ConversationState, turn: Turn, answered: Reply, commit: TurnCommit): Promise<Reply> {
    const own = [turn.text, ...state.recent.filter((m) => m.role === 'user').map((m) => m.text)];
    // A sum the person wrote without its unit ("学费15000") is theirs in the text's notation too; read by
    // the rule-based reader from their words, never by a model.
    const now = deps.clock.now();
    const paid = own.flatMap((t) => deps.extractProfile(t, now).paid ?? []).map((n) => `实际支付${yuanWords(n)}`);
    const said = [...own, ...paid];
    const guarded = withCheckedFigures(answered, said, (key) => deps.knowledge.chunksOf(key), logger);
    // Every composer's citations get the English text here, so an English reply's sources read in English.
    const reply = guarded.lang === 'en' ? { ...guarded, citations: withTranslations(guarded.citations, (key) => deps.knowledge.chunksOf(key)) } : guarded;
    const at = deps.clock.now().toISOString();
    rememberExchange(state, { role: 'user', text: turn.text, at }, { role: 'assistant', text: reply.text, at, keys: reply.citations.map((c) => c.key) });
    await commit(state, reply);
    return reply;
  }

  async function handOff(state: ConversationState, turn: Turn, commit: TurnCommit, base: Omit<Reply, 'handoff'>, reason: NonNullable<Reply['handoff']>['reason'], search?: KnowledgeAnswer): Promise<Reply> {
    const transcript = [...state.recent.slice(-8), { role: 'user' as const, text: turn.text }].map((m) => ({ role: m.role, text: m.text }));
    // Team and summary follow what the conversation was about: after a bare "转人工" that is the
    // last substantive question and the articles the bot cited for it, not the words "转人工".
    const focus = conversationFocus(state.recent, turn.text);
    const questionSearch = focus.query === turn.text.trim() ? search : await deps.knowledge.search(canonicalize(focus.query).text, { k: 10 }).catch((err: unknown) => {
      logger.warn('handoff topic search failed, using the turn\'s search', { error: (err as Error).message });
      return undefined;
    });
    // A search for "转人工" alone finds words, not a topic: then only what the bot cited counts (else 综合).
    const retrievedKeys = focus.substantive ? (questionSearch ?? search)?.results.map((r) => r.key) ?? base.retrieved : [];
    const keys = rankTopicKeys(focus.cited, retrievedKeys);
    const heading = (key: string): string => deps.knowledge.chunksOf(key)[0]?.heading ?? '';
    const ticket = await deps.handoff.open({
      conversationId: turn.conversationId, channel: turn.channel, userId: turn.userId, reason, intent: base.intent, keys, lang: base.lang,
      summary: {
        question: focus.question,
        facts: state.profile,
        articles: keys.slice(0, 3).map((k) => `${k} ${heading(k)}`.trim()),
        unresolved: unresolvedText(reason),
        transcript,
      },
    });
    state.lastHandoff = { ticketNo: ticket.ticketNo, reason, at: deps.clock.now().toISOString() };
    state.dissatisfiedStreak = 0;
    const notice = composeHandoff(ticket.ticketNo, reason, ticket.expectedReply, base.lang);
    // A case-by-case matter still gets the article that says so; other handoffs speak for themselves.
    const text = base.text ? `${base.text}\n\n---\n\n${notice}` : notice;
    return finish(state, turn, { ...base, text, handoff: { ticketNo: ticket.ticketNo, reason } }, commit);
  }

  return {
    async reset(conversationId) {
      const state = await deps.conversations.get(conversationId);
      if (!state) return;
      state.profile = {};
      delete state.pendingRules;
      delete state.eligibility;
      state.dissatisfiedStreak = 0;
      await deps.conversations.save(state);
    },

    async feedback(conversationId, rating) {
      const state = await deps.conversations.get(conversationId);
      if (!state) return;
      state.dissatisfiedStreak = rating === 'down' ? state.dissatisfiedStreak + 1 : 0;
      await deps.conversations.save(state);
    },

    handle(turn, options = {}) {
      const commit: TurnCommit = options.commit ?? ((state) => deps.conversations.save(state));
      // One turn at a time per conversation: two messages sent at once must not both read the same
      // state and lose each other's profile facts when saved.
      const previous = running.get(turn.conversationId) ?? Promise.resolve();
      const next = previous.catch(() => undefined).then(() => {
        const budget = startTurnBudget(deps.turnBudgetMs, logger);
        return handleTurn(turn, options.onDelta, budget, commit).finally(() => budget.dispose());
      });
      const settled = next.catch(() => undefined);
      running.set(turn.conversationId, settled);
      void settled.then(() => {
        if (running.get(turn.conversationId) === settled) running.delete(turn.conversationId);
      });
      return next;
    },
  };

  async function handleTurn(turn: Turn, onDelta: ((text: string) => void) | undefined, budget: TurnBudget, commit: TurnCommit): Promise<Reply> {
    const text = turn.text.trim();
    if (text === '') throw new AppError('message_empty', 'The message is empty');
    if ([...text].length > MAX_MESSAGE_CHARS) throw new AppError('message_too_long', `The message is longer than ${MAX_MESSAGE_CHARS} characters`);
    const state = await load(turn);
    // Markup says nothing about the question (and must not tilt language or search); the raw text is kept.
    // Everything below that reads the question reads its canonical form (traditional characters and
    // typos repaired); the text as typed is what the transcript, the ticket and the officer see.
    // A model reads the person's own words (it copes with typos and answers in their wording).
    const written = withoutMarkup(text);
    const canonical = canonicalize(written);
    // An instruction slipped into a real question is dropped and the question answered from the texts
    // (with a line saying so); the instruction reaches neither search nor a model.
    const beside = isManipulation(canonical.text) ? questionBesideInstructions(canonical.text, (t) => deps.knowledge.hasTopic(t)) : undefined;
    const message = beside ?? canonical.text;
    // What is asked leaves out what the message sets aside; the person's facts come from all they told.
    const { asked: plain, told } = readMessage(message, (t) => deps.knowledge.hasTopic(t));
    const typed = beside ?? written;
    const lang = detectLang(plain);
    const noted = (reply: Composed): Composed => (beside ? { ...reply, text: `${reply.text}\n\n${injectionNote(lang)}` } : reply);
    const repaired = canonical.repairs.length > 0 ? { repairs: canonical.repairs } : {};

    // While an officer has the case, the bot does not answer: it passes the message on.
    const open = await deps.handoff.openTicketOf(turn.conversationId, lang);
    if (open) {
      await deps.handoff.append(turn.conversationId, text);
      const reason = state.lastHandoff?.reason ?? 'user_request';
      // Once an officer has answered, the person is talking to them: no repeated reply-time notice,
      // at most one short acknowledgement an hour, otherwise nothing (an empty text is not sent).
      let waiting = composeWaiting(open.ticketNo, open.expectedReply, lang);
      if (open.officerReplied) {
        const nowMs = deps.clock.now().getTime();
        const acked = state.lastRelayAckAt ? nowMs - Date.parse(state.lastRelayAckAt) < RELAY_ACK_MS : false;
        waiting = acked ? '' : composeRelayed(lang);
        if (!acked) state.lastRelayAckAt = deps.clock.now().toISOString();
      }
      return finish(state, turn, {
        text: waiting, citations: [], intent: 'request_human', scope: 'in', lang, retrieved: [],
        handoff: { ticketNo: open.ticketNo, reason },
      }, commit);
    }

    // After a resolved ticket the person is asked for a 1–5 rating; a bare digit is that rating.
    if (await deps.handoff.rate?.(turn.conversationId, text)) {
      const thanks = lang === 'en' ? 'Thank you for rating our service! Ask me anything else at any time.' : '感谢您的评价！如还有其他问题，随时可以问我。';
      return finish(state, turn, { text: thanks, citations: [], intent: 'greeting', scope: 'in', lang, retrieved: [] }, commit);
    }

    if (RESET_RE.test(text)) {
      state.profile = {};
      delete state.pendingRules;
      delete state.eligibility;
      const msg = lang === 'en' ? 'Done: I have forgotten the details you gave me. What would you like to ask?' : '好的，已清除您之前提供的个人情况，我们重新开始。请问有什么可以帮您？';
      return finish(state, turn, { text: msg, citations: [], intent: 'greeting', scope: 'in', lang, retrieved: [] }, commit);
    }

    const today = deps.clock.now();
    // Classification starts with extraction, not after it: the two model calls share the turn's budget.
    const classifying = budget.call('intent classification', (signal) => deps.models?.classify?.(typed, signal));
    // Patterns are exact on what they catch; a model may catch more. Both count, the model's last.
    const stated = { ...deps.extractProfile(told, today), ...((await budget.call('profile extraction', (signal) => deps.models?.extract?.(typed, today, signal))) ?? {}) };
    state.profile = { ...state.profile, ...stated };
    // "不对，我是高级技师" corrects a fact or the topic and is answered again: not a missed answer.
    const corrects = correctsWith(plain, (t) => Object.keys(deps.extractProfile(t, today)).length > 0, (t) => deps.knowledge.hasTopic(t));
    state.dissatisfiedStreak = isDissatisfied(message) && !corrects ? state.dissatisfiedStreak + 1 : 0;
    // Earlier questions are stored as typed; they are read in the same form as this one.
    const previousQuestions = state.questions.map((q) => canonicalize(q).text);
    const vocabulary = deps.knowledge.vocabulary?.();
    const query = standaloneQuery(previousQuestions, plain, (q) => deps.knowledge.hasTopic(q, { words: true }), vocabulary && ((q) => vocabulary.topicsIn(q).length > 0));
    // A question that stands alone reaches the model as typed; a follow-up as merged with its topic.
    const modelQuestion = query === plain ? typed : query;
    // "技师呢" after "高级技师引进补贴多少" asks of 技师 this turn, whatever case earlier turns carried.
    const asked = previousQuestions.length > 0 ? caseAsked(plain) : undefined;
    const askedCase = asked ? caseFacts(deps.extractProfile(asked, today)) : {};
    // Who said it ("网上有篇文章说", "听说") names nothing to find: 网上 would ask for where to apply online.
    const search = await deps.knowledge.search(withoutHearsay(query), { k: 10 });
    const retrieved = search.results.map((r) => r.key);
    const plan = planEligibility(deps.eligibility, { text: query, stated: Object.keys(stated).length, pending: state.pendingRules, profile: state.profile });

    const offlineIntent = !/\p{L}/u.test(plain) && !answersAsk(state.eligibility, plain, today) ? 'out_of_scope' : classifyIntent(plain, {
      comparison: search.focus.comparison,
      procedural: /材料|流程|多久|几天|在哪|去哪|怎么(申请|办)|如何(申请|办)|时限|地址|电话/u.test(plain),
      profileFacts: Object.keys(stated).length,
      namesRule: plan.rules.length > 0,
      // Confidence alone lets through what shares a common word with the corpus (English words it lacks
      // do not even count, see hybrid-search): the question must also name something of the domain.
      ...(vocabulary ? { domain: readDomain(plain, vocabulary, topPassageOf(search), { namesCase: namesTalentClass(stated) }) } : {}),
      // In a conversation the bot has just answered from the texts, a short turn that names the domain
      // ("个人有补贴吗") continues it even when its few words make a weak search of their own.
      onTopic: plan.rules.length > 0 || ((search.confidence >= OFF_TOPIC_CONFIDENCE || lastReplyCited(state.recent)) && namesDomain(query, search.addedTerms, deps.knowledge)) || state.pendingRules !== undefined,
    });
    // An officer-approved answer to this very question comes before anything the bot would say.
    const curated = !FIRM_INTENTS.includes(offlineIntent) && !isManipulation(plain) ? deps.curated?.match(plain) : undefined;
    if (curated) {
      const citations = curated.answer.keys.flatMap((k) => deps.knowledge.chunksOf(k).slice(0, 1)).map(citationOf);
      return finish(state, turn, { text: curated.answer.answer, citations, intent: 'policy_question', lang, retrieved, confidence: search.confidence, scope: 'in', curated: true, ...repaired }, commit);
    }
    // A firm offline intent is never overruled: no need to wait for the model.
    const modelIntent = FIRM_INTENTS.includes(offlineIntent) || offlineIntent === 'out_of_scope' ? undefined : await classifying;
    const intent = pickIntent(offlineIntent, modelIntent?.intent);
    const base = { intent, lang, retrieved, confidence: search.confidence, ...repaired };

    if (intent === 'out_of_scope') return finish(state, turn, { ...composeOutOfScope(lang), ...base, scope: 'out' }, commit);
    if (intent === 'greeting') return finish(state, turn, { ...composeGreeting(lang), ...base, scope: 'in' }, commit);
    if (intent === 'request_human' || intent === 'complaint' || intent === 'own_case') {
      const d = decideHandoff({ intent, dissatisfiedStreak: state.dissatisfiedStreak, settled: false });
      if (d.handoff) return handOff(state, turn, commit, { text: '', citations: [], ...base, scope: 'in' }, d.reason, search);
    }

    // Eligibility: what the facts decide, else the conditional answer and one question (eligibility-dialogue).
    // "听说博士…涨到15万了，是真的吗" asks whether a figure is in force, not about the person's own case:
    // the policy answer states the figure in force for the case asked and says the heard one is unconfirmed.
    const elig = citesClaimedNotice(plain) ? undefined : eligibilityTurn(deps.eligibility, (key) => deps.knowledge.chunksOf(key)[0], { text: plain, query, lang, intent, stated, oldPolicy: search.focus.wantsOld, earlier: previousQuestions, profile: { ...state.profile, ...askedCase }, memory: state.eligibility, now: today, namesTopic: (t) => deps.knowledge.hasTopic(withoutCases(t)) });
    if (elig) {
      state.profile = { ...state.profile, ...elig.answered };
      state.eligibility = elig.memory;
      if (elig.pending) state.pendingRules = elig.pending;
      else delete state.pendingRules;
      const reply = noted(await polish(budget, elig.composed, modelQuestion, lang, state, search, elig.verdicts, onDelta));
      return finish(state, turn, { ...reply, ...base, intent: 'eligibility', scope: 'in' }, commit);
    }
    if (intent === 'eligibility' && plan.rules.length > 0) {
      // A how-to about a named benefit ("申请生活补贴时国外学历怎么处理"): its articles answer first.
      const ruleKeys = new Set(plan.rules.map((r) => r.key));
      const ordered = [...plan.rules.flatMap((r) => deps.knowledge.chunksOf(r.key).slice(0, 1)), ...search.results.filter((r) => !ruleKeys.has(r.key)).map((r) => r.chunk)];
      const general = composePolicyAnswer({ question: query, lang, passages: ordered, wantsOld: search.focus.wantsOld, terms: deps.terms, lookup: (key) => deps.knowledge.chunksOf(key), addedTerms: search.addedTerms, asked: plain, ...(state.profile.category ? { category: state.profile.category } : {}) });
      const reply = noted(await polish(budget, general, modelQuestion, lang, state, search, undefined, onDelta));
      return finish(state, turn, { ...reply, ...base, scope: 'in' }, commit);
    }

    const passages = search.results.map((r) => r.chunk);
    const lookup = (key: string) => deps.knowledge.chunksOf(key);
    const composed = intent === 'comparison'
      ? composeComparison({ question: query, lang, passages, wantsOld: true, terms: deps.terms, lookup, asked: plain })
      : composePolicyAnswer({ question: query, lang, passages, wantsOld: search.focus.wantsOld, terms: deps.terms, lookup, addedTerms: search.addedTerms, asked: plain, ...(state.profile.category ? { category: state.profile.category } : {}) });
    const top = search.results[0]?.chunk;
    const topSaid = top ? saysOfText(query, `${top.heading} ${top.text}`) : undefined;
    const decision = decideHandoff({ intent, confidence: search.confidence, dissatisfiedStreak: state.dissatisfiedStreak, topKey: retrieved[0], settled: false, personal: isPersonal(plain), ...(topSaid === undefined ? {} : { topSaid }) }, policy);
    // A message that only tells the person's situation ("去年9月从上海过来钱塘工作") asks nothing the search could
    // be unsure of: a weak search then means no question, not one for an officer. The facts are noted instead.
    if (decision.handoff && decision.reason === 'low_confidence' && Object.keys(stated).length > 0 && !asksSomething(plain)) {
      return finish(state, turn, { ...composeNoted(describeProfile(state.profile, lang), lang), ...base, scope: 'in' }, commit);
    }
    if (decision.handoff) {
      const keep = decision.reason === 'individual_negotiation';
      return handOff(state, turn, commit, { ...(keep ? composed : { text: '', citations: [] }), ...base, scope: 'in' }, decision.reason, search);
    }
    const reply = noted(await polish(budget, composed, modelQuestion, lang, state, search, undefined, onDelta));
    return finish(state, turn, { ...reply, ...base, scope: 'in' }, commit);
  }

  async function polish(budget: TurnBudget, offline: Composed, question: string, lang: Lang, state: ConversationState, search: KnowledgeAnswer, verdicts?: Verdict[], onDelta?: (text: string) => void): Promise<Composed> {
    type Compose = (input: Parameters<NonNullable<AssistantModels['compose']>>[0], progress: () => void) => Promise<Composed>;
    const streaming = onDelta ? deps.models?.composeStream : undefined;
    const plain = deps.models?.compose;
    // A stream that has begun to show text is no longer held to the budget (see TurnBudget.call).
    const compose: Compose | undefined = streaming && onDelta
      ? (input, progress) => streaming(input, (text) => { progress(); onDelta(text); })
      : plain && ((input) => plain(input));
    if (!compose) return offline;
    const history = state.recent.slice(-6).filter((m) => m.role !== 'officer').map((m) => ({ role: m.role as 'user' | 'assistant', text: m.text }));
    // The model may cite what the offline answer cites (verdict articles included) and the top results.
    const passages = new Map(offline.citations.map((c) => [c.key, c]));
    for (const r of search.results.slice(0, 5)) if (!passages.has(r.key)) passages.set(r.key, citationOf(r.chunk));
    // An English answer is written from the translations, with the Chinese originals as the reference.
    const given = lang === 'en' ? withTranslations([...passages.values()], (key) => deps.knowledge.chunksOf(key)) : [...passages.values()];
    return (await budget.call('answer composition', (signal, progress) => compose({ question, lang, history, offline, passages: given, ...(verdicts ? { verdicts } : {}), signal }, progress))) ?? offline;
  }
}
