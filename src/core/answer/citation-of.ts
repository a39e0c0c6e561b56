import type { Passage } from '../ports/knowledge-port.js';
import type { Citation } from '../types.js';

/** The citation of a passage (the quote is the whole passage: articles are short and official). */
export function citationOf(p: Passage): Citation {
  return { key: p.key, title: p.docTitle, article: p.heading, quote: p.text, status: p.status };
}

/** 《人才新政25条》第五条 青年大学生生活补贴 — how a passage is named in an answer. */
export function sourceName(p: Pick<Passage, 'shortName' | 'docTitle' | 'heading'>): string {
  return `《${p.shortName ?? p.docTitle}》${p.heading}`;
}

/** Quotes a passage as a Markdown block quote. */
export function blockQuote(text: string): string {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => `> ${l}`)
    .join('\n');
}

/** The sample caveat every answer that quotes the texts carries. */
export const CAVEAT_ZH = '示例文本，非官方原文；金额与条件以官方最新发布为准。';

/** The same caveat in an English answer. */
export const CAVEAT_EN = 'Sample text, not the official wording; amounts and conditions are subject to the latest official release.';
