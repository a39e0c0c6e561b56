import { describe, expect, it } from 'vitest';
import { addOfficeMinutes, DEFAULT_SERVICE_HOURS, describeDue, dueTimes, expectedReplyText, isOpenAt, nextOpening, type ServiceHours } from '../../src/handoff/sla.js';

/** An instant given in China time (UTC+8). */
const cn = (local: string): Date => new Date(`${local}+08:00`);
const iso = (local: string): string => cn(local).toISOString();

// 2025-06-09 is a Monday; 2025-06-13 a Friday; 2025-06-14/15 the weekend.
describe('isOpenAt', () => {
  it.each([
    ['2025-06-10T08:59:00', false],
    ['2025-06-10T08:59:59', false],
    ['2025-06-10T09:00:00', true],
    ['2025-06-10T12:00:00', true],
    ['2025-06-10T17:29:00', true],
    ['2025-06-10T17:30:00', false],
    ['2025-06-10T23:00:00', false],
    ['2025-06-13T17:29:00', true],
    ['2025-06-14T10:00:00', false],
    ['2025-06-15T10:00:00', false],
    ['2025-06-16T09:00:00', true],
  ])('%s China time → %s', (local, open) => {
    expect(isOpenAt(cn(local))).toBe(open);
  });

  it('uses the China-time day, not the UTC day', () => {
    // Sunday 23:30 UTC is Monday 07:30 in Hangzhou (closed); Monday 01:30 UTC is Monday 09:30 (open).
    expect(isOpenAt(new Date('2025-06-15T23:30:00Z'))).toBe(false);
    expect(isOpenAt(new Date('2025-06-16T01:30:00Z'))).toBe(true);
    // Friday 09:00 UTC is Friday 17:00 in Hangzhou (open); Saturday 01:30 UTC is Saturday 09:30 (closed).
    expect(isOpenAt(new Date('2025-06-13T09:00:00Z'))).toBe(true);
    expect(isOpenAt(new Date('2025-06-14T01:30:00Z'))).toBe(false);
  });

  it('follows custom hours', () => {
    const sat: ServiceHours = { ...DEFAULT_SERVICE_HOURS, days: [6], openMinute: 10 * 60, closeMinute: 12 * 60 };
    expect(isOpenAt(cn('2025-06-14T10:30:00'), sat)).toBe(true);
    expect(isOpenAt(cn('2025-06-10T10:30:00'), sat)).toBe(false);
  });
});

describe('nextOpening', () => {
  it('is the instant itself in office hours, else the next 9:00 of a working day', () => {
    expect(nextOpening(cn('2025-06-10T11:11:00')).toISOString()).toBe(iso('2025-06-10T11:11:00'));
    expect(nextOpening(cn('2025-06-10T07:00:00')).toISOString()).toBe(iso('2025-06-10T09:00:00'));
    expect(nextOpening(cn('2025-06-10T17:30:00')).toISOString()).toBe(iso('2025-06-11T09:00:00'));
    expect(nextOpening(cn('2025-06-13T18:00:00')).toISOString()).toBe(iso('2025-06-16T09:00:00'));
    expect(nextOpening(cn('2025-06-15T08:00:00')).toISOString()).toBe(iso('2025-06-16T09:00:00'));
  });
});

describe('dueTimes', () => {
  it('a normal ticket opened on Tuesday 10:00: first response 12:00, resolution Thursday 17:00', () => {
    const due = dueTimes(cn('2025-06-10T10:00:00'), 'normal');
    expect(due.firstResponseDue.toISOString()).toBe(iso('2025-06-10T12:00:00'));
    // 1440 office minutes: 450 on Tuesday, 510 on Wednesday, 480 on Thursday.
    expect(due.resolutionDue.toISOString()).toBe(iso('2025-06-12T17:00:00'));
  });

  it('a ticket opened on Friday 17:00 is due on Monday, not over the weekend', () => {
    const due = dueTimes(cn('2025-06-13T17:00:00'), 'normal');
    // 30 minutes on Friday, 90 on Monday.
    expect(due.firstResponseDue.toISOString()).toBe(iso('2025-06-16T10:30:00'));
    // 30 on Friday, 510 on Monday and Tuesday, 390 on Wednesday.
    expect(due.resolutionDue.toISOString()).toBe(iso('2025-06-18T15:30:00'));
  });

  it('a ticket opened on Saturday starts counting on Monday 9:00', () => {
    const due = dueTimes(cn('2025-06-14T15:00:00'), 'high');
    expect(due.firstResponseDue.toISOString()).toBe(iso('2025-06-16T10:00:00'));
    expect(due.resolutionDue.toISOString()).toBe(iso('2025-06-16T17:00:00'));
  });

  it.each([
    ['urgent', '2025-06-10T10:30:00', '2025-06-10T14:00:00'],
    ['high', '2025-06-10T11:00:00', '2025-06-11T09:30:00'],
    ['normal', '2025-06-10T12:00:00', '2025-06-12T17:00:00'],
    ['low', '2025-06-11T09:30:00', '2025-06-20T14:00:00'],
  ] as const)('%s targets from Tuesday 10:00', (priority, first, resolution) => {
    const due = dueTimes(cn('2025-06-10T10:00:00'), priority);
    expect(due.firstResponseDue.toISOString()).toBe(iso(first));
    expect(due.resolutionDue.toISOString()).toBe(iso(resolution));
  });
});

