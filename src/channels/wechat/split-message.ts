// Sentence ends (with any closing quote or bracket that belongs to the sentence).
const SENTENCE_RE = /[^。！？!?；;…\n]*(?:[。！？!?；;…]+[」』”’）)】]*|$)/gu;
const CLAUSE_RE = /[^，,、：:\n]*(?:[，,、：:]+|$)/gu;

/**
 * Splits a plain text into messages of at most `max` characters, in order, breaking between
 * sentences (and keeping paragraphs together when they fit). A sentence longer than `max` is cut at
 * commas, and only a clause longer than `max` is cut mid-text.
 */
export function splitMessage(text: string, max: number): string[] {
  const whole = text.trim();
  if (whole === '') return [];
  if (whole.length <= max) return [whole];
  const parts: string[] = [];
  let current = '';
  let pendingBreak = '';
  const flush = (): void => {
    const t = current.trim();
    if (t !== '') parts.push(t);
    current = '';
    pendingBreak = '';
  };
  const add = (piece: string): void => {
    if (current === '') {
      current = piece.replace(/^\s+/u, '');
      return;
    }
    if ((current + pendingBreak + piece).trimEnd().length <= max) {
      current += pendingBreak + piece;
      pendingBreak = '';
      return;
    }
    // A line introducing what follows ("依据原文（…）：", or a title above its 「quote」) moves on with it.
    const cut = current.lastIndexOf('\n');
    const intro = current.slice(cut + 1);
    const introduces = pendingBreak !== '\n\n' && (/[：:]\s*$/u.test(intro) || piece.trimStart().startsWith('「'));
    if (cut > 0 && introduces && (intro + pendingBreak + piece).trimEnd().length <= max) {
      const carried = intro + pendingBreak + piece;
      current = current.slice(0, cut);
      flush();
      current = carried;
      return;
    }
    flush();
    current = piece.replace(/^\s+/u, '');
  };

  for (const token of whole.split(/(\n+)/u)) {
    if (token === '') continue;
    if (token.startsWith('\n')) {
      // A paragraph break: kept between sentences of one message, dropped at a message boundary.
      if (current !== '') pendingBreak = token.length > 1 ? '\n\n' : '\n';
      continue;
    }
    for (const sentence of pieces(token, SENTENCE_RE)) {
      if (sentence.trim().length <= max) {
        add(sentence);
        continue;
      }
      for (const clause of pieces(sentence, CLAUSE_RE)) {
        if (clause.trim().length <= max) add(clause);
        else for (const chunk of hardCut(clause.trim(), max)) add(chunk);
      }
    }
  }
  flush();
  return parts;
}

function pieces(text: string, re: RegExp): string[] {
  return (text.match(re) ?? []).filter((p) => p !== '');
}

/** Cuts by code points, so a character outside the BMP is never split in half. */
function hardCut(text: string, max: number): string[] {
  const out: string[] = [];
  let chunk = '';
  for (const ch of text) {
    if (chunk.length + ch.length > max) {
      out.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk !== '') out.push(chunk);
  return out;
}
