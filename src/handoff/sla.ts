import type { Priority } from './types.js';

/** Office hours and SLA targets. */
export interface ServiceHours {
  /** Working days, 1 = Monday … 7 = Sunday. */
  days: number[];
  /** Opening time, minutes after midnight (China time). */
  openMinute: number;
  /** Closing time, minutes after midnight (China time). */
  closeMinute: number;
  /** Minutes to a first response and to resolution, by priority. */
  targets: Record<Priority, { firstResponse: number; resolution: number }>;
}

/** Defaults: Monday–Friday 9:00–17:30; urgent 30 min / 4 h … low 8 h / 3 days. */
export const DEFAULT_SERVICE_HOURS: ServiceHours = {
  days: [1, 2, 3, 4, 5],
  openMinute: 9 * 60,
  closeMinute: 17 * 60 + 30,
  targets: {
    urgent: { firstResponse: 30, resolution: 240 },
    high: { firstResponse: 60, resolution: 480 },
    normal: { firstResponse: 120, resolution: 1440 },
    low: { firstResponse: 480, resolution: 4320 },
  },
};

const CHINA_OFFSET_MIN = 8 * 60;

/** Day of week (1–7) and minute of day in China time. */
function chinaClock(at: Date): { day: number; minute: number } {
  const local = new Date(at.getTime() + CHINA_OFFSET_MIN * 60_000);
  const dow = local.getUTCDay();
  return { day: dow === 0 ? 7 : dow, minute: local.getUTCHours() * 60 + local.getUTCMinutes() };
}

/** Whether the office is open at an instant. */
export function isOpenAt(at: Date, hours: ServiceHours = DEFAULT_SERVICE_HOURS): boolean {
  const { day, minute } = chinaClock(at);
  return hours.days.includes(day) && minute >= hours.openMinute && minute < hours.closeMinute;
}

/** The next instant the office opens (the instant itself when it is open). */
export function nextOpening(at: Date, hours: ServiceHours = DEFAULT_SERVICE_HOURS): Date {
  if (isOpenAt(at, hours)) return at;
  let t = new Date(at);
  for (let i = 0; i < 8 * 24 * 60; i += 15) {
    const { day, minute } = chinaClock(t);
    if (hours.days.includes(day) && minute < hours.openMinute) return new Date(t.getTime() + (hours.openMinute - minute) * 60_000);
    // Jump to the next midnight, China time.
    t = new Date(t.getTime() + (24 * 60 - minute) * 60_000);
    const c = chinaClock(t);
    if (hours.days.includes(c.day)) return new Date(t.getTime() + (hours.openMinute - c.minute) * 60_000);
  }
  return at;
}

/**
 * Due times for a new ticket: the clock runs only in office hours, so a ticket opened on Friday
 * evening is due on Monday morning plus the target, not in the middle of the weekend.
 */
export function dueTimes(at: Date, priority: Priority, hours: ServiceHours = DEFAULT_SERVICE_HOURS): { firstResponseDue: Date; resolutionDue: Date } {
  const target = hours.targets[priority];
  return { firstResponseDue: addOfficeMinutes(at, target.firstResponse, hours), resolutionDue: addOfficeMinutes(at, target.resolution, hours) };
}

/** Adds working minutes, skipping closed hours. */
export function addOfficeMinutes(at: Date, minutes: number, hours: ServiceHours = DEFAULT_SERVICE_HOURS): Date {
  let t = nextOpening(at, hours);
  let left = minutes;
  for (let guard = 0; left > 0 && guard < 400; guard++) {
    const { minute } = chinaClock(t);
    const today = Math.min(left, hours.closeMinute - minute);
    t = new Date(t.getTime() + today * 60_000);
    left -= today;
    if (left > 0) t = nextOpening(new Date(t.getTime() + 60_000), hours);
  }
  return t;
}

/** When the person can expect a reply, in words, for a new ticket of this priority. */
export function expectedReplyText(at: Date, priority: Priority, lang: 'zh' | 'en', hours: ServiceHours = DEFAULT_SERVICE_HOURS): string {
  return describeDue(dueTimes(at, priority, hours).firstResponseDue, at, lang, hours);
}

/** A due time in words, as seen at `now`: today's time, a date, or "as soon as possible" once passed. */
export function describeDue(due: Date, now: Date, lang: 'zh' | 'en', hours: ServiceHours = DEFAULT_SERVICE_HOURS): string {
  if (due.getTime() <= now.getTime()) return lang === 'en' ? 'as soon as possible' : '尽快';
  const local = new Date(due.getTime() + CHINA_OFFSET_MIN * 60_000);
  const hhmm = `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
  const date = `${local.getUTCMonth() + 1}月${local.getUTCDate()}日`;
  const sameDay = new Date(now.getTime() + CHINA_OFFSET_MIN * 60_000).toISOString().slice(0, 10) === local.toISOString().slice(0, 10);
  if (isOpenAt(now, hours)) {
    if (sameDay) return lang === 'en' ? `by ${hhmm} today (China time)` : `今天 ${hhmm} 前`;
    return lang === 'en' ? `by ${hhmm} on ${local.toISOString().slice(0, 10)} (China time)` : `${date} ${hhmm} 前`;
  }
  return lang === 'en'
    ? `outside office hours; by ${hhmm} on ${local.toISOString().slice(0, 10)} (office hours Mon–Fri 9:00–17:30)`
    : `当前为非工作时间，将在 ${date} ${hhmm} 前（工作时间：周一至周五 9:00–17:30）`;
}
