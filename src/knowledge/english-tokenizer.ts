import type { Tokenizer } from './tokenizer.js';

/** Words that carry no policy meaning in an English question or text. */
const STOP = new Set(
  `a an the and or but if of to in on at by for with from into as than then so such this that these those there here
  is are am be been being was were do does did done have has had having will would shall should can could may might must
  i me my mine we us our you your he him his she her they them their it its who whom whose which what when where why how
  not no nor any all each every some other also only just very more most much many please tell know want like get got
  about up out over under after before again further once same own too s t don`.split(/\s+/u).filter(Boolean),
);

// A few irregular forms people use in questions; regular plurals and verb forms are handled by stem().
const IRREGULAR: Record<string, string> = { children: 'child', kids: 'child', kid: 'child', men: 'man', women: 'woman', people: 'person', wives: 'wife' };

/**
 * A light English stemmer for matching questions to the translated texts: plural and verb endings
 * and British/American spellings fold together ("subsidies" → "subsidy", "recognized" and
 * "recognised" → "recognis", "renting" → "rent"). Over-folding costs little here: both sides go
 * through the same function and BM25 only needs the two forms to meet.
 */
export function stemEnglish(word: string): string {
  let w = IRREGULAR[word] ?? word;
  w = w.replace(/iz(e|es|ed|ing|ation|ations)$/u, 'is$1').replace(/(met|cent|lit)ers?$/u, '$1re');
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && w.endsWith('ied')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/u.test(w)) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  // "settle"/"settl(ing)", "graduate"/"graduat(ed)": a final e is dropped after the other steps.
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  // "permitted" → "permitt" → "permit".
  if (w.length > 4 && /([b-df-hj-np-tv-z])\1$/u.test(w) && !/(ss|ll)$/u.test(w)) w = w.slice(0, -1);
  return w;
}

/**
 * English search terms: lower-case Latin words split at hyphens and apostrophes, stop words and
 * bare short numbers dropped, stemmed. Chinese characters are ignored (the Chinese index has them),
 * so the names the translation gives in parentheses, 钱塘人才卡, do not count twice.
 */
export function createEnglishTokenizer(): Tokenizer {
  return {
    terms(text: string): string[] {
      const words = text.normalize('NFKC').toLowerCase().replace(/[’']s\b/gu, '').match(/[a-z]+|\d[\d,]*/gu) ?? [];
      const out: string[] = [];
      for (const raw of words) {
        const word = raw.replace(/,/gu, '');
        if (STOP.has(word)) continue;
        // Amounts and years are kept (100000, 2022); list numbers and small counts ("3 years") are everywhere.
        if (/^\d{1,3}$/u.test(word)) continue;
        out.push(/^\d/u.test(word) ? word : stemEnglish(word));
      }
      return out;
    },
  };
}
