/** The repository root. */
export declare const ROOT: string;
/** Whether `outDir` (default dist/) lacks a build or is older than src/ or the build inputs. */
export declare function needsBuild(options?: { root?: string; outDir?: string }): Promise<boolean>;
/** Compiles src/main.ts (with the browser scripts embedded) into `outDir` (default dist/), atomically. */
export declare function build(options?: { root?: string; outDir?: string }): Promise<{ outDir: string; ms: number }>;
