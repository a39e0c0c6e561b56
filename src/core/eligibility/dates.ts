/** A calendar month. */
export interface YearMonth {
  year: number;
  /** 1–12. */
  month: number;
}

// The office is in Hangzhou: "today" is China Standard Time (UTC+8, no daylight saving) wherever the
// server runs, so a verdict does not change with the host's time zone.
const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The calendar day of an instant in China Standard Time. */
export function chinaDay(at: Date): { year: number; month: number; day: number } {
  const d = new Date(at.getTime() + CST_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Parses `YYYY-MM` or `YYYY-MM-DD` (the day is ignored); undefined otherwise. */
export function parseMonth(value: unknown): YearMonth | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/u.exec(value);
  if (!m) return undefined;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return undefined;
  if (m[3] !== undefined && (Number(m[3]) < 1 || Number(m[3]) > 31)) return undefined;
  return { year: Number(m[1]), month };
}

/** Months from `a` to `b` (positive when b is later). */
export function monthsBetween(a: YearMonth, b: YearMonth): number {
  return (b.year - a.year) * 12 + (b.month - a.month);
}

/** The month `n` months before `from` (n may be negative). */
export function monthsBefore(from: YearMonth, n: number): YearMonth {
  const index = from.year * 12 + (from.month - 1) - n;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** Formats a month as `YYYY-MM`. */
export function formatMonth(m: YearMonth): string {
  return `${String(m.year).padStart(4, '0')}-${String(m.month).padStart(2, '0')}`;
}
