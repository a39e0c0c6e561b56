import { pinyin } from 'pinyin-pro';

// The table walk costs about 15 µs a character; a question repeats few characters the process has
// not met yet, so each character is looked up once.
const readingOf = new Map<string, string>();

/**
 * The usual toneless pinyin reading of one Han character (行 → xing). Only the usual one: a typo is
 * typed by the sound the person has in mind, and rare readings (齐 as ji) would make unrelated
 * characters sound alike.
 */
export function charReading(char: string): string {
  let known = readingOf.get(char);
  if (known === undefined) {
    known = /^\p{Script=Han}$/u.test(char) ? pinyin(char, { toneType: 'none' }) : '';
    readingOf.set(char, known);
  }
  return known;
}

/** The toneless readings of a word's characters in context (银行 → yin, hang), one per character. */
export function wordReadings(word: string): string[] {
  return pinyin(word, { toneType: 'none', type: 'array' });
}
