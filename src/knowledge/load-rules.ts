import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../core/errors.js';
import type { Rule } from '../core/eligibility/rule.js';
import { parseRules } from '../core/eligibility/rule-schema.js';
import { parseYamlCached } from '../core/cached-yaml.js';

const RULE_FILE = /\.ya?ml$/iu;

/**
 * Loads eligibility rules from one YAML file or from every `*.yaml`/`*.yml` in a folder (name order;
 * `_x` and `.x` drafts skipped). A broken or invalid file throws AppError('rules_invalid') naming the
 * file and the field; an unreadable path throws AppError('rules_unreadable').
 */
export async function loadRules(target: string): Promise<Rule[]> {
  const files = await ruleFiles(target);
  const rules: Rule[] = [];
  const origin = new Map<string, string>();
  for (const file of files) {
    for (const rule of parseRules(await readYaml(file), file)) {
      const first = origin.get(rule.id);
      if (first !== undefined) throw new AppError('rules_invalid', `${file}: rule "${rule.id}" id: duplicate of a rule in ${first}`, { details: { file, field: 'id' } });
      origin.set(rule.id, file);
      rules.push(rule);
    }
  }
  return rules;
}

async function ruleFiles(target: string): Promise<string[]> {
  try {
    if (!(await stat(target)).isDirectory()) return [target];
    const names = (await readdir(target)).filter((n) => RULE_FILE.test(n) && !/^[._]/u.test(n)).sort();
    if (names.length === 0) throw new AppError('rules_invalid', `${target}: no rules files (*.yaml) found`, { details: { file: target } });
    return names.map((n) => path.join(target, n));
  } catch (err) {
    if (AppError.isInstance(err)) throw err;
    throw new AppError('rules_unreadable', `Cannot read rules ${target}: ${(err as Error).message}`, { cause: err });
  }
}

async function readYaml(file: string): Promise<unknown> {
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (err) {
    throw new AppError('rules_unreadable', `Cannot read rules ${file}: ${(err as Error).message}`, { cause: err });
  }
  try {
    return parseYamlCached(source.replace(/^\uFEFF/u, ''));
  } catch (err) {
    const reason = err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err);
    throw new AppError('rules_invalid', `${file}: not valid YAML: ${reason}`, { cause: err, details: { file } });
  }
}
