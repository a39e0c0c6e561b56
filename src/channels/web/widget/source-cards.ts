import type { Citation } from './api-types.js';
import { el } from './dom.js';
import type { WidgetStrings } from './strings.js';

// The toggle names both languages whatever the widget's language: a reader of either finds it.
const SHOW_ORIGINAL = '中文原文 / Chinese original';
const SHOW_TRANSLATION = '英文译文 / English translation';

/** Expandable source cards for an answer's citations (title, article, quote, superseded badge). */
export function renderSources(citations: readonly Citation[], strings: WidgetStrings): HTMLElement {
  const cards = citations.map((c) => {
    const title = el('span', { class: 'source-title' }, [c.en?.title || c.title || c.key]);
    const article = el('span', { class: 'source-article' }, [c.en?.article || c.article]);
    const summary = el('summary', {}, [title, article]);
    if (c.status === 'superseded') {
      summary.append(el('span', { class: 'badge badge-superseded', 'data-testid': 'qxz-source-superseded' }, [strings.superseded]));
    }
    const card = el('details', { class: 'source', 'data-testid': 'qxz-source', 'data-key': c.key, 'data-status': c.status }, [summary]);
    if (c.en) card.append(...translatedBody(c, c.en, strings, { title, article }));
    else if (c.quote) card.append(el('blockquote', { class: 'source-quote' }, [c.quote]));
    return card;
  });
  return el('div', { class: 'sources', 'data-testid': 'qxz-sources' }, [el('p', { class: 'sources-title' }, [strings.sources(citations.length)]), ...cards]);
}

/**
 * An English reply's source: the unofficial translation first, the Chinese original one button
 * press away (a real button, so keyboard and screen readers reach it; aria-pressed says which is shown).
 */
function translatedBody(c: Citation, en: NonNullable<Citation['en']>, strings: WidgetStrings, head: { title: HTMLElement; article: HTMLElement }): HTMLElement[] {
  const note = el('p', { class: 'source-note', 'data-testid': 'qxz-source-note' }, [strings.unofficialTranslation]);
  const english = el('blockquote', { class: 'source-quote', lang: 'en', 'data-testid': 'qxz-source-quote-en' }, [en.quote]);
  const chinese = el('blockquote', { class: 'source-quote', lang: 'zh', hidden: true, 'data-testid': 'qxz-source-quote-zh' }, [c.quote]);
  const toggle = el('button', { type: 'button', class: 'source-lang-toggle', 'aria-pressed': 'false', 'data-testid': 'qxz-source-original-toggle' }, [SHOW_ORIGINAL]);
  toggle.addEventListener('click', () => {
    const showChinese = toggle.getAttribute('aria-pressed') !== 'true';
    toggle.setAttribute('aria-pressed', String(showChinese));
    toggle.textContent = showChinese ? SHOW_TRANSLATION : SHOW_ORIGINAL;
    english.hidden = showChinese;
    note.hidden = showChinese;
    chinese.hidden = !showChinese;
    head.title.textContent = showChinese ? c.title || c.key : en.title || c.title || c.key;
    head.article.textContent = showChinese ? c.article : en.article || c.article;
  });
  return [note, english, chinese, el('div', { class: 'source-actions' }, [toggle])];
}
