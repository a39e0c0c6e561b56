import { isUtf8 } from 'node:buffer';
import { loadBuffer } from 'cheerio';
import type { FormatLoader } from './format-loader.js';
import { htmlTitle, htmlToText } from './html-to-text.js';

/** Loads .html/.htm: page chrome dropped, main content as lines, title from the markup. */
export const loadHtml: FormatLoader = async (raw) => {
  // loadBuffer honours a BOM or <meta charset>, but without one it assumes windows-1252 and
  // garbles Chinese; undeclared pages are UTF-8 when valid, else (saved government pages) GBK.
  const defaultEncoding = isUtf8(raw) ? 'utf-8' : 'gb18030';
  const $ = loadBuffer(raw, { encoding: { defaultEncoding } });
  const title = htmlTitle($);
  const body = htmlToText($);
  return title === undefined ? { body } : { body, title };
};
