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
