/** Latency percentiles of a list of millisecond timings. */
export function latency(ms: readonly number[]): { p50: number; p95: number; p99: number } {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
  return { p50: round(at(50)), p95: round(at(95)), p99: round(at(99)) };
}

/** Runs `fn` and returns its result and wall time in milliseconds. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - started };
}

/** Resident set size in MiB. */
export function rssMiB(): number {
  return Math.round(process.memoryUsage().rss / 1048576);
}

/** Rounds to 3 decimals for tables. */
export function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** The median of a list (0 for an empty one). */
export function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
