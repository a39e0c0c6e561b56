import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

/** A temp folder holding a copy of some of the sample corpus (`policies/`) and room for an index. */
export interface CorpusFixture {
  /** Root temp folder. */
  root: string;
  /** The copied corpus. */
  policiesDir: string;
  /** Where the index goes (not created). */
  indexDir: string;
}

const SAMPLE = path.resolve('policies');

/** Copies the named files of the sample corpus into a fresh temp folder; the caller removes `root`. */
export async function copyCorpus(files: readonly string[]): Promise<CorpusFixture> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'qxz-kb-'));
  const policiesDir = path.join(root, 'policies');
  await mkdir(policiesDir, { recursive: true });
  for (const rel of files) {
    await mkdir(path.dirname(path.join(policiesDir, rel)), { recursive: true });
    await cp(path.join(SAMPLE, rel), path.join(policiesDir, rel));
  }
  return { root, policiesDir, indexDir: path.join(root, 'index') };
}

/**
 * Registers cleanup and returns a factory that copies the named files of the sample corpus (paths
 * relative to `policies/`, e.g. `qt25.md`, `guides/g02.md`) into a fresh temp folder. Call at describe level.
 */
export function useCorpusCopies(): (files: readonly string[]) => Promise<CorpusFixture> {
  const made: string[] = [];
  afterEach(async () => {
    await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return async (files) => {
    const fx = await copyCorpus(files);
    made.push(fx.root);
    return fx;
  };
}
