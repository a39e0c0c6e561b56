import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';
import { normalizeForSearch } from './text-normalize.js';
import { rememberRecent } from './recent-results.js';
import { STOP_WORDS } from './stop-words.js';

// jieba's own dict.js also reads its 6 MB IDF table (unused here) and keeps both buffers for the
// life of the process; the dictionary alone is read here, and freed once jieba has parsed it.
const DICT_FILE = createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt');

/** Turns text into search terms. */
export interface Tokenizer {
  /** Normalised, stop-word-free terms in search mode (words and their sub-words). */
  terms(text: string): string[];
}

/** Options of the jieba tokenizer. */
export interface TokenizerOptions {
  /** Domain words jieba should keep whole (e.g. 安家补贴, 举才官), one per entry. */
  extraWords?: readonly string[];
}

/**
 * A jieba tokenizer in search mode: "租房补贴" yields 租房, 补贴 and 租房补贴, so a question that says
 * only 补贴 still meets the article. Latin words and numbers pass through as single terms.
 */
export function createJiebaTokenizer(options: TokenizerOptions = {}): Tokenizer {
  const jieba = Jieba.withDict(readFileSync(DICT_FILE));
  const words = (options.extraWords ?? []).map((w) => normalizeForSearch(w)).filter((w) => w.length > 1);
  // A high frequency makes jieba prefer the domain word over splitting it.
  if (words.length > 0) jieba.loadDict(Buffer.from(words.map((w) => `${w} 50000 n`).join('\n')));
  const cut = (text: string): readonly string[] => {
    const normalized = normalizeForSearch(text);
    if (normalized === '') return [];
    const out: string[] = [];
    for (const raw of jieba.cutForSearch(normalized, true)) {
      const t = raw.trim();
      // Short bare numbers ("1", "30") match list numbering and amounts everywhere; years (2022) stay.
      if (t === '' || STOP_WORDS.has(t) || !/[\p{L}\p{N}]/u.test(t) || /^\d{1,3}$/u.test(t)) continue;
      out.push(t);
    }
    return out;
  };
  // The same question and sentences are cut several times in one turn (search, confidence, topic
  // checks, sentence choice): one cut each. Passages longer than a message are cut when indexed only.
  const cutRecent = rememberRecent(cut, { size: 512, maxKeyLength: 500 });
  return {
    terms(text: string): string[] {
      // A copy: callers may change what they get without changing what the next caller gets.
      return [...cutRecent(text)];
    },
  };
}
