import type { KnowledgePort } from '../ports/knowledge-port.js';
import type { Intent } from '../types.js';

/** Intents that must reach a person; neither curated answers nor a model overrule them. */
export const FIRM_INTENTS: readonly Intent[] = ['request_human', 'complaint', 'own_case'];

// The domain's own words, which are too common in the corpus for hasTopic to count them as a topic.
const DOMAIN_RE = /人才|补贴|政策|\b(talents?|polic(y|ies)|subsid\w*|allowances?|hukou)\b/iu;

/** A question names the domain: a topical corpus term, a glossary term, or a domain word. */
export function namesDomain(query: string, addedTerms: readonly string[], knowledge: Pick<KnowledgePort, 'hasTopic'>): boolean {
  return addedTerms.length > 0 || DOMAIN_RE.test(query) || knowledge.hasTopic(query);
}

/** The offline classifier's decisions that must reach a person (or refuse) are never overruled by a model. */
export function pickIntent(offline: Intent, model: Intent | undefined): Intent {
  if (!model || FIRM_INTENTS.includes(offline) || offline === 'out_of_scope') return offline;
  return model;
}

/** The text without HTML/XML tags and entities. */
export function withoutMarkup(text: string): string {
  return text.replace(/<[^>]*>/gu, ' ').replace(/&[a-z]+;|&#\d+;/giu, ' ').replace(/\s+/gu, ' ').trim();
}
