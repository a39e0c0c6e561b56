import type { FormatLoader } from './format-loader.js';
import { splitFrontMatter } from './front-matter.js';
import { decodeText } from './normalize-text.js';

/** Loads .txt: optional YAML front matter, the rest as plain text. */
export const loadPlainText: FormatLoader = async (raw) => {
  const { body, data } = splitFrontMatter(decodeText(raw));
  return data === undefined ? { body } : { body, frontMatter: data };
};
