import { readdir, readFile, utimes } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, needsBuild, ROOT } from '../../scripts/build.mjs';
import { useTempDirs } from '../helpers/temp-dir.js';

// What `npm start` runs: the compiled server, rebuilt only when the sources are newer.
describe('scripts/build.mjs', () => {
  const temp = useTempDirs();

  it('compiles the server with both browser scripts embedded, and rebuilds only when a source is newer', { timeout: 120_000 }, async () => {
    const outDir = path.join(await temp(), 'dist');
    expect(await needsBuild({ outDir })).toBe(true);
    await build({ outDir });
    expect(await needsBuild({ outDir })).toBe(false);
    const main = await readFile(path.join(outDir, 'main.js'), 'utf8');
    // The widget and console bundles are in the file (each a strict-mode IIFE where the source has
    // the global's name), so nothing is bundled at run time.
    expect(main).not.toMatch(/QXZ_PREBUILT_(WIDGET|CONSOLE)/u);
    expect(main.match(/true \? '"use strict";\(\(\)=>\{/gu)).toHaveLength(2);
    // The WeChat channel stays a chunk of its own, loaded only when enabled.
    expect((await readdir(outDir)).some((f) => f.startsWith('create-wechat-channel-') && f.endsWith('.js'))).toBe(true);
    // A build older than the sources is stale.
    const old = new Date(Date.now() - 365 * 86_400_000);
    await utimes(path.join(outDir, 'main.js'), old, old);
    expect(await needsBuild({ outDir })).toBe(true);
    expect(await needsBuild({ root: ROOT, outDir: path.join(outDir, 'missing') })).toBe(true);
  });
});
