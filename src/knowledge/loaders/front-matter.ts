import matter from 'gray-matter';
import { AppError } from '../../core/errors.js';

/** Text split into its YAML front matter (if any) and the rest. */
export interface FrontMatterSplit {
  body: string;
  data?: Record<string, unknown>;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function yamlError(what: string, err: unknown): AppError {
  const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
  return new AppError('invalid_metadata', `${what} is not valid YAML: ${reason}`, { cause: err });
}

/** Splits `---` YAML front matter off a text; throws invalid_metadata when the YAML is broken. */
export function splitFrontMatter(text: string): FrontMatterSplit {
  const source = text.replace(/^\uFEFF/, '');
  if (!/^---[ \t]*\r?\n/.test(source)) return { body: source };
  let parsed: matter.GrayMatterFile<string>;
  try {
    // Passing options (even empty) turns off gray-matter's unbounded, shared-object result cache.
    parsed = matter(source, {});
  } catch (err) {
    throw yamlError('front matter', err);
  }
  if (!isPlainObject(parsed.data)) {
    throw new AppError('invalid_metadata', 'front matter must be a YAML mapping of key: value');
  }
  return { body: parsed.content, data: parsed.data };
}

/** Parses a YAML mapping (a sidecar file's whole text); throws invalid_metadata otherwise. */
export function parseYamlMapping(text: string, what: string): Record<string, unknown> {
  const source = text.replace(/^\uFEFF/, '');
  let data: unknown;
  try {
    // js-yaml is only a transitive dependency; gray-matter is the declared way to reach it.
    data = matter(`---\n${source}\n---\n`, {}).data;
  } catch (err) {
    throw yamlError(what, err);
  }
  if (!isPlainObject(data)) throw new AppError('invalid_metadata', `${what} must be a YAML mapping of key: value`);
  return data;
}
