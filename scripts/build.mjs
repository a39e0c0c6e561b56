// Compiles the server for `npm start`: src/main.ts and everything it imports become plain ESM in
// dist/ (npm packages stay external imports), and the browser scripts (widget, officer console) are
// bundled now and embedded, so a start neither transpiles TypeScript nor runs esbuild.
// Plain JavaScript on purpose: it must run with bare `node` before anything is compiled.
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleBrowserScript } from './browser-bundle.mjs';

/** The repository root (this file sits in scripts/). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The browser scripts embedded in the server bundle: global name → TypeScript entry. */
const BROWSER_SCRIPTS = {
  QXZ_PREBUILT_WIDGET: 'src/channels/web/widget/widget.ts',
  QXZ_PREBUILT_CONSOLE: 'src/channels/web/console/console.ts',
};

/** Inputs besides src/ whose change calls for a new build. */
const EXTRA_INPUTS = ['package.json', 'package-lock.json', 'tsconfig.json', 'scripts/build.mjs', 'scripts/browser-bundle.mjs'];

/** The newest modification time (ms) of a file or of any file under a folder; 0 when absent. */
async function newestMtime(target) {
  let info;
  try {
    info = await stat(target);
  } catch {
    return 0;
  }
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of await readdir(target, { withFileTypes: true })) {
    newest = Math.max(newest, await newestMtime(path.join(target, entry.name)));
  }
  return newest;
}

/**
 * Whether `outDir` lacks a build or is older than the sources (src/ or the build inputs).
 * @param {{ root?: string, outDir?: string }} [options]
 * @returns {Promise<boolean>}
 */
export async function needsBuild(options = {}) {
  const root = options.root ?? ROOT;
  const built = await newestMtime(path.join(options.outDir ?? path.join(root, 'dist'), 'main.js'));
  if (built === 0) return true;
  const inputs = await Promise.all([path.join(root, 'src'), ...EXTRA_INPUTS.map((f) => path.join(root, f))].map(newestMtime));
  return inputs.some((t) => t > built);
}

/**
 * Builds dist/ from src/main.ts. Writes into a fresh folder and renames it into place, so a start
 * never runs half a build and two builds at once do not mix their files.
 * @param {{ root?: string, outDir?: string }} [options]
 * @returns {Promise<{ outDir: string, ms: number }>}
 */
export async function build(options = {}) {
  const started = performance.now();
  const root = options.root ?? ROOT;
  const outDir = options.outDir ?? path.join(root, 'dist');
  const esbuild = await import('esbuild');
  const define = {};
  await Promise.all(Object.entries(BROWSER_SCRIPTS).map(async ([name, entry]) => {
    define[name] = JSON.stringify(await bundleBrowserScript(esbuild, path.join(root, entry), entry));
  }));
  const staging = `${outDir}.tmp-${process.pid}-${Date.now()}`;
  try {
    await esbuild.build({
      entryPoints: { main: path.join(root, 'src/main.ts') },
      absWorkingDir: root,
      outdir: staging,
      bundle: true,
      // Dynamic imports (the WeChat channel, esbuild for development builds) become chunks of
      // their own, loaded only when used, as with the sources.
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      sourcemap: 'linked',
      legalComments: 'none',
      logLevel: 'warning',
      define,
      // Chunks sit beside main.js, so paths relative to the module (../prompts) stay those of src/*.ts.
      chunkNames: '[name]-[hash]',
    });
    await mkdir(path.dirname(outDir), { recursive: true });
    const old = `${outDir}.old-${process.pid}-${Date.now()}`;
    await rename(outDir, old).catch(() => undefined);
    try {
      await rename(staging, outDir);
    } catch (err) {
      // Another start built the same sources at the same moment and put its folder in place first.
      if (err?.code !== 'ENOTEMPTY' && err?.code !== 'EEXIST') throw err;
      await rm(staging, { recursive: true, force: true });
    }
    await rm(old, { recursive: true, force: true });
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    throw err;
  }
  return { outDir, ms: Math.round(performance.now() - started) };
}

// `node scripts/build.mjs [--if-needed]`
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const ifNeeded = process.argv.includes('--if-needed');
  if (ifNeeded && !(await needsBuild())) {
    process.stdout.write('dist/ is up to date\n');
  } else {
    const { outDir, ms } = await build();
    process.stdout.write(`built ${path.relative(process.cwd(), outDir) || outDir} in ${ms} ms\n`);
  }
}
