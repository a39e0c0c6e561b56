// The one definition of how a browser script (widget, console) is bundled: used by scripts/build.mjs
// for the compiled server and by the server itself when it runs from sources (tsx).

/**
 * Bundles one browser entry into a minified IIFE in memory. Output is ASCII only (Chinese strings
 * become \u escapes), safe whatever charset a host page or a proxy assumes; third-party licence
 * notices are kept at the end.
 * @param {typeof import('esbuild')} esbuild
 * @param {string} entry
 * @param {string} [what] named in the error when esbuild produces nothing
 * @returns {Promise<string>}
 */
export async function bundleBrowserScript(esbuild, entry, what = entry) {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    write: false,
    sourcemap: false,
    legalComments: 'eof',
    charset: 'ascii',
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error(`esbuild produced no output for the ${what}`);
  return file.text;
}
