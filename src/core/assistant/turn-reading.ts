import { withoutHeardBackground } from '../answer/claimed-notice.js';
import { withoutDisowned, withoutSetAside } from '../analysis/set-aside.js';
import type { Profile } from '../eligibility/types.js';
import type { KnowledgeAnswer } from '../ports/knowledge-port.js';

// Small readings of a turn that the assistant needs beside the analysis of the question itself.

/** The facts that pick a case among a benefit's figures (degree, category, title, grade). */
export function caseFacts(p: Partial<Profile>): Partial<Profile> {
  const { degree, category, recognised, title, skill } = p;
  return Object.fromEntries(Object.entries({ degree, category, recognised, title, skill }).filter(([, v]) => v !== undefined)) as Partial<Profile>;
}

/** Whether the message names a talent class the articles grant by (a category, a title, a skill grade); a degree alone is anyone's. */
export function namesTalentClass(p: Partial<Profile>): boolean {
  return p.category !== undefined || p.title !== undefined || p.skill !== undefined;
}

/** The passage the question retrieves first, with its title and heading (what the domain reading checks against). */
export function topPassageOf(search: KnowledgeAnswer): string | undefined {
  const top = search.results[0]?.chunk;
  return top ? `${top.docTitle} ${top.heading} ${top.text}` : undefined;
}

/**
 * The two readings of a message: what it asks, without the benefits it sets aside ("安家补贴在领",
 * "学费那块另外问") and what others were heard to say before the person's own question, since those
 * would pick the article; and what it tells of the person, all of it but the clauses saying what is
 * not asked ("不是问博士后个人的" states no fact).
 */
export function readMessage(text: string, namesTopic: (text: string) => boolean): { asked: string; told: string } {
  return { asked: withoutHeardBackground(withoutSetAside(text, namesTopic), namesTopic), told: withoutDisowned(text) };
}
