import { render } from '../prompt-render.js';
import type { Verdict } from '../eligibility/types.js';
import { AppError } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';
import type { ChatMessage, ChatModel } from '../ports/chat-model.js';
import type { Citation, Lang } from '../types.js';
import { CAVEAT_ZH } from './citation-of.js';

/** What the LLM composer answers from. */
export interface ComposeInput {
  /** The person's question, as asked. */
  question: string;
  /** Reply language. */
  lang: Lang;
  /** Recent turns, oldest first (the composer keeps the last few). */
  history: { role: 'user' | 'assistant'; text: string }[];
  /** Retrieved passages, best first; the only keys the answer may cite (include the passage of every verdict's key). */
  passages: Citation[];
  /** Eligibility verdicts from the rules, to be phrased, never recomputed. */
  verdicts?: Verdict[];
  /** The offline answer, used whenever the model's answer is not accepted. */
  fallback: { text: string; citations: Citation[] };
  /** Cancels the model call (the result is then the fallback). */
  signal?: AbortSignal;
}

/** Why the offline answer was used. */
export type FallbackReason =
  | 'no_passages'
  | 'timeout'
  | 'aborted'
  | 'model_error'
  | 'empty'
  | 'no_citation'
  | 'unknown_citation'
  | 'invented_amount';

/** A composed answer. */
export interface ComposeResult {
  /** Markdown, with citation keys in square brackets. */
  text: string;
  /** The given passages the text cites, in order of first citation (the fallback's when it is used). */
  citations: Citation[];
  /** Who wrote the text. */
  source: 'llm' | 'fallback';
  /** Present when source is 'fallback'. */
  fallbackReason?: FallbackReason;
}

/** What a streamed answer yields: deltas as the model writes, then one final event. */
export type ComposeEvent = { type: 'delta'; text: string } | (ComposeResult & { type: 'final'; replace: boolean });

/** Answers with an LLM, checked against its sources; the offline answer backs it up. */
export interface LlmComposer {
  /** The whole answer. */
  compose(input: ComposeInput): Promise<ComposeResult>;
  /** Deltas, then a final event; `replace: true` when the final text is not what the deltas showed. */
  composeStream(input: ComposeInput): AsyncIterable<ComposeEvent>;
}

export interface LlmComposerOptions {
  model: ChatModel;
  /** Prompt templates; `answer` has the placeholder {{lang}}. */
  prompts: { answer: string };
  logger?: Logger;
  temperature?: number;
  maxTokens?: number;
  /** How many recent turns go to the model. */
  maxHistory?: number;
  /** Appended when an accepted answer quotes an amount without it; '' turns it off. */
  caveat?: string;
}

const LANG_NAME: Record<Lang, string> = { zh: '简体中文', en: '英文（English）' };

export function createLlmComposer(options: LlmComposerOptions): LlmComposer {
  const { model } = options;
  const logger = options.logger ?? silentLogger;
  const caveat = options.caveat ?? CAVEAT_ZH;
  const maxHistory = options.maxHistory ?? 6;
  const callOptions = (input: ComposeInput) => ({
    temperature: options.temperature ?? 0.2,
    maxTokens: options.maxTokens ?? 1024,
    ...(input.signal !== undefined ? { signal: input.signal } : {}),
  });
  // Fail at start-up, not on the first question, when the template and the code disagree.
  render(options.prompts.answer, { lang: LANG_NAME.zh });

  const messages = (input: ComposeInput): ChatMessage[] => [
    { role: 'system', content: render(options.prompts.answer, { lang: LANG_NAME[input.lang] }) },
    ...(maxHistory > 0 ? input.history.slice(-maxHistory) : []).map((t) => ({ role: t.role, content: t.text.slice(0, 2000) })),
    { role: 'user', content: userMessage(input) },
  ];

  const fallback = (input: ComposeInput, reason: FallbackReason, data: Record<string, unknown> = {}): ComposeResult => {
    const level = reason === 'aborted' || reason === 'no_passages' ? 'info' : 'warn';
    logger[level]('llm answer not used, falling back to the offline answer', { reason, model: model.id, ...data });
    return { ...input.fallback, source: 'fallback', fallbackReason: reason };
  };
  const failure = (input: ComposeInput, err: unknown): ComposeResult => {
    const code = AppError.isInstance(err) ? err.code : 'unknown';
    const reason: FallbackReason = code === 'llm_timeout' ? 'timeout' : code === 'llm_aborted' ? 'aborted' : 'model_error';
    return fallback(input, reason, { code, message: err instanceof Error ? err.message : String(err) });
  };
  const accept = (input: ComposeInput, text: string): { result: ComposeResult; extra: string } | ComposeResult => {
    const checked = checkAnswer(text, input);
    if ('reason' in checked) return fallback(input, checked.reason, checked.data);
    const extra = caveat !== '' && amountsIn(text).length > 0 && !compact(text).includes(compact(caveat)) ? caveatLine(caveat, input.lang) : '';
    return { result: { text: text + extra, citations: checked.citations, source: 'llm' }, extra };
  };

  return {
    async compose(input) {
      if (input.passages.length === 0) return fallback(input, 'no_passages');
      let text: string;
      try {
        text = await model.complete(messages(input), callOptions(input));
      } catch (err) {
        return failure(input, err);
      }
      const outcome = accept(input, text);
      return 'result' in outcome ? outcome.result : outcome;
    },

    async *composeStream(input) {
      if (input.passages.length === 0) {
        yield { type: 'final', ...fallback(input, 'no_passages'), replace: false };
        return;
      }
      let text = '';
      try {
        for await (const delta of model.stream(messages(input), callOptions(input))) {
          text += delta;
          yield { type: 'delta', text: delta };
        }
      } catch (err) {
        yield { type: 'final', ...failure(input, err), replace: text !== '' };
        return;
      }
      const outcome = accept(input, text);
      if (!('result' in outcome)) {
        yield { type: 'final', ...outcome, replace: text !== '' };
        return;
      }
      if (outcome.extra !== '') yield { type: 'delta', text: outcome.extra };
      yield { type: 'final', ...outcome.result, replace: false };
    },
  };
}

