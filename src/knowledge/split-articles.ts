import { parseChineseNumber } from './chinese-numerals.js';
import type { Chunk, SourceDocument } from './types.js';

/** Options of the splitter. */
export interface SplitOptions {
  /** Articles longer than this (characters) are split by 款 into parts of at most this size. */
  maxChars?: number;
}

const NUM = '[零〇一二两三四五六七八九十百千\\d０-９]+';
const HEADING_PREFIX = '^\\s*(?:#{1,6}\\s*)?(?:\\*\\*)?';
// An article heading is followed by a space, a bracketed title or the line end; "第十五条规定的……"
// (a reference to another article at the start of a line) is not a heading.
const ARTICLE_RE = new RegExp(`${HEADING_PREFIX}第(${NUM})条(?:\\*\\*)?(?=[\\s\\u3000【[]|$)[\\s\\u3000]*(.*)$`, 'u');
const CHAPTER_RE = new RegExp(`${HEADING_PREFIX}第(${NUM})章[\\s\\u3000]*(.*)$`, 'u');
// Guide sections: "一、适用对象" anywhere, or a Markdown heading "## 1. 适用对象".
const SECTION_CN_RE = /^\s*(?:#{1,6}\s*)?([一二三四五六七八九十]+)、\s*(.+)$/u;
const SECTION_MD_RE = /^\s*#{1,6}\s*(\d+)[.、．]\s*(.+)$/u;
// The sample caveat and other block quotes in front of the text are metadata, not content.
const NOISE_RE = /^\s*(?:>.*|#\s.*|-{3,}|\*{3,})\s*$/u;

interface Section {
  number: number;
  heading: string;
  chapter?: string;
  lines: string[];
}

/**
 * Splits a document into citable chunks: articles (第X条) for policies, numbered sections for guides.
 * A chunk never spans two articles; text before the first article becomes a preamble chunk keyed by
 * the document id; a long article is split by paragraph (款) and every part keeps the article key.
 */
export function splitDocument(doc: SourceDocument, options: SplitOptions = {}): Chunk[] {
  const maxChars = options.maxChars ?? 600;
  const lines = doc.body.split('\n');
  const sections: Section[] = [];
  const preamble: string[] = [];
  let chapter: string | undefined;
  let current: Section | undefined;
  let lastNumber = 0;

  for (const line of lines) {
    const chapterMatch = doc.meta.kind === 'policy' ? CHAPTER_RE.exec(line) : null;
    if (chapterMatch && parseChineseNumber(chapterMatch[1] ?? '') !== undefined) {
      chapter = `第${chapterMatch[1]}章 ${cleanHeading(chapterMatch[2] ?? '')}`.trim();
      current = undefined;
      continue;
    }
    const start = matchStart(line, doc.meta.kind, lastNumber);
    if (start) {
      current = { number: start.number, heading: start.heading, lines: start.rest ? [start.rest] : [], ...(chapter ? { chapter } : {}) };
      sections.push(current);
      lastNumber = start.number;
      continue;
    }
    if (current) current.lines.push(line);
    else preamble.push(line);
  }

  const chunks: Chunk[] = [];
  const preambleText = tidy(preamble.filter((l) => !NOISE_RE.test(l)));
  if (preambleText.length > 0 || sections.length === 0) {
    const text = sections.length === 0 ? tidy(lines.filter((l) => !NOISE_RE.test(l))) : preambleText;
    if (text.length > 0) chunks.push(...toChunks(doc, { number: 0, heading: doc.meta.title, lines: [text] }, doc.meta.id, maxChars));
  }
  for (const section of sections) {
    chunks.push(...toChunks(doc, section, `${doc.meta.id}-${section.number}`, maxChars));
  }
  return chunks;
}

function matchStart(line: string, kind: 'policy' | 'guide', lastNumber: number): { number: number; heading: string; rest?: string } | undefined {
  const article = ARTICLE_RE.exec(line);
  if (article) {
    const number = parseChineseNumber(article[1] ?? '');
    // Articles run in order, so "第三条规定的……" inside article 10 is text, not a new article.
    if (number !== undefined && number > lastNumber) {
      const { title, rest } = splitTitle(article[2] ?? '', /^\s*#/.test(line));
      return { number, heading: `第${article[1]}条${title ? ` ${title}` : ''}`, ...(rest ? { rest } : {}) };
    }
  }
  if (kind !== 'guide') return undefined;
  const cn = SECTION_CN_RE.exec(line);
  const md = cn ? null : SECTION_MD_RE.exec(line);
  const m = cn ?? md;
  if (!m) return undefined;
  const number = parseChineseNumber(m[1] ?? '');
  // Only the next number in sequence opens a section, so numbered lists inside a section stay in it.
  if (number === undefined || number !== lastNumber + 1) return undefined;
  const title = cleanHeading(m[2] ?? '');
  if (title.length > 30) return undefined;
  return { number, heading: `${m[1]}${cn ? '、' : '. '}${title}` };
}

// "第五条 青年大学生生活补贴" (a heading) vs "第五条　对新引进……" (text that starts on the heading line).
function splitTitle(after: string, isMarkdownHeading: boolean): { title: string; rest?: string } {
  const text = after.trim();
  const bracket = /^[【[]([^】\]]{1,30})[】\]]\s*(.*)$/u.exec(text);
  if (bracket) return { title: bracket[1] ?? '', ...(bracket[2] ? { rest: bracket[2] } : {}) };
  if (isMarkdownHeading || (text.length <= 20 && !/[，。；：,;]/u.test(text))) return { title: cleanHeading(text) };
  return { title: '', rest: text };
}

function cleanHeading(text: string): string {
  return text.replace(/[*#]/gu, '').trim();
}

function tidy(lines: string[]): string {
  return lines.join('\n').replace(/\n{3,}/gu, '\n\n').trim();
}

function toChunks(doc: SourceDocument, section: Section, key: string, maxChars: number): Chunk[] {
  const body = tidy(section.lines);
  const parts = packParagraphs(body, maxChars);
  const { meta } = doc;
  return parts.map((text, i) => ({
    id: parts.length > 1 ? `${key}#${i + 1}` : key,
    key,
    docId: meta.id,
    docTitle: meta.title,
    ...(meta.shortName ? { shortName: meta.shortName } : {}),
    kind: meta.kind,
    status: meta.status,
    ...(meta.effective ? { effective: meta.effective } : {}),
    ...(meta.expires ? { expires: meta.expires } : {}),
    ...(meta.supersededBy ? { supersededBy: meta.supersededBy } : {}),
    ...(meta.basis && meta.basis.length > 0 ? { basis: meta.basis } : {}),
    heading: section.heading,
    number: section.number,
    ...(section.chapter ? { chapter: section.chapter } : {}),
    text,
    part: i + 1,
    parts: parts.length,
  }));
}

/** Groups paragraphs (款) into parts of at most maxChars; a single longer paragraph is cut at sentence ends. */
function packParagraphs(body: string, maxChars: number): string[] {
  if (body.length <= maxChars) return [body];
  const paragraphs = body.split(/\n\s*\n/u).flatMap((p) => (p.length <= maxChars ? [p] : cutSentences(p, maxChars)));
  const parts: string[] = [];
  let buf = '';
  for (const p of paragraphs) {
    if (buf && buf.length + p.length + 2 > maxChars) {
      parts.push(buf);
      buf = p;
    } else {
      buf = buf ? `${buf}\n\n${p}` : p;
    }
  }
  if (buf) parts.push(buf);
  return parts;
}

function cutSentences(p: string, maxChars: number): string[] {
  const sentences = p.match(/[^。；！？!?;]+[。；！？!?;]?/gu) ?? [p];
  const out: string[] = [];
  let buf = '';
  for (const s of sentences) {
    if (buf && buf.length + s.length > maxChars) {
      out.push(buf);
      buf = s;
    } else buf += s;
  }
  if (buf) out.push(buf);
  return out;
}
