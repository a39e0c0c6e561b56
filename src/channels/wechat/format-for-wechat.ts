import type { Citation, Reply } from '../../core/types.js';
import { splitMessage } from './split-message.js';

// Backslash escapes are parked on private-use characters while the markers are removed.
const ESCAPABLE = '\\`*_{}[]()#+-.!>|~';
const park = (ch: string): string => String.fromCharCode(0xe000 + ESCAPABLE.indexOf(ch));
const PARKED_RE = /[\ue000-\ue013]/gu;
// Citation markers the composers write, e.g. [qt25-5], [g02-3], [g02], [qt25-5, g03-2].
const KEY = '[a-z]+\\d+(?:-\\d+)?';
const MARKER_RE = new RegExp(`\\s?\\[(?:${KEY})(?:\\s*[,，]\\s*${KEY})*\\]`, 'gu');
const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" };

/** Inline Markdown → plain text. */
function inline(text: string, keys: ReadonlySet<string>): string {
  return text
    .replace(/\\([\\`*_{}[\]()#+\-.!>|~])/gu, (_m, ch: string) => park(ch))
    .replace(/`([^`\n]+)`/gu, '$1')
    .replace(/!\[([^\]]*)\]\([^)]*\)/gu, '$1')
    .replace(/\[([^\]]+)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/gu, (_m, label: string, url: string) => (label === url ? url : `${label}（${url}）`))
    // With the space before it, so an English "RMB 30,000 [qt25-5]." does not end "30,000 .".
    .replace(/\s?\[([^\]]+)\]/gu, (m, inner: string) => (keys.has(inner.trim()) ? '' : m))
    .replace(MARKER_RE, '')
    .replace(/\*\*([^*\n]+?)\*\*|__([^_\n]+?)__/gu, (_m, a?: string, b?: string) => a ?? b ?? '')
    .replace(/(^|[^*\w])\*([^*\s][^*\n]*?)\*(?=[^*\w]|$)/gu, '$1$2')
    .replace(/(^|[^_\p{L}\p{N}])_([^_\s][^_\n]*?)_(?=[^_\p{L}\p{N}]|$)/gu, '$1$2')
    .replace(/~~([^~\n]+)~~/gu, '$1')
    .replace(/<\/?[a-z][^>]*>/giu, '')
    .replace(/&(nbsp|amp|lt|gt|quot|apos|#39);/gu, (_m, name: string) => ENTITIES[name] ?? '')
    .replace(PARKED_RE, (ch) => ESCAPABLE[ch.charCodeAt(0) - 0xe000] ?? '');
}

/**
 * Markdown → the plain text WeChat shows: no markers left; headings as 【…】, list items as "•",
 * block quotes as 「…」, links as "text（url）", citation markers like [qt25-5] removed (the
 * citations are listed separately).
 */
export function markdownToPlain(markdown: string, citationKeys: Iterable<string> = []): string {
  const keys = new Set(citationKeys);
  const text = markdown.replace(/\r\n?/gu, '\n').replace(/^\s*```[^\n]*\n([\s\S]*?)^\s*```\s*$/gmu, (_m, body: string) => body.replace(/\n$/u, ''));
  const out: string[] = [];
  let quote: string[] = [];
  const flushQuote = (): void => {
    if (quote.length > 0) out.push(`「${quote.join('\n')}」`);
    quote = [];
  };
  for (const line of text.split('\n')) {
    const q = /^\s{0,3}(?:>\s?)+(.*)$/u.exec(line);
    if (q) {
      const inner = inline(q[1] ?? '', keys).trim();
      if (inner !== '') quote.push(inner);
      continue;
    }
    flushQuote();
    if (/^\s{0,3}([-*_])(?:\s*\1){2,}\s*$/u.test(line)) {
      out.push('');
      continue;
    }
    if (/^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*(?::?-{3,}:?\s*)?\|?\s*$/u.test(line)) continue;
    const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/u.exec(line);
    if (heading) {
      out.push(`【${inline(heading[1] ?? '', keys).trim()}】`);
      continue;
    }
    const bullet = /^(\s*)[-*+]\s+(.*)$/u.exec(line);
    if (bullet) {
      out.push(`${'  '.repeat(Math.floor((bullet[1] ?? '').length / 2))}• ${inline(bullet[2] ?? '', keys).trim()}`);
      continue;
    }
    const row = /^\s*\|(.*)\|\s*$/u.exec(line);
    if (row) {
      out.push((row[1] ?? '').split('|').map((cell) => inline(cell, keys).trim()).join('　'));
      continue;
    }
    out.push(inline(line, keys).replace(/\s+$/u, ''));
  }
  flushQuote();
  return out.join('\n').replace(/\n{3,}/gu, '\n\n').trim();
}

/**
 * One "依据：《标题》第X条 …" line per cited source, in order of use, without repeats; for an English
 * reply "Basis: 《标题》Article X … (unofficial translation)" (the document keeps its Chinese name, so
 * it can be found; the article heading is the translation's when there is one).
 */
export function citationLines(citations: readonly Citation[], max = 4, lang: Reply['lang'] = 'zh'): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const c of citations) {
    if (seen.has(c.key)) continue;
    seen.add(c.key);
    lines.push(lang === 'en' ? englishLine(c) : `依据：《${c.title}》${c.article}${c.status === 'superseded' ? '（旧政策，已被新政策取代）' : ''}`);
    if (lines.length >= max) break;
  }
  return lines;
}

function englishLine(c: Citation): string {
  const old = c.status === 'superseded' ? ' (old policy, replaced by the current one)' : '';
  return c.en ? `Basis: 《${c.title}》${c.en.article} (unofficial translation)${old}` : `Basis: 《${c.title}》${c.article}${old}`;
}

const BARE_SOURCE_RE = /^(依据|Basis)\s*[:：]\s*《[^“"「]*$/u;

/** A whole reply as WeChat text: the answer in plain text, then its 依据 (Basis) lines. */
export function formatReply(reply: Pick<Reply, 'text' | 'citations' | 'retrieved'> & Partial<Pick<Reply, 'lang'>>): string {
  const plain = markdownToPlain(reply.text, [...reply.citations.map((c) => c.key), ...reply.retrieved]);
  const sources = citationLines(reply.citations, 4, reply.lang);
  if (sources.length === 0) return plain;
  // A bare source line of the answer ("依据：《…》第五条", no quote) is what the 依据 lines below say: once is enough.
  const body = plain.split('\n').filter((l) => !BARE_SOURCE_RE.test(l)).join('\n').replace(/\n{3,}/gu, '\n\n').trim();
  return `${body}\n\n${sources.join('\n')}`;
}

/** A reply split into WeChat messages of at most `maxChars` characters, in sending order. */
export function formatForWechat(reply: Pick<Reply, 'text' | 'citations' | 'retrieved'> & Partial<Pick<Reply, 'lang'>>, maxChars: number): string[] {
  return splitMessage(formatReply(reply), maxChars);
}
