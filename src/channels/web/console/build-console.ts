import { fileURLToPath } from 'node:url';
import { browserBundle } from '../bundle-browser-script.js';

/** The console's TypeScript entry. */
export const CONSOLE_ENTRY = fileURLToPath(new URL('./console.ts', import.meta.url));

// scripts/build.mjs replaces this name with the bundled console when it compiles the server; under
// tsx (development, tests) it is undeclared, hence the typeof test.
declare const QXZ_PREBUILT_CONSOLE: string | undefined;

/**
 * The officer console script served at /console.js: embedded in the compiled server, else bundled
 * in memory (once per process; a failed build is retried next call).
 */
export const buildConsole: () => Promise<string> = browserBundle(CONSOLE_ENTRY, 'console', undefined, typeof QXZ_PREBUILT_CONSOLE === 'string' ? QXZ_PREBUILT_CONSOLE : undefined);
