import type { CheerioAPI } from 'cheerio';
import { collapseInline } from './normalize-text.js';

// Site chrome and non-text content; none of it belongs to a policy's body.
const DROPPED = 'script, style, noscript, template, iframe, object, svg, nav, header, footer';
// Elements that end a line: headings and paragraphs so each "第X条" starts its own line.
const BLOCKS =
  'h1, h2, h3, h4, h5, h6, p, li, div, section, article, main, aside, blockquote, pre, tr, dt, dd, ' +
  'table, ul, ol, caption, figcaption, address, hr';
// A private-use character cannot occur in real text, so it can mark line breaks through `.text()`.
const BREAK = '\uE000';

/** The document title: `<title>`, else the first `<h1>`; read before any element is dropped. */
export function htmlTitle($: CheerioAPI): string | undefined {
  for (const selector of ['title', 'h1']) {
    const text = collapseInline($(selector).first().text());
    if (text !== '') return text;
  }
  return undefined;
}

/**
 * Plain text of a parsed HTML document, one line per heading, paragraph, list item or `<br>`.
 * Takes `<main>`, else `<article>`, else `<body>`; mutates the document (drops chrome).
 */
export function htmlToText($: CheerioAPI): string {
  $(DROPPED).remove();
  const main = $('main').first();
  const article = $('article').first();
  const root = main.length > 0 ? main : article.length > 0 ? article : $('body');
  root.find('br').replaceWith(BREAK);
  root.find('td, th').append(' ');
  root.find(BLOCKS).prepend(BREAK).append(BREAK);
  return root
    .text()
    .split(BREAK)
    .map(collapseInline)
    .filter((line) => line !== '')
    .join('\n');
}
