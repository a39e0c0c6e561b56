import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { browserBundle } from './bundle-browser-script.js';
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

// scripts/build.mjs replaces this name with the bundled widget when it compiles the server; under
// tsx (development, tests) it is undeclared, hence the typeof test.
declare const QXZ_PREBUILT_WIDGET: string | undefined;

/**
 * The widget bundle: embedded in the compiled server, else bundled in memory with esbuild (once per
 * process; a failed build is retried next call).
 */
export const buildWidget: () => Promise<BuiltWidget> = browserBundle(
  WIDGET_ENTRY, 'widget', (code) => ({ code, gzipBytes: gzipSync(code, { level: 9 }).length }),
  typeof QXZ_PREBUILT_WIDGET === 'string' ? QXZ_PREBUILT_WIDGET : undefined,
);

/**
 * The CSP source ('sha256-…') of the widget's stylesheet, for pages whose CSP has no 'unsafe-inline'
 * in style-src: needed only where the widget falls back from a constructable stylesheet to a <style>
 * element (browsers without adoptedStyleSheets, e.g. Safari before 16.4).
 */
export function widgetStyleHash(): string {
  return `'sha256-${createHash('sha256').update(WIDGET_CSS, 'utf8').digest('base64')}'`;
}
