// Touches applied to sanitized Markdown, shared by the widget and the officer console. They run
// after DOMPurify and build nodes themselves (createElement, text nodes), so nothing here widens
// what the sanitizer lets through.

/** Words read out (and shown to people without colour) in place of symbols. */
export interface MarkdownLabels {
  /** ✅ */
  yes: string;
  /** ❌ */
  no: string;
  /** ⚠️ */
  warn: string;
  /** The accessible name of an empty table header cell (the label column of a comparison). */
  emptyHeader: string;
}

/** The labels in Chinese. */
export const ZH_MARKDOWN_LABELS: MarkdownLabels = { yes: '符合', no: '不符合', warn: '注意', emptyHeader: '项目' };
/** The labels in English. */
export const EN_MARKDOWN_LABELS: MarkdownLabels = { yes: 'Eligible', no: 'Not eligible', warn: 'Note', emptyHeader: 'Item' };

// Verdict emoji: machines without an emoji font (many office PCs, Debian's chromium) draw a box.
const MARK = /\u2705|\u274C|\u26A0\uFE0F?/gu;
const KIND: Record<string, 'yes' | 'no' | 'warn'> = { '\u2705': 'yes', '\u274C': 'no', '\u26A0': 'warn', '\u26A0\uFE0F': 'warn' };

/**
 * CSS for the decorations: a drawn mark (no font needed) and the visually hidden class. Classes are
 * prefixed so a host stylesheet's `.mark` cannot clash in the console.
 */
export const MARKDOWN_DECORATION_CSS = `
.md-sr{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.md-mark{display:inline-block;position:relative;width:1.15em;height:1.15em;border-radius:50%;vertical-align:-.2em;margin:0 .15em}
.md-mark-yes{background:#1a7f37}.md-mark-no{background:#c62828}.md-mark-warn{background:#a15c00;border-radius:3px}
.md-mark-yes::after{content:"";position:absolute;left:.4em;top:.18em;width:.28em;height:.55em;border:solid #fff;border-width:0 .14em .14em 0;transform:rotate(45deg)}
.md-mark-no::before,.md-mark-no::after{content:"";position:absolute;left:.5em;top:.2em;width:.14em;height:.75em;background:#fff;transform:rotate(45deg)}
.md-mark-no::after{transform:rotate(-45deg)}
.md-mark-warn::after{content:"!";position:absolute;inset:0;color:#fff;font:700 .85em/1.35 sans-serif;text-align:center}
@media (forced-colors:active){.md-mark{border:1px solid CanvasText}}
`;

function textNodes(root: Node, doc: Document): Text[] {
  const out: Text[] = [];
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    // Code is shown verbatim.
    if (!(n.parentElement?.closest('code, pre'))) out.push(n as Text);
  }
  return out;
}

/** Replaces the matches of `pattern` in every text node (outside code) with what `make` returns. */
export function replaceInText(root: Node, doc: Document, pattern: RegExp, make: (match: RegExpExecArray) => Node | string): void {
  for (const node of textNodes(root, doc)) {
    const text = node.data;
    pattern.lastIndex = 0;
    let m = pattern.exec(text);
    if (!m) continue;
    const parts: (Node | string)[] = [];
    let at = 0;
    for (; m; m = pattern.exec(text)) {
      if (m.index > at) parts.push(text.slice(at, m.index));
      parts.push(make(m));
      at = m.index + m[0].length;
    }
    if (at < text.length) parts.push(text.slice(at));
    node.replaceWith(...parts);
  }
}

/** Verdict marks drawn in CSS with their word for screen readers; empty headers named; scrollers reachable by keyboard. */
export function decorateMarkdown(root: DocumentFragment | Element, labels: MarkdownLabels, doc: Document): void {
  replaceInText(root, doc, MARK, (m) => {
    const kind = KIND[m[0]] ?? 'warn';
    const mark = doc.createElement('span');
    mark.className = `md-mark md-mark-${kind}`;
    mark.setAttribute('role', 'img');
    mark.setAttribute('aria-label', labels[kind]);
    mark.title = labels[kind];
    return mark;
  });
  for (const th of root.querySelectorAll('th')) {
    if ((th.textContent ?? '').trim() !== '') continue;
    const name = doc.createElement('span');
    name.className = 'md-sr';
    name.textContent = labels.emptyHeader;
    th.append(name);
  }
  // Code blocks and wide tables scroll sideways: a keyboard user must be able to focus them to scroll.
  for (const el of root.querySelectorAll('pre, table')) el.setAttribute('tabindex', '0');
}
