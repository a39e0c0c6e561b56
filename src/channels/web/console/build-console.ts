import { fileURLToPath } from 'node:url';

/** The console's TypeScript entry. */
export const CONSOLE_ENTRY = fileURLToPath(new URL('./console.ts', import.meta.url));

let cached: Promise<string> | undefined;

/** Bundles the officer console script served at /console.js (once per process; a failed build is retried next call). */
export function buildConsole(): Promise<string> {
  cached ??= bundle().catch((err: unknown) => {
    cached = undefined;
    throw err;
  });
  return cached;
}

async function bundle(): Promise<string> {
  // Imported lazily: a server that never serves /console.js does not load esbuild.
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [CONSOLE_ENTRY],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    write: false,
    sourcemap: false,
    legalComments: 'eof',
    // ASCII only: the Chinese strings become \u escapes, safe whatever charset a proxy assumes.
    charset: 'ascii',
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error('esbuild produced no output for the console');
  return file.text;
}
