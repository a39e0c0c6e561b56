import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../core/errors.js';
import type { SourceDocument } from '../types.js';
import { corpusPath, isSupported, loadDocument } from './load-document.js';
import { isSidecar } from './sidecar.js';
import { TRANSLATIONS_DIR } from './load-translations.js';

/** Options of loadCorpus. */
export interface LoadCorpusOptions {
  /** Called for each file that fails to load (path relative to root); the file is skipped. Default: throw. */
  onError?: (path: string, err: AppError) => void;
}

// `rules` holds eligibility rules and `translations` translated texts (attached to the Chinese chunks,
// see load-translations.ts), not policy texts; `_x` and `.x` are drafts and tool files.
function skipped(name: string, isDir: boolean): boolean {
  if (name.startsWith('.') || name.startsWith('_')) return true;
  return isDir ? name === 'rules' || name === TRANSLATIONS_DIR : name.toLowerCase() === 'readme.md' || isSidecar(name);
}

async function isDirectory(absPath: string): Promise<boolean> {
  try {
    return (await stat(absPath)).isDirectory();
  } catch {
    // A dangling link is treated as a file, so loading it fails through onError, not the walk.
    return false;
  }
}

/** Every supported document file under `dir`, recursively, as absolute paths. */
async function walk(dir: string, seen = new Set<string>()): Promise<string[]> {
  // A linked folder that points back up the tree must not make the walk endless.
  const real = await realpath(dir);
  if (seen.has(real)) return [];
  seen.add(real);
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const abs = path.join(dir, entry.name);
    const isDir = entry.isDirectory() || (entry.isSymbolicLink() && (await isDirectory(abs)));
    if (skipped(entry.name, isDir)) continue;
    if (isDir) files.push(...(await walk(abs, seen)));
    else if (isSupported(entry.name)) files.push(abs);
  }
  return files;
}

function asAppError(err: unknown, shown: string): AppError {
  if (AppError.isInstance(err)) return err;
  return new AppError('document_unreadable', `${shown}: ${err instanceof Error ? err.message : String(err)}`, {
    cause: err,
    details: { path: shown },
  });
}

/**
 * Loads every supported document under `root`, sorted by relative path. A file that fails is
 * reported through `onError` and skipped; two files with the same id always throw.
 */
export async function loadCorpus(root: string, opts: LoadCorpusOptions = {}): Promise<SourceDocument[]> {
  const onError = opts.onError ?? ((_path: string, err: AppError) => { throw err; });
  const absRoot = path.resolve(root);
  // Code-unit order, not locale order, so the result is identical on every machine.
  const files = (await walk(absRoot))
    .map((abs) => ({ abs, shown: corpusPath(abs, absRoot) }))
    .sort((a, b) => (a.shown < b.shown ? -1 : a.shown > b.shown ? 1 : 0));

  const docs: SourceDocument[] = [];
  const pathById = new Map<string, string>();
  for (const { abs, shown } of files) {
    let doc: SourceDocument;
    try {
      doc = await loadDocument(abs, absRoot);
    } catch (err) {
      onError(shown, asAppError(err, shown));
      continue;
    }
    const other = pathById.get(doc.meta.id);
    if (other !== undefined) {
      // Not routed to onError: either copy could be the right one, and citations need one.
      throw new AppError('duplicate_document_id', `document id "${doc.meta.id}" is used by both ${other} and ${shown}`, {
        details: { id: doc.meta.id, paths: [other, shown] },
      });
    }
    pathById.set(doc.meta.id, shown);
    docs.push(doc);
  }
  return docs;
}
