/** Bundles one browser entry into a minified, ASCII-only IIFE in memory (see browser-bundle.mjs). */
export declare function bundleBrowserScript(esbuild: typeof import('esbuild'), entry: string, what?: string): Promise<string>;
