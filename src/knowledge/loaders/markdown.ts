import type { FormatLoader } from './format-loader.js';
import { splitFrontMatter } from './front-matter.js';
import { decodeText } from './normalize-text.js';

/** Loads .md/.markdown: optional YAML front matter, Markdown body kept as is. */
export const loadMarkdown: FormatLoader = async (raw) => {
  const { body, data } = splitFrontMatter(decodeText(raw));
  return data === undefined ? { body } : { body, frontMatter: data };
};
