import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../core/errors.js';
import { placeholders } from '../core/prompt-render.js';

export { placeholders, render } from '../core/prompt-render.js';

/** Reads prompts/<name>.md. Throws AppError('prompt_not_found') or ('prompt_invalid') for a bad name. */
export async function loadPrompt(dir: string, name: string): Promise<string> {
  if (!/^[a-z0-9][a-z0-9-]*$/u.test(name)) throw new AppError('prompt_invalid', `Bad prompt name ${JSON.stringify(name)}`);
  const file = path.join(dir, `${name}.md`);
  try {
    const text = await readFile(file, 'utf8');
    placeholders(text);
    return text;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('prompt_not_found', `No prompt file ${file}`, { cause: err });
    throw err;
  }
}

