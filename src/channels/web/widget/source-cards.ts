import type { Citation } from './api-types.js';
import { el } from './dom.js';
import type { WidgetStrings } from './strings.js';

/** Expandable source cards for an answer's citations (title, article, quote, superseded badge). */
export function renderSources(citations: readonly Citation[], strings: WidgetStrings): HTMLElement {
  const cards = citations.map((c) => {
    const summary = el('summary', {}, [
      el('span', { class: 'source-title' }, [c.title || c.key]),
      el('span', { class: 'source-article' }, [c.article]),
    ]);
    if (c.status === 'superseded') {
      summary.append(el('span', { class: 'badge badge-superseded', 'data-testid': 'qxz-source-superseded' }, [strings.superseded]));
    }
    const card = el('details', { class: 'source', 'data-testid': 'qxz-source', 'data-key': c.key, 'data-status': c.status }, [summary]);
    if (c.quote) card.append(el('blockquote', { class: 'source-quote' }, [c.quote]));
    return card;
  });
  return el('div', { class: 'sources', 'data-testid': 'qxz-sources' }, [el('p', { class: 'sources-title' }, [strings.sources(citations.length)]), ...cards]);
}
