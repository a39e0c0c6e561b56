import { readDomain, type CorpusVocabulary } from '../../src/core/analysis/domain-of.js';
import type { IntentSignals } from '../../src/core/assistant/classify-intent.js';

// A vocabulary as the corpus gives it: topic terms from its headings, phrases its passages use.
const TOPICS = ['生活补贴', '租房补贴', '人才公寓', '公寓', '举才官', '举荐', '安家补贴', '落户', '认定', '外国人', 'subsidy', 'rent'];
const USED = ['个税', '护照', '身份证'];
export const testVocabulary: CorpusVocabulary = {
  uses: (phrase) => USED.includes(phrase),
  topicsIn: (text) => TOPICS.filter((t) => text.includes(t)),
  usesUnder: () => false,
  distinctiveTerms: () => [],
  meaningOf: () => [],
};

/** The signals with the domain reading of the text added, as the assistant passes them. */
export function withDomain(text: string, signals: IntentSignals): IntentSignals {
  return { ...signals, domain: readDomain(text, testVocabulary) };
}
