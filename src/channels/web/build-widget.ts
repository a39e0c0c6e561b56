import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { WIDGET_CSS } from './widget/styles.js';

/** The widget's TypeScript entry. */
export const WIDGET_ENTRY = fileURLToPath(new URL('./widget/widget.ts', import.meta.url));

/** The bundled widget. */
export interface BuiltWidget {
  /** The IIFE served at /widget.js (ASCII only: safe on pages served in GBK). */
  code: string;
  /** Its size gzipped at level 9. */
  gzipBytes: number;
}

let cached: Promise<BuiltWidget> | undefined;

/** Bundles the widget in memory with esbuild (once per process; a failed build is retried next call). */
export function buildWidget(): Promise<BuiltWidget> {
  cached ??= bundle().catch((err: unknown) => {
    cached = undefined;
    throw err;
  });
  return cached;
}

async function bundle(): Promise<BuiltWidget> {
  // Imported lazily: a server that never serves /widget.js does not need esbuild loaded.
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [WIDGET_ENTRY],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    write: false,
    sourcemap: false,
    // marked is MIT, DOMPurify MPL-2.0/Apache-2.0: keep their notices, at the end of the file.
    legalComments: 'eof',
    charset: 'ascii',
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error('esbuild produced no output for the widget');
  const code = file.text;
  return { code, gzipBytes: gzipSync(code, { level: 9 }).length };
}

/**
 * The CSP source ('sha256-…') of the widget's stylesheet, for pages whose CSP has no 'unsafe-inline'
 * in style-src: needed only where the widget falls back from a constructable stylesheet to a <style>
 * element (browsers without adoptedStyleSheets, e.g. Safari before 16.4).
 */
export function widgetStyleHash(): string {
  return `'sha256-${createHash('sha256').update(WIDGET_CSS, 'utf8').digest('base64')}'`;
}
