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
