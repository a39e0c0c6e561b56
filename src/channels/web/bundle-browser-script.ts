import { bundleBrowserScript } from '../../../scripts/browser-bundle.mjs';
/**
 * Bundles a browser entry (TypeScript) into one minified IIFE in memory with esbuild, once per
 * process: the returned function caches the build (after `finish`), and a failed build is retried
 * on the next call. With `prebuilt` (the compiled server embeds the bundle made by scripts/build.mjs)
 * no bundling happens at run time.
 * Output is ASCII only (Chinese strings become \u escapes), safe whatever charset a host page or a
 * proxy assumes; third-party licence notices are kept at the end.
 */
export function browserBundle<T = string>(entry: string, what: string, finish: (code: string) => T = (code) => code as T, prebuilt?: string): () => Promise<T> {
  let cached: Promise<T> | undefined;
  return () => {
    cached ??= (prebuilt !== undefined ? Promise.resolve(prebuilt) : bundle(entry, what)).then(finish).catch((err: unknown) => {
      cached = undefined;
      throw err;
    });
    return cached;
  };
}

async function bundle(entry: string, what: string): Promise<string> {
  // Imported lazily: a process that never serves the script does not load esbuild.
  return bundleBrowserScript(await import('esbuild'), entry, what);
}
