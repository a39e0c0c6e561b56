import { occursAlone } from './case-of.js';
import { labelledFigures } from './passage-structure.js';

/**
 * The case a question names that sorts people into different figures: a degree (本科, 硕士, 博士), a
 * talent category (C类), a title (正高, 副高, 特级教师), a skill grade (高级技师, 技师) or a prize grade (一等).
 * 博士 inside 博士后 is no degree, and 技师 inside 高级技师 is the higher grade.
 */
const CASE_RE = /大专|专科|本科|硕士|博士(?!后)|[A-E]类|正高(?:级)?|副高(?:级)?|特级教师|高级技师|(?<!高级)技师|[一二三]等/gu;

/** The case words a question names, in the order it names them. */
export function casesNamed(question: string): string[] {
  return [...new Set(question.normalize('NFKC').toUpperCase().match(CASE_RE) ?? [])].map((c) => c.replace(/级$/u, ''));
}

/**
 * The case a message is about when it names several: the one named most often ("我们硕士…听说博士能住…
 * 我们硕士能不能申请" is about 硕士; 博士 is what was heard of others). All of them on a tie.
 */
export function casesStressed(question: string): string[] {
  const all = (question.normalize('NFKC').toUpperCase().match(CASE_RE) ?? []).map((c) => c.replace(/级$/u, ''));
  const count = (c: string): number => all.filter((x) => x === c).length;
  const most = Math.max(0, ...all.map(count));
  return [...new Set(all.filter((c) => count(c) === most))];
}

/** Whether a passage's text speaks of the case at all (博士 not inside 博士后, 技师 not inside 高级技师). */
export function mentionsCase(text: string, word: string): boolean {
  const t = text.normalize('NFKC').toUpperCase();
  // A category is named inside a list too: "D、E类人才", "A类和B类", "E类以上".
  const letter = /^([A-E])类$/u.exec(word)?.[1];
  if (letter) return new RegExp(`${letter}(?:\\s*[、,，和与及或]\\s*[A-E])*\\s*类`, 'u').test(t);
  return occursAlone(t, word, ['博士后', '高级技师']);
}

/** Whether a passage states a figure (an amount) for the case: 博士10万元, C类人才300万元. */
export function statesFigureFor(text: string, word: string): boolean {
  return labelledFigures(text).some((f) => /元$|万$|%$/u.test(f.figure) && (mentionsCase(f.label, word) || mentionsCase(f.context.slice(-24), word)));
}

/**
 * The passage that should lead for a question naming a case: when the leading one never mentions any
 * case the question names ("新引进的博士一次性补贴" landing on the 技师 article through 新引进, 一次性补贴),
 * the first of the next few that states a figure for that case does. Undefined when the lead speaks
 * of the case, or no candidate states a figure for it: then the lead stands.
 */
export function caseLead<P extends { text: string; status: string }>(question: string, lead: P, ranked: readonly P[], depth = 5): P | undefined {
  const cases = casesNamed(question);
  if (cases.length === 0 || cases.some((c) => mentionsCase(lead.text, c))) return undefined;
  return ranked.slice(0, depth).find((p) => p !== lead && p.status === lead.status && cases.some((c) => statesFigureFor(p.text, c)));
}
