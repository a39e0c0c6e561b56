import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

/**
 * Registers cleanup and returns a factory of fresh temp dirs, each filled from a map of relative
 * path → contents (folders created as needed). Call at describe level.
 */
export function useTempDirs(): (files?: Record<string, string | Uint8Array>) => Promise<string> {
  const made: string[] = [];
  afterEach(async () => {
    await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return async (files = {}) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'qxz-loaders-'));
    made.push(dir);
    for (const [rel, content] of Object.entries(files)) {
      const abs = path.join(dir, rel);
      await mkdir(path.dirname(abs), { recursive: true });
      await writeFile(abs, content);
    }
    return dir;
  };
}
