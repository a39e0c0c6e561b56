/** What a format loader pulls out of a file's bytes, before metadata is resolved. */
export interface ExtractedText {
  /** Body text, not yet normalised. */
  body: string;
  /** Parsed front matter, for formats that can carry one (Markdown, plain text). */
  frontMatter?: Record<string, unknown>;
  /** A title the format declares itself, e.g. HTML `<title>`; beats the first-line guess. */
  title?: string;
}

/** Turns raw file bytes into text; throws (anything) when the bytes cannot be parsed. */
export type FormatLoader = (raw: Buffer) => Promise<ExtractedText>;