/** Makes untrusted text unable to open or close a delimiter: angle brackets become full-width. */
export function neutralise(text: string): string {
  return text.replace(/</gu, '＜').replace(/>/gu, '＞');
}

const attr = (value: string): string => neutralise(value).replace(/"/gu, '＂');

function userMessage(input: ComposeInput): string {
  const parts = ['CONTEXT'];
  input.passages.forEach((p, i) => {
    const open = `<passage n="${i + 1}" key="${attr(p.key)}" status="${attr(p.status)}">`;
    const original = `《${neutralise(p.title)}》${neutralise(p.article)}\n${neutralise(p.quote)}`;
    // For an English answer the translation comes first (the model writes from it) and the Chinese
    // original follows as the reference; amounts are checked against the original (checkAnswer).
    const body =
      input.lang === 'en' && p.en
        ? `[${neutralise(p.key)}] ${neutralise(p.en.title)} — ${neutralise(p.en.article)} (unofficial English translation)\n${neutralise(p.en.quote)}\n\nChinese original (authoritative):\n${original}`
        : `[${neutralise(p.key)}] ${original}`;
    parts.push(`${open}\n${body}\n</passage>`);
  });
  if (input.verdicts !== undefined && input.verdicts.length > 0) {
    // JSON's own escapes keep tag-like text inside the facts.
    const json = JSON.stringify(input.verdicts, null, 1).replace(/</gu, '\\u003c').replace(/>/gu, '\\u003e');
    parts.push(`FACTS\n<facts>\n${json}\n</facts>`);
  }
  parts.push(`QUESTION\n<question>\n${neutralise(input.question)}\n</question>`);
  return parts.join('\n\n');
}

type Checked = { citations: Citation[] } | { reason: FallbackReason; data: Record<string, unknown> };

/**
 * Accepts an answer that cites only given passages, at least one, and states only amounts they state.
 * Amounts count only from the Chinese originals and the verdicts, never from a translation: an
 * English "RMB 100,000" passes because it is the original's 10万元 (amountsIn reads both as one
 * value), and a figure mistyped in a translation falls back instead of reaching the person.
 */
export function checkAnswer(text: string, input: Pick<ComposeInput, 'passages' | 'verdicts'>): Checked {
  if (text.trim() === '') return { reason: 'empty', data: {} };
  const { keys, unknown } = citedKeys(text, input.passages.map((p) => p.key));
  if (unknown.length > 0) return { reason: 'unknown_citation', data: { unknown } };
  if (keys.length === 0) return { reason: 'no_citation', data: {} };
  const sources = [...input.passages.map((p) => `${p.title}\n${p.article}\n${p.quote}`), JSON.stringify(input.verdicts ?? [])];
  const allowed = new Set(sources.flatMap((s) => amountsIn(s).map((a) => a.value)));
  const invented = amountsIn(text).filter((a) => !allowed.has(a.value));
  if (invented.length > 0) return { reason: 'invented_amount', data: { invented: invented.map((a) => a.text) } };
  const citations = keys.flatMap((k) => input.passages.find((p) => p.key === k) ?? []);
  return { citations };
}

const BRACKET_RE = /[[【]([^[\]【】\n]{1,120})[\]】]/gu;
const KEY_RE = /^[a-z][a-z0-9_]*(?:-[a-z0-9_]+)*$/iu;

/**
 * Citation keys in square or 【】 brackets, given keys in order of first use. A bracketed token that looks
 * like a key (a letter first, a digit somewhere) but was not given is unknown; other bracketed text
 * ([sic], [1], a Markdown link's label) is not a citation.
 */
export function citedKeys(text: string, given: readonly string[]): { keys: string[]; unknown: string[] } {
  const byLower = new Map(given.map((k) => [k.toLowerCase(), k]));
  const keys: string[] = [];
  const unknown: string[] = [];
  for (const m of text.normalize('NFKC').matchAll(BRACKET_RE)) {
    for (const token of (m[1] ?? '').split(/[\s,，、;；]+/u)) {
      const known = byLower.get(token.toLowerCase());
      if (known !== undefined) {
        if (!keys.includes(known)) keys.push(known);
      } else if (KEY_RE.test(token) && /\d/u.test(token) && !unknown.includes(token)) {
        unknown.push(token);
      }
    }
  }
  return { keys, unknown };
}

const CN_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_RUN = `[${Object.keys(CN_DIGIT).join('')}十百千]+`;
const NUM = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const SCALE: Record<string, number> = { 亿: 1e8, 万: 1e4, 千: 1e3, billion: 1e9, million: 1e6, thousand: 1e3, k: 1e3, m: 1e6 };
const AMOUNT_RES: RegExp[] = [
  // 3万元, 6,000 元, 1.5 亿元, 300 万 (a bare 万/亿 is money unless a count follows: 5万人)
  new RegExp(String.raw`(?<![\d.])(${NUM})\s*(亿元|万元|千元|元|千块钱?|块钱?|亿(?![人名户次个家平])|万(?![人名户次个家平]))`, 'gu'),
  new RegExp(String.raw`(?<![\d.])(${NUM})\s*(%|per\s?cent\b)`, 'giu'),
  new RegExp(`(${CN_RUN})(亿元|万元|元|亿(?![人名户次个家平])|万(?![人名户次个家平]))`, 'gu'),
  new RegExp(`百分之(${CN_RUN})()`, 'gu'),
  new RegExp(String.raw`(?<![\d.])(${NUM})\s*(billion|million|thousand|k|m)?\s*(?:yuan|RMB|CNY)\b`, 'giu'),
  new RegExp(String.raw`(?:RMB|CNY|¥)\s*(${NUM})(?:\s*(billion|million|thousand)\b)?`, 'giu'),
];

/**
 * Money and percentages in a text, each as a comparable value (`cny:<fen>` or `pct:<n>`), so that
 * 3万元, 3 万元, 30,000元, 三万元 and RMB 30,000 are the same amount.
 */
export function amountsIn(text: string): { text: string; value: string }[] {
  const s = text.normalize('NFKC');
  const out: { text: string; value: string }[] = [];
  AMOUNT_RES.forEach((re, i) => {
    for (const m of s.matchAll(re)) {
      const raw = m[1] ?? '';
      const n = /\d/u.test(raw) ? Number(raw.replace(/,/gu, '')) : parseChineseRun(raw);
      if (n === undefined || !Number.isFinite(n)) continue;
      const unit = (m[2] ?? '').toLowerCase();
      const percent = i === 1 || i === 3;
      // 8000块, 9千块钱: the spoken 块 is 元.
      const scale = SCALE[unit.replace(/(?:元|块钱?)$/u, '')] ?? 1;
      out.push({ text: m[0].trim(), value: percent ? `pct:${n}` : `cny:${Math.round(n * scale * 100)}` });
    }
  });
  return out;
}

/** 三, 十五, 一千五百, 两百 → numbers (units below 万; 万 and 亿 are read as the amount's scale). */
function parseChineseRun(run: string): number | undefined {
  let total = 0;
  let digit = -1;
  for (const ch of run) {
    const d = CN_DIGIT[ch];
    if (d !== undefined) {
      digit = d;
      continue;
    }
    const unit = ch === '十' ? 10 : ch === '百' ? 100 : 1000;
    total += (digit < 0 ? 1 : digit) * unit;
    digit = -1;
  }
  return total + Math.max(digit, 0);
}

function compact(text: string): string {
  return text.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '');
}

function caveatLine(caveat: string, lang: Lang): string {
  return lang === 'en' ? `\n\n_Sample text, not the official wording (${caveat})_` : `\n\n_${caveat}_`;
}
