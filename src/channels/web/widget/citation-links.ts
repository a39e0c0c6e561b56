// Citation keys in an answer's text ("…3万元。[qt25-5]") become small numbered links to the answer's
// source cards. Runs on the sanitized DOM and builds its own nodes; a key without a card stays text.
import type { Citation } from './api-types.js';
import { replaceInText } from './markdown-decorate.js';
import type { WidgetLang } from './strings.js';

// A key is a document id (letters then digits) with an optional article or section number: qt25-5,
// g02, g02-3. Brackets may hold several keys: [qt25-5, qt21-5].
const KEY = '[a-z]{1,10}\\d{1,4}(?:-\\d{1,3})?';
const BRACKETED = new RegExp(`\\[(${KEY}(?:\\s*[,，、]\\s*${KEY})*)\\]`, 'gu');
const ONE_KEY = new RegExp(KEY, 'gu');

const LABEL: Record<WidgetLang, (n: number, c: Citation) => string> = {
  zh: (n, c) => `来源 ${n}：${c.title || c.key}${c.article ? ` ${c.article}` : ''}`,
  en: (n, c) => `Source ${n}: ${c.title || c.key}${c.article ? ` ${c.article}` : ''}`,
};

const HIGHLIGHT_MS = 2_000;

/** Opens a source card, scrolls it into view and highlights it briefly. */
export function revealSource(card: HTMLDetailsElement): void {
  card.open = true;
  card.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  card.classList.remove('source-highlight');
  // Restart the highlight when the same link is clicked twice.
  void card.offsetWidth;
  card.classList.add('source-highlight');
  setTimeout(() => card.classList.remove('source-highlight'), HIGHLIGHT_MS);
  card.querySelector('summary')?.focus({ preventScroll: true });
}

/**
 * Replaces every bracketed key in `bubble` that names one of `citations` with a numbered link; the
 * link opens the card `cardOf(key)` returns. Numbers follow the order of the cards.
 */
export function linkCitations(bubble: HTMLElement, citations: readonly Citation[], lang: WidgetLang, cardOf: (key: string) => HTMLDetailsElement | undefined): void {
  const index = new Map<string, number>();
  citations.forEach((c, i) => {
    if (!index.has(c.key)) index.set(c.key, i);
  });
  if (index.size === 0) return;
  const doc = bubble.ownerDocument;
  replaceInText(bubble, doc, BRACKETED, (m) => {
    const keys = (m[1] ?? '').match(ONE_KEY) ?? [];
    if (!keys.some((k) => index.has(k))) return m[0];
    const group = doc.createElement('span');
    group.className = 'cite-group';
    keys.forEach((key, i) => {
      const at = index.get(key);
      const citation = at === undefined ? undefined : citations[at];
      if (at === undefined || !citation) {
        group.append(`[${key}]`);
        return;
      }
      const link = doc.createElement('button');
      link.type = 'button';
      link.className = 'cite-ref';
      link.setAttribute('data-testid', 'qxz-cite');
      link.setAttribute('data-key', key);
      link.setAttribute('aria-label', LABEL[lang](at + 1, citation));
      link.textContent = `[${at + 1}]`;
      link.addEventListener('click', () => {
        const card = cardOf(key);
        if (card) revealSource(card);
      });
      if (i > 0 && group.lastChild?.nodeName === 'BUTTON') group.append('\u200a');
      group.append(link);
    });
    return group;
  });
}

/** The link and highlight styles (part of the widget's stylesheet). */
export const CITATION_CSS = `
.cite-ref{display:inline;border:0;background:none;padding:0 1px;margin:0;font-size:.75em;line-height:1;vertical-align:super;color:var(--qxz-primary-dark);font-weight:600;text-decoration:underline;cursor:pointer}
.cite-ref:hover{color:var(--qxz-primary)}
.source{transition:box-shadow .3s ease,border-color .3s ease}
.source.source-highlight{border-color:var(--qxz-primary);box-shadow:0 0 0 3px rgba(31,95,191,.28)}
@media (prefers-reduced-motion:reduce){.source{transition:none}}
`;
