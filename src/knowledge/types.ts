/** Whether a policy text is in force. */
export type PolicyStatus = 'current' | 'superseded';

/** What kind of text a document is: a policy with articles, or a service guide with sections. */
export type DocumentKind = 'policy' | 'guide';

/** Metadata of one policy document, from its front matter (or derived for formats without one). */
export interface DocumentMeta {
  /** Stable id used in citation keys, e.g. `qt25` or `g02`. */
  id: string;
  /** Full official title, without book-title marks. */
  title: string;
  /** Short name people use, e.g. 人才新政25条. */
  shortName?: string;
  /** Issuing body. */
  issuer?: string;
  /** current or superseded. */
  status: PolicyStatus;
  /** ISO date the text took effect. */
  effective?: string;
  /** ISO date the text expires or was repealed. */
  expires?: string;
  /** Id of the document that replaced this one. */
  supersededBy?: string;
  /** policy (articles) or guide (numbered sections). */
  kind: DocumentKind;
  /** Citation keys of the articles a guide implements, e.g. ['qt25-5']. */
  basis?: string[];
}

/** A document as loaded from disk: metadata plus its body as plain text or Markdown. */
export interface SourceDocument {
  meta: DocumentMeta;
  /** Body text (Markdown for .md, plain text for the other formats), front matter removed. */
  body: string;
  /** Path relative to the corpus folder, for messages. */
  path: string;
  /** sha256 of the raw file bytes, for change detection. */
  hash: string;
}

/** One retrievable passage: a whole article or guide section, or one part of a long one. */
export interface Chunk {
  /** Unique id within the index: the citation key plus the part number. */
  id: string;
  /** Citation key, e.g. `qt25-5`, `g02-3`, or the document id for a preamble. */
  key: string;
  /** Document id. */
  docId: string;
  /** Full document title. */
  docTitle: string;
  /** Short document name, if any. */
  shortName?: string;
  /** policy or guide. */
  kind: DocumentKind;
  /** current or superseded. */
  status: PolicyStatus;
  /** ISO date the document took effect. */
  effective?: string;
  /** ISO date the document expires or was repealed. */
  expires?: string;
  /** Id of the replacing document. */
  supersededBy?: string;
  /** For a guide: the article keys it implements. */
  basis?: string[];
  /** Article or section heading, e.g. `第五条 青年大学生生活补贴` or `三、申请材料`. */
  heading: string;
  /** Article number or section number (0 for a preamble). */
  number: number;
  /** Chapter heading the article sits in, if any. */
  chapter?: string;
  /** The passage text (without the heading). */
  text: string;
  /** 1-based part index when a long article was split by 款. */
  part: number;
  /** Number of parts the article was split into. */
  parts: number;
  /** Unofficial English translation of the whole article or section, when the corpus has one. */
  en?: ChunkTranslation;
}

/** The translated text attached to a chunk (same shape as the Passage's `en`). */
export interface ChunkTranslation {
  /** Translated document title. */
  title: string;
  /** Translated short name. */
  shortName?: string;
  /** Translated heading, e.g. `Article 5 Living Allowance for Young Graduates`. */
  heading: string;
  /** Translated text of the whole article or section. */
  text: string;
}
