import type { Verdict } from '../eligibility/types.js';
import type { Passage } from '../ports/knowledge-port.js';
import type { Lang } from '../types.js';
import { blockQuote, CAVEAT_ZH, citationOf, sourceName } from './citation-of.js';
import type { Composed } from './offline-composer.js';

/**
 * Phrases eligibility verdicts. Amounts and conditions come from the rules, each with the key of the
 * article it implements; the article is quoted so the person can check the verdict against the text.
 */
export function composeVerdicts(verdicts: readonly Verdict[], passageOf: (key: string) => Passage | undefined, lang: Lang): Composed {
  const lines: string[] = [];
  const cited = new Map<string, Passage>();
  for (const v of verdicts) {
    const p = passageOf(v.key);
    if (p) cited.set(v.key, p);
    const assumed = v.assumed.length > 0 ? (lang === 'en' ? ` (based on: ${v.assumed.join(', ')})` : `（按您提供的情况：${v.assumed.join('、')}）`) : '';
    if (v.status === 'eligible') {
      lines.push(
        lang === 'en'
          ? `✅ **${v.benefit}**: you appear to qualify${assumed}: **${v.amount}**, ${v.payment}. [${v.key}]`
          : `✅ **${v.benefit}**：${assumed}您符合条件，可享受 **${v.amount}**，${v.payment}。[${v.key}]`,
      );
      for (const n of v.notes) lines.push(lang === 'en' ? `   - Note: ${n}` : `   - 注意：${n}`);
    } else if (v.status === 'not_eligible') {
      lines.push(
        lang === 'en'
          ? `❌ **${v.benefit}**: you do not appear to qualify${assumed}: ${v.reason} (the text requires: ${v.requirement}). [${v.key}]`
          : `❌ **${v.benefit}**：${assumed}暂不符合条件——${v.reason}（政策要求：${v.requirement}）。[${v.key}]`,
      );
    }
  }
  const quotes = [...cited.values()].map((p) => `${lang === 'en' ? 'Basis' : '依据原文'}（${sourceName(p)}）：\n${blockQuote(p.text)}`);
  const tail = lang === 'en'
    ? `_This check uses only what you told me; the office decides on your application. ${CAVEAT_ZH}_`
    : `_以上为根据您提供的信息作出的初步判断，最终以主管部门审核为准。${CAVEAT_ZH}_`;
  return { text: [...lines, ...quotes, tail].join('\n\n'), citations: [...cited.values()].map(citationOf) };
}

/** Asks for the one fact the check needs next, saying which benefit it is for. */
export function composeFactQuestion(benefit: string, question: string, known: readonly string[], lang: Lang): Composed {
  const knownText = known.length > 0 ? (lang === 'en' ? `So far I know: ${known.join(', ')}. ` : `目前已了解：${known.join('、')}。`) : '';
  const text = lang === 'en'
    ? `To check **${benefit}** for you, I need one more fact. ${knownText}${question}`
    : `为判断您能否享受**${benefit}**，还需要了解一项情况。${knownText}${question}`;
  return { text, citations: [] };
}
