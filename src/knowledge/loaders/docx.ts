import { load } from 'cheerio';
import mammoth from 'mammoth';
import type { FormatLoader } from './format-loader.js';
import { htmlToText } from './html-to-text.js';

/**
 * Loads .docx via mammoth's HTML output, flattened like a web page, so tables, lists and
 * headings get the same one-line-per-block treatment in both formats.
 */
export const loadDocx: FormatLoader = async (raw) => {
  const { value } = await mammoth.convertToHtml({ buffer: raw });
  return { body: htmlToText(load(value)) };
};
