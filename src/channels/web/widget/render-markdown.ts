import DOMPurify from 'dompurify';
import { decorateMarkdown, ZH_MARKDOWN_LABELS, type MarkdownLabels } from './markdown-decorate.js';
import { ALLOWED_ATTR, ALLOWED_TAGS, LINK_REL, LINK_TARGET, SAFE_URL_PATTERN, markdownToHtml } from './markdown-html.js';

const SANITIZE = {
  ALLOWED_TAGS: [...ALLOWED_TAGS],
  ALLOWED_ATTR: [...ALLOWED_ATTR],
  ALLOWED_URI_REGEXP: SAFE_URL_PATTERN,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  KEEP_CONTENT: true,
  RETURN_DOM_FRAGMENT: true as const,
};

let hooked = false;

function purifier(): typeof DOMPurify {
  // Without a usable DOM, DOMPurify is a stub (no addHook) whose sanitize returns its input unchanged.
  if (!hooked && DOMPurify.isSupported) {
    hooked = true;
    // Every kept link opens a new tab without window.opener; nothing else may carry target or rel.
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if (node.nodeName === 'A' && node.hasAttribute('href')) {
        node.setAttribute('target', LINK_TARGET);
        node.setAttribute('rel', LINK_REL);
      } else {
        node.removeAttribute('target');
        node.removeAttribute('rel');
      }
    });
  }
  return DOMPurify;
}

/**
 * Markdown → a sanitized DocumentFragment, ready to append. This is the only path by which markup
 * from the server reaches the page (widget and officer console alike); where DOMPurify cannot run,
 * the text is shown as plain text. Verdict emoji become drawn marks named by `labels`.
 */
export function renderMarkdown(markdown: string, doc: Document = document, labels: MarkdownLabels = ZH_MARKDOWN_LABELS): DocumentFragment {
  const purify = purifier();
  if (!purify.isSupported) {
    const fragment = doc.createDocumentFragment();
    fragment.append(doc.createTextNode(markdown));
    return fragment;
  }
  const fragment = purify.sanitize(markdownToHtml(markdown), SANITIZE);
  decorateMarkdown(fragment, labels, doc);
  return fragment;
}
