import { Marked, type Tokens } from 'marked';

// The pure half of rendering: Markdown → HTML with marked, already conservative (raw HTML shown as
// text, unsafe links unlinked, images reduced to their alt text). render-markdown.ts then sanitizes
// the result with DOMPurify under the allow-list below, so either layer alone keeps scripts out.

/** Elements the sanitizer keeps; everything else (script, style, iframe, img, form, svg…) is dropped. */
export const ALLOWED_TAGS: readonly string[] = [
  'a', 'p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
];

/** Attributes the sanitizer keeps (no style, class, id, on*, src, data-*, aria-*). */
export const ALLOWED_ATTR: readonly string[] = ['href', 'title', 'target', 'rel', 'start', 'align'];

/** Link targets allowed: absolute http(s) and mailto only (no javascript:, data:, relative paths). */
export const SAFE_URL_PATTERN = /^(?:https?:\/\/|mailto:)/i;

/** Attributes every kept link carries. */
export const LINK_TARGET = '_blank';
/** rel of every kept link: no window.opener, no referrer leaked to the linked site. */
export const LINK_REL = 'noopener noreferrer';

/** True when `href` may become a link. */
export function isSafeHref(href: string): boolean {
  const h = href.trim();
  // Control characters and white space inside a scheme are how filters get tricked ("java\tscript:").
  if (/[\u0000-\u001f\u007f\s]/.test(h)) return false;
  return SAFE_URL_PATTERN.test(h);
}

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// CommonMark does not open `**` between a letter and punctuation, so 根据**《人才新政25条》**规定 stays
// literal; Chinese answers bold book titles like that all the time. This inline rule takes any
// `**x**` whose inside neither starts nor ends with white space or `*`, before the standard rule.
const CJK_STRONG = /^\*\*(?=[^\s*])([\s\S]*?[^\s*])\*\*(?!\*)/;

const marked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  extensions: [
    {
      name: 'cjkStrong',
      level: 'inline',
      start(src: string) {
        const i = src.indexOf('**');
        return i === -1 ? undefined : i;
      },
      tokenizer(src: string) {
        const m = CJK_STRONG.exec(src);
        if (!m) return undefined;
        const text = m[1] ?? '';
        return { type: 'strong', raw: m[0], text, tokens: this.lexer.inlineTokens(text) };
      },
    },
  ],
  renderer: {
    html({ text }: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(text);
    },
    link({ href, title, tokens }: Tokens.Link): string {
      const inner = this.parser.parseInline(tokens);
      if (!isSafeHref(href)) return inner;
      const t = title ? ` title="${escapeHtml(title)}"` : '';
      return `<a href="${escapeHtml(href.trim())}"${t} target="${LINK_TARGET}" rel="${LINK_REL}">${inner}</a>`;
    },
    image({ text }: Tokens.Image): string {
      return escapeHtml(text);
    },
    checkbox({ checked }: Tokens.Checkbox): string {
      return checked ? '☑ ' : '☐ ';
    },
  },
});

/** Markdown → HTML (not yet sanitized: always pass the result through renderMarkdown's sanitizer). */
export function markdownToHtml(markdown: string): string {
  return marked.parse(markdown, { async: false });
}
