import { AppError } from './errors.js';

/**
 * Prompt templates: Markdown files in prompts/ with named placeholders `{{name}}`. Rendering is one
 * pass over the template, so a value is inserted verbatim: text a person typed is never read as a
 * placeholder or as a replacement pattern.
 */

const BRACES_RE = /\{\{(.*?)\}\}/gsu;
const NAME_RE = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*$/u;

/** The distinct placeholder names of a template, in order. Throws AppError('prompt_invalid') on a malformed one. */
export function placeholders(template: string): string[] {
  const names: string[] = [];
  for (const m of template.matchAll(BRACES_RE)) {
    const name = NAME_RE.exec(m[1] ?? '')?.[1];
    if (name === undefined) throw new AppError('prompt_invalid', `Malformed placeholder ${m[0]}`);
    if (!names.includes(name)) names.push(name);
  }
  const stray = /\{\{|\}\}/u.exec(template.replace(BRACES_RE, ''));
  if (stray) throw new AppError('prompt_invalid', `Unbalanced ${stray[0]} in the template`);
  return names;
}

/**
 * Fills every placeholder. A placeholder without a value, or a value no placeholder asks for, is an
 * AppError('prompt_invalid'): a renamed placeholder must fail loudly, not send an empty slot.
 */
export function render(template: string, values: Readonly<Record<string, string>>): string {
  const names = placeholders(template);
  const missing = names.filter((n) => !Object.hasOwn(values, n));
  if (missing.length > 0) throw new AppError('prompt_invalid', `No value for placeholder ${missing.map((n) => `{{${n}}}`).join(', ')}`, { details: { missing } });
  const unknown = Object.keys(values).filter((n) => !names.includes(n));
  if (unknown.length > 0) throw new AppError('prompt_invalid', `The template has no placeholder ${unknown.map((n) => `{{${n}}}`).join(', ')}`, { details: { unknown } });
  // A replacer function, so `$&` and friends in a value stay literal.
  return template.replace(BRACES_RE, (_m, inner: string) => values[NAME_RE.exec(inner)?.[1] ?? ''] ?? '');
}
