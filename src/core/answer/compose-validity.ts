import { passageSentences } from '../analysis/passage-structure.js';
import type { Passage } from '../ports/knowledge-port.js';
import type { Lang } from '../types.js';
import { citationOf, sourceName } from './citation-of.js';
import type { Composed } from './compose-answer.js';
import { englishOf, englishSource } from './compose-english.js';

/**
 * "Is the old policy still valid?" answered directly: no, repealed on which date, replaced by what,
 * with the article that repeals it. Undefined when the retrieved texts say nothing about a repeal.
 */
export function composeValidity(question: string, passages: readonly Passage[], lang: Lang, caveat: string): Composed | undefined {
  const q = question.normalize('NFKC');
  const named = passages.find((p) => p.status === 'superseded' && names(q, p));
  const old = named ?? (OLD_WORDS_RE.test(q) ? passages.find((p) => p.status === 'superseded') : undefined);
  if (!old) return undefined;
  const oldName = old.shortName ?? old.docTitle;
  // The current article that says the old text is repealed ("…同时废止").
  const repeal = passages.find((p) => p.status === 'current' && p.kind === 'policy' && /废止|失效/u.test(p.text) && (p.text.includes(oldName) || p.text.includes(old.docTitle)));
  const sentence = repeal ? passageSentences(repeal.text).find((s) => /废止|失效/u.test(s)) : undefined;
  const newName = repeal ? (repeal.shortName ?? repeal.docTitle) : undefined;
  const when = old.expires ? (lang === 'en' ? ` on ${old.expires}` : `于${old.expires}`) : '';
  const key = repeal?.key ?? old.key;
  // An English answer names the texts by their translated names and quotes the translated repeal.
  const enName = (p: Passage): string | undefined => englishOf(p)?.shortName ?? englishOf(p)?.title;
  const direct = lang === 'en'
    ? `No: 《${enName(old) ?? oldName}》 was repealed${when}${newName && repeal ? ` and replaced by 《${enName(repeal) ?? newName}》` : ''} [${key}].`
    : `不再有效：《${oldName}》已${when}废止${newName ? `，由《${newName}》替代` : ''} [${key}]。`;
  const lines = [direct];
  const enSentence = lang === 'en' && repeal ? (englishOf(repeal)?.text.match(/[^.\n]*\brepealed\b[^.\n]*\./u)?.[0].trim()) : undefined;
  if (repeal && enSentence) lines.push(`Basis (unofficial translation): “${enSentence}” — ${englishSource(repeal)} (Chinese original in the source card)`);
  else if (repeal && sentence) lines.push(`${lang === 'en' ? 'Basis' : '依据'}：“${sentence}”（${sourceName(repeal)}）`);
  lines.push(lang === 'en'
    ? `A case that arose while the old policy was in force may still be settled under it; reply “转人工” to check yours.`
    : '在旧政策有效期内已发生的事项如何衔接，可回复“转人工”由政府助才专员核实。');
  lines.push(caveat);
  // The old text's card only when the question named it (an arbitrary article of it says nothing).
  const cards = [...(repeal ? [citationOf(repeal)] : []), ...(named || !repeal ? [citationOf(old)] : [])];
  return { text: lines.join('\n\n'), citations: cards };
}

const OLD_WORDS_RE = /老政策|旧政策|原政策|以前的政策|原来的政策|old polic|previous polic|former polic/iu;

/** Whether the question names a document (by short name, title or its number-of-articles nickname). */
function names(q: string, p: Passage): boolean {
  const short = p.shortName ?? '';
  const nick = /(\d+条)/u.exec(short)?.[1];
  // In English the nickname is the number of articles: "the 21 Articles", "Qiantang 21 Policies".
  const n = nick?.replace('条', '');
  const english = n !== undefined && new RegExp(`(^|[^\\d])${n}\\s+(?:[a-z]+\\s+){0,2}(?:articles|policies|measures)\\b`, 'iu').test(q);
  return (short !== '' && q.includes(short)) || q.includes(p.docTitle) || (nick !== undefined && q.includes(nick)) || english;
}
