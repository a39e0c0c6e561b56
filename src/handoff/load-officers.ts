import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { AppError } from '../core/errors.js';
import type { OfficerRepo } from './officer-repo.js';
import { TEAMS } from './types.js';
import { parseYamlCached } from '../core/cached-yaml.js';

const schema = z.array(
  z.object({
    login: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,40}$/u, 'lower-case letters, digits, . _ -'),
    name: z.string().min(1),
    team: z.enum(TEAMS),
    role: z.enum(['officer', 'lead']).default('officer'),
    maxOpen: z.number().int().min(1).max(200).default(10),
  }).strict(),
);

/**
 * Adds the officers of seeds/officers.yaml that do not exist yet (profiles only; passwords are set
 * with `npm run officer`). Accounts already there keep what was changed at run time (duty, role).
 */
export async function seedOfficers(file: string, repo: OfficerRepo): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
  const parsed = schema.safeParse(parseYamlCached(text) ?? []);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('officers_invalid', `Invalid ${file}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`);
  }
  for (const o of parsed.data) await repo.seed(o);
  return parsed.data.length;
}
