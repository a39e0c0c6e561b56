import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../core/errors.js';
import { parseYamlMapping } from './front-matter.js';
import { decodeText } from './normalize-text.js';

/** True for a metadata sidecar (`x.meta.yaml`, `x.meta.yml`); sidecars are never documents. */
export function isSidecar(fileName: string): boolean {
  return /\.meta\.ya?ml$/i.test(fileName);
}

/** Sidecar names tried for a document: by stem (`x.meta.yaml`) and by full name (`x.pdf.meta.yaml`). */
export function sidecarCandidates(absPath: string): string[] {
  const dir = path.dirname(absPath);
  const name = path.basename(absPath);
  const stem = name.replace(/\.[^.]*$/, '');
  return [stem, name].flatMap((base) => [`${base}.meta.yaml`, `${base}.meta.yml`]).map((f) => path.join(dir, f));
}

async function readIfExists(file: string, shownPath: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new AppError('document_unreadable', `${shownPath}: cannot read sidecar ${path.basename(file)}`, {
      cause: err,
      details: { path: shownPath },
    });
  }
}

/** The metadata in a document's sidecar, if it has one; more than one sidecar is an error. */
export async function readSidecar(absPath: string, shownPath: string): Promise<Record<string, unknown> | undefined> {
  const found: { file: string; raw: Buffer }[] = [];
  for (const file of sidecarCandidates(absPath)) {
    const raw = await readIfExists(file, shownPath);
    if (raw !== undefined) found.push({ file, raw });
  }
  const [first, second] = found;
  if (first === undefined) return undefined;
  if (second !== undefined) {
    // Silently picking one would make metadata depend on which file an operator edited last.
    throw new AppError('invalid_metadata', `${shownPath}: more than one sidecar (${found.map((f) => path.basename(f.file)).join(', ')})`, {
      details: { path: shownPath, field: '(sidecar)' },
    });
  }
  try {
    return parseYamlMapping(decodeText(first.raw), `sidecar ${path.basename(first.file)}`);
  } catch (err) {
    if (!AppError.isInstance(err)) throw err;
    throw new AppError(err.code, `${shownPath}: ${err.message}`, { cause: err, details: { path: shownPath, field: '(sidecar)' } });
  }
}