describe('addOfficeMinutes', () => {
  it('adds within one day', () => {
    expect(addOfficeMinutes(cn('2025-06-10T10:00:00'), 90).toISOString()).toBe(iso('2025-06-10T11:30:00'));
  });

  it('carries what is left of the day over the night', () => {
    expect(addOfficeMinutes(cn('2025-06-10T17:00:00'), 60).toISOString()).toBe(iso('2025-06-11T09:30:00'));
    expect(addOfficeMinutes(cn('2025-06-10T16:00:00'), 200).toISOString()).toBe(iso('2025-06-11T10:50:00'));
  });

  it('ends at closing time when the minutes fill the day exactly', () => {
    expect(addOfficeMinutes(cn('2025-06-10T17:00:00'), 30).toISOString()).toBe(iso('2025-06-10T17:30:00'));
  });

  it('starts counting at the next opening when closed', () => {
    expect(addOfficeMinutes(cn('2025-06-10T07:00:00'), 30).toISOString()).toBe(iso('2025-06-10T09:30:00'));
    expect(addOfficeMinutes(cn('2025-06-10T20:00:00'), 10).toISOString()).toBe(iso('2025-06-11T09:10:00'));
    expect(addOfficeMinutes(cn('2025-06-13T20:00:00'), 0).toISOString()).toBe(iso('2025-06-16T09:00:00'));
  });

  it('spans a whole week of office minutes', () => {
    // 5 × 510 minutes from Monday 9:00 ends on Friday 17:30.
    expect(addOfficeMinutes(cn('2025-06-09T09:00:00'), 5 * 510).toISOString()).toBe(iso('2025-06-13T17:30:00'));
    expect(addOfficeMinutes(cn('2025-06-09T09:00:00'), 5 * 510 + 1).toISOString()).toBe(iso('2025-06-16T09:01:00'));
  });
});

describe('expectedReplyText', () => {
  it('in office hours, due the same day', () => {
    expect(expectedReplyText(cn('2025-06-10T10:00:00'), 'normal', 'zh')).toBe('今天 12:00 前');
    expect(expectedReplyText(cn('2025-06-10T10:00:00'), 'normal', 'en')).toBe('by 12:00 today (China time)');
  });

  it('in office hours, due on a later day', () => {
    expect(expectedReplyText(cn('2025-06-10T17:00:00'), 'normal', 'zh')).toBe('6月11日 10:30 前');
    expect(expectedReplyText(cn('2025-06-10T17:00:00'), 'normal', 'en')).toBe('by 10:30 on 2025-06-11 (China time)');
  });

  it('outside office hours names the office hours', () => {
    expect(expectedReplyText(cn('2025-06-13T18:00:00'), 'normal', 'zh')).toBe('当前为非工作时间，将在 6月16日 11:00 前（工作时间：周一至周五 9:00–17:30）');
    expect(expectedReplyText(cn('2025-06-13T18:00:00'), 'normal', 'en')).toBe('outside office hours; by 11:00 on 2025-06-16 (office hours Mon–Fri 9:00–17:30)');
    expect(expectedReplyText(cn('2025-06-14T10:00:00'), 'high', 'zh')).toBe('当前为非工作时间，将在 6月16日 10:00 前（工作时间：周一至周五 9:00–17:30）');
  });

  it('before opening on a working day, the reply is due that morning', () => {
    expect(expectedReplyText(cn('2025-06-10T07:00:00'), 'urgent', 'zh')).toBe('当前为非工作时间，将在 6月10日 09:30 前（工作时间：周一至周五 9:00–17:30）');
    expect(expectedReplyText(cn('2025-06-10T07:00:00'), 'urgent', 'en')).toBe('outside office hours; by 09:30 on 2025-06-10 (office hours Mon–Fri 9:00–17:30)');
  });

  it('English text has no Chinese characters', () => {
    for (const at of ['2025-06-10T10:00:00', '2025-06-10T17:00:00', '2025-06-13T18:00:00']) {
      expect(expectedReplyText(cn(at), 'normal', 'en')).not.toMatch(/\p{Script=Han}/u);
    }
  });
});

describe('describeDue (a stored due time, as seen later)', () => {
  it('words a stored due time as seen now, not recomputed from now', () => {
    const due = cn('2025-06-10T12:00:00');
    expect(describeDue(due, cn('2025-06-10T11:30:00'), 'zh')).toBe('今天 12:00 前');
    expect(describeDue(due, cn('2025-06-10T11:30:00'), 'en')).toBe('by 12:00 today (China time)');
    expect(describeDue(cn('2025-06-16T10:30:00'), cn('2025-06-14T10:00:00'), 'zh')).toBe('当前为非工作时间，将在 6月16日 10:30 前（工作时间：周一至周五 9:00–17:30）');
  });

  it('agrees with expectedReplyText for a new ticket', () => {
    const now = cn('2025-06-13T17:00:00');
    expect(describeDue(dueTimes(now, 'normal').firstResponseDue, now, 'en')).toBe(expectedReplyText(now, 'normal', 'en'));
  });

  it('a due time already passed is "as soon as possible"', () => {
    const due = cn('2025-06-10T12:00:00');
    expect(describeDue(due, cn('2025-06-10T12:00:00'), 'zh')).toBe('尽快');
    expect(describeDue(due, cn('2025-06-10T14:00:00'), 'en')).toBe('as soon as possible');
  });
});
