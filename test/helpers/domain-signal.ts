import { readDomain, type CorpusVocabulary } from '../../src/core/analysis/domain-of.js';
import type { IntentSignals } from '../../src/core/assistant/classify-intent.js';

/** What a fake corpus knows, as its vocabulary reads it from headings, passages and the glossary. */
export interface FakeCorpus {
  /** Terms of its headings that are not generic. */
  topics: readonly string[];
  /** Phrases some passage uses. */
  used?: readonly string[];
  /** Whole names of articles (headings of one article and its guide). */
  articles?: readonly string[];
  /** Phrases the passages headed by a topic use, by topic. */
  under?: Readonly<Record<string, readonly string[]>>;
  /** Terms only one article and its guide use. */
  distinctive?: readonly string[];
  /** The glossary's corpus terms for a phrase people use. */
  meanings?: Readonly<Record<string, readonly string[]>>;
  /** Names of texts (article and guide names, what people call a text). */
  names?: readonly string[];
  /** Heading segments, for which terms a heading holds together. */
  headings?: readonly string[];
}

/** A vocabulary over a fake corpus: every method answers from the lists given, by substring. */
export function fakeVocabulary(corpus: FakeCorpus): CorpusVocabulary {
  return {
    uses: (phrase) => (corpus.used ?? []).includes(phrase) || Object.values(corpus.under ?? {}).some((u) => u.includes(phrase)),
    topicsIn: (text) => corpus.topics.filter((t) => text.includes(t)),
    usesUnder: (phrase, topics) => topics.some((t) => (corpus.under?.[t] ?? []).includes(phrase)),
    namesArticle: (term) => (corpus.articles ?? []).includes(term),
    distinctiveTerms: (text) => (corpus.distinctive ?? []).filter((t) => text.includes(t)),
    meaningOf: (phrase) => Object.entries(corpus.meanings ?? {}).filter(([say]) => phrase.includes(say)).flatMap(([, means]) => means),
    textsNamed: (text) => (corpus.names ?? []).filter((n) => text.includes(n)),
    headsTogether: (a, b) => (corpus.headings ?? []).some((h) => h.includes(a) && h.includes(b)),
  };
}

// A vocabulary as the corpus gives it: topic terms from its headings, phrases its passages use.
export const testVocabulary: CorpusVocabulary = fakeVocabulary({
  topics: ['生活补贴', '租房补贴', '人才公寓', '公寓', '举才官', '举荐', '安家补贴', '落户', '认定', '外国人', 'subsidy', 'rent'],
  used: ['个税', '护照', '身份证'],
  articles: ['生活补贴', '租房补贴', '人才公寓', '安家补贴'],
});

/** The signals with the domain reading of the text added, as the assistant passes them. */
export function withDomain(text: string, signals: IntentSignals): IntentSignals {
  return { ...signals, domain: readDomain(text, testVocabulary) };
}
