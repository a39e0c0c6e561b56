import type { Passage } from '../ports/knowledge-port.js';
import type { Lang } from '../types.js';
import { CAVEAT_ZH, citationOf, sourceName } from './citation-of.js';
import { composeAnswer, type AnswerInput, type Composed } from './compose-answer.js';
import { analyseQuestion } from '../analysis/question-analysis.js';
import { citesClaimedNotice } from './claimed-notice.js';
import { changeLine, figureChanges } from './what-changed.js';
import { similarity } from '../curated/curated-answers.js';
import { englishOf, englishSource } from './compose-english.js';

export type { Composed };

/** What the offline composer answers from: the same input as the answer composer it delegates to. */
export type PolicyAnswerInput = AnswerInput;

const caveat = (lang: Lang): string =>
  lang === 'en'
    ? `_Sample text, not the official wording (${CAVEAT_ZH}). Reply “转人工” to reach a helper officer for your own case._`
    : `_${CAVEAT_ZH}如需就个人情况确认，可回复“转人工”联系政府助才专员。_`;

const ASKS_COMPARISON = /对比|比较|区别|不同|差别|差异|有什么变化|哪些变化|compare|comparison|difference/iu;

/** The answer to a policy or procedure question: the direct answer first, then only what it rests on. */
export function composePolicyAnswer(input: PolicyAnswerInput): Composed {
  return composeAnswer(input);
}

/** A comparison of the current and the superseded article, side by side, with both keys. */
export function composeComparison(input: PolicyAnswerInput): Composed {
  const { lang, passages } = input;
  const pair = counterparts(passages);
  // "21条还有效吗" mentions both generations but asks whether one is in force.
  if (!pair || analyseQuestion(input.asked ?? input.question).aspects[0] === 'validity') return composePolicyAnswer(input);
  // A figure heard ("朋友说今年提高了", "那是老政策吧？现在是多少") asks for the figure in force, not a table.
  if (citesClaimedNotice(input.asked ?? input.question) && !ASKS_COMPARISON.test(input.asked ?? input.question)) return composePolicyAnswer({ ...input, wantsOld: false });
  const { current, old } = pair;
  const head = lang === 'en' ? 'Current policy vs. the superseded one:' : '新旧政策对比如下：';
  const rows = [
    lang === 'en'
      ? `| | Current: ${englishSource(current)} [${current.key}] | Superseded: ${englishSource(old)} [${old.key}] |`
      : `| | 现行：${sourceName(current)} [${current.key}] | 原政策（已废止）：${sourceName(old)} [${old.key}] |`,
    '|---|---|---|',
    `| ${lang === 'en' ? 'Text' : '规定'} | ${oneLine(textIn(current, lang))} | ${oneLine(textIn(old, lang))} |`,
  ];
  const note = lang === 'en'
    ? `The superseded policy was repealed${old.expires ? ` on ${old.expires}` : ''}; cases are decided under the current one.`
    : `原政策已于${old.expires ?? '新政施行时'}废止，现按现行政策执行。`;
  // The conclusion first: which figures changed, before → after, each article's key at the end.
  const conclusion = changeLine(figureChanges(current, old, input.asked ?? input.question, input.terms), lang);
  const lead = conclusion ? `${conclusion.replace(/[。.]$/u, '')} [${old.key}, ${current.key}]${lang === 'en' ? '.' : '。'}` : head;
  return { text: [lead, ...(conclusion ? [head] : []), rows.join('\n'), note, caveat(lang)].join('\n\n'), citations: [citationOf(current), citationOf(old)] };
}

/**
 * The two articles to compare: the best retrieved policy article, and the article of the other
 * generation whose heading is most like it (青年大学生生活补贴 ↔ 生活补贴), retrieval order breaking ties.
 */
function counterparts(passages: readonly Passage[]): { current: Passage; old: Passage } | undefined {
  const policy = passages.filter((p) => p.kind === 'policy' && p.number > 0).slice(0, 8);
  const anchor = policy[0];
  if (!anchor) return undefined;
  let best: Passage | undefined;
  let bestScore = -Infinity;
  policy.forEach((p, i) => {
    if (p.status === anchor.status) return;
    const score = similarity(topicOf(anchor.heading), topicOf(p.heading)) - 0.05 * i;
    if (score > bestScore) {
      best = p;
      bestScore = score;
    }
  });
  if (!best) return undefined;
  return anchor.status === 'current' ? { current: anchor, old: best } : { current: best, old: anchor };
}

const topicOf = (heading: string): string => heading.replace(/^第[^条]+条\s*/u, '');

/** The article's text in the reply's language: its unofficial translation when there is one. */
const textIn = (p: Passage, lang: Lang): string => (lang === 'en' ? englishOf(p)?.text ?? p.text : p.text);

function oneLine(text: string): string {
  return text.replace(/\s*\n+\s*/gu, ' ').replace(/\|/gu, '｜');
}

/** The polite redirect for an out-of-scope message: no citations. */
export function composeOutOfScope(lang: Lang): Composed {
  const text = lang === 'en'
    ? 'Sorry, I can only help with Qiantang District talent policies and how to apply for them (subsidies, housing, hukou, talent recognition, the talent card, …). Try asking, for example: “How much is the living allowance for a master’s graduate?”'
    : '抱歉，我是钱塘区人才政策助手钱小智，只能解答钱塘区人才政策和办事问题（如生活补贴、租房补贴、安家补贴、人才落户、人才认定、人才卡等）。您可以这样问我：“硕士来钱塘工作有多少生活补贴？”';
  return { text, citations: [] };
}

/**
 * The reply to a message that only tells the person's situation: what was understood, and what to ask.
 * No passage is quoted: nothing was asked, so nothing the search found is an answer.
 */
export function composeNoted(facts: readonly string[], lang: Lang): Composed {
  const known = facts.length > 0 ? (lang === 'en' ? `Noted: ${facts.join(', ')}. ` : `好的，已记下您的情况：${facts.join('、')}。`) : '';
  const text = lang === 'en'
    ? `${known}What would you like to know? For example, which subsidies you can get, how much, or how to apply.`
    : `${known}请问您想了解哪方面的政策？例如能领哪些补贴、能领多少、怎么申请。`;
  return { text, citations: [] };
}

/** The greeting and self-introduction. */
export function composeGreeting(lang: Lang): Composed {
  const text = lang === 'en'
    ? 'Hello! I am 钱小智, the talent-policy assistant of Qiantang District. Ask me about subsidies, housing, hukou, talent recognition or how to apply; I answer from the policy texts and cite the article. For your own case, reply “转人工” and a helper officer (政府助才专员) will take over.'
    : '您好！我是钱塘区人才政策助手钱小智。可以问我人才政策和办事问题，例如：\n\n- 硕士来钱塘工作有多少生活补贴？\n- 租房补贴要准备哪些材料？\n- 新政和老政策相比有什么变化？\n\n我会注明依据的政策条款。涉及您个人的具体情况，回复“转人工”即可联系政府助才专员。';
  return { text, citations: [] };
}
