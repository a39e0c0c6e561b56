import { fileURLToPath } from 'node:url';
import { browserBundle } from '../bundle-browser-script.js';

/** The console's TypeScript entry. */
export const CONSOLE_ENTRY = fileURLToPath(new URL('./console.ts', import.meta.url));

/** Bundles the officer console script served at /console.js (once per process; a failed build is retried next call). */
export const buildConsole: () => Promise<string> = browserBundle(CONSOLE_ENTRY, 'console');
