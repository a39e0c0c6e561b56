import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** How often a word occurs in general Chinese (jieba's dictionary counts); 0 for a word it lacks. */
export type WordFrequency = (word: string) => number;

// Entries rarer than this are mostly names and odd compounds (补铁 3, 许克 4): a typo such as 生活补铁
// must not be taken for a word because jieba once counted it.
const RARE = 10;

let frequencies: Map<string, number> | undefined;

/**
 * The frequency of words in jieba's dictionary, read once per process (about 0.1 s) and shared by
 * every knowledge base: the dictionary does not change with the corpus.
 */
export const jiebaWordFrequency: WordFrequency = (word) => (frequencies ??= readDictionary()).get(word) ?? 0;

function readDictionary(): Map<string, number> {
  const file = createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt');
  const text = readFileSync(file, 'utf8');
  const out = new Map<string, number>();
  // Lines are "word frequency tag"; scanning by index avoids a 350,000-element split.
  let i = 0;
  while (i < text.length) {
    const end = text.indexOf('\n', i);
    const stop = end < 0 ? text.length : end;
    const a = text.indexOf(' ', i);
    if (a > i && a < stop) {
      const b = text.indexOf(' ', a + 1);
      const f = Number(text.slice(a + 1, b > a && b < stop ? b : stop));
      if (f >= RARE) out.set(text.slice(i, a), f);
    }
    i = stop + 1;
  }
  return out;
}
