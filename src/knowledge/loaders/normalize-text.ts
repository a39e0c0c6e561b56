/** Decodes text file bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030. */
export function decodeText(raw: Uint8Array): string {
  if (raw[0] === 0xff && raw[1] === 0xfe) return new TextDecoder('utf-16le').decode(raw);
  if (raw[0] === 0xfe && raw[1] === 0xff) return new TextDecoder('utf-16be').decode(raw);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    // Chinese government downloads are often GBK; GB18030 is its superset and never throws.
    return new TextDecoder('gb18030').decode(raw);
  }
}

/**
 * Normalises a body: BOM stripped, CRLF/CR → LF, trailing whitespace removed, runs of blank lines
 * collapsed to one, leading/trailing blank lines dropped. Leading indentation (often U+3000 in
 * Chinese texts) and full-width punctuation are kept.
 */
export function normalizeBody(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+/, '')
    .trimEnd();
}

/** Collapses HTML whitespace (ASCII and no-break space, not U+3000) to one space, then trims. */
export function collapseInline(text: string): string {
  return text.replace(/[ \t\n\r\f\u00a0]+/g, ' ').trim();
}
