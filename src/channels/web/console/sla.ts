// SLA countdowns of a ticket: pure, so the inbox and the tests share them.

/** The ticket fields the countdowns read. */
export interface SlaTicket {
  state: string;
  firstResponseDue: string;
  resolutionDue: string;
  firstRespondedAt?: string;
  resolvedAt?: string;
}

/** One countdown. */
export interface SlaClock {
  /** 首次响应 or 办结. */
  label: string;
  /** e.g. 剩 1小时05分 or 超时 12分. */
  text: string;
  /** Past due. */
  overdue: boolean;
  /** Milliseconds left (negative when overdue). */
  leftMs: number;
}

/** A duration in words: 45分, 1小时05分, 2天3小时. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.floor(Math.abs(ms) / 60_000));
  if (minutes < 60) return `${minutes}分`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}小时${String(minutes % 60).padStart(2, '0')}分`;
  return `${Math.floor(hours / 24)}天${hours % 24}小时`;
}

/** The running countdowns of a ticket at `nowMs`: first response until answered, resolution until resolved. */
export function slaClocks(t: SlaTicket, nowMs: number): SlaClock[] {
  if (t.state === 'resolved' || t.state === 'closed') return [];
  const clock = (label: string, due: string): SlaClock => {
    const leftMs = Date.parse(due) - nowMs;
    const overdue = leftMs < 0;
    return { label, leftMs, overdue, text: overdue ? `超时 ${formatDuration(leftMs)}` : `剩 ${formatDuration(leftMs)}` };
  };
  return [...(t.firstRespondedAt ? [] : [clock('首次响应', t.firstResponseDue)]), clock('办结', t.resolutionDue)];
}

/** Whether any countdown of the ticket is overdue. */
export function isOverdue(t: SlaTicket, nowMs: number): boolean {
  return slaClocks(t, nowMs).some((c) => c.overdue);
}
