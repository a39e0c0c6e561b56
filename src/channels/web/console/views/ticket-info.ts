// The read-only parts of a ticket: summary, profile facts, transcript, event log.
import type { Ticket, TicketEvent, ThreadMessage } from '../api-types.js';
import { renderMarkdown } from '../../widget/render-markdown.js';
import { h } from '../h.js';
import { actorLabel, EVENT_LABEL, factValue, FACT_LABEL, PRIORITY_LABEL, REASON_LABEL, ROLE_LABEL, shortTime, STATE_LABEL } from '../labels.js';

/** The bot's summary of the case. */
export function summarySection(t: Ticket): HTMLElement {
  const s = t.summary;
  return h('section', { class: 'card summary', 'data-testid': 'ticket-summary' },
    h('h3', {}, '机器人摘要'),
    h('dl', {},
      h('dt', {}, '对方的问题'), h('dd', { class: 'pre' }, s.question || '—'),
      h('dt', {}, '转人工原因'), h('dd', {}, REASON_LABEL[t.reason] ?? t.reason),
      h('dt', {}, '未能确定'), h('dd', { class: 'pre' }, s.unresolved || '—'),
      h('dt', {}, '找到的条款'),
      h('dd', {}, s.articles.length ? h('ul', {}, ...s.articles.map((a) => h('li', {}, a))) : '—')),
  );
}

/** The person's profile facts as the bot understood them. */
export function factsSection(t: Ticket): HTMLElement {
  const entries = Object.entries(t.summary.facts ?? {}).filter(([, v]) => v !== undefined && v !== null);
  return h('section', { class: 'card facts', 'data-testid': 'ticket-facts' },
    h('h3', {}, '对方情况'),
    entries.length === 0 ? h('p', { class: 'muted' }, '机器人未收集到个人情况。')
      : h('dl', { class: 'grid' }, ...entries.flatMap(([k, v]) => [h('dt', {}, FACT_LABEL[k] ?? k), h('dd', {}, factValue(v))])),
    h('p', { class: 'muted' }, `渠道用户：${t.channel} / ${t.channelUserId}`),
  );
}

function messageItem(m: ThreadMessage): HTMLElement {
  const keys = [...new Set(m.citations.map((c) => c.key))];
  return h('li', { class: `msg role-${m.role}`, 'data-testid': `transcript-${m.seq}` },
    h('div', { class: 'meta' }, h('strong', {}, ROLE_LABEL[m.role] ?? m.role), ` · ${shortTime(m.createdAt)}`, m.curated ? h('span', { class: 'badge' }, '标准答案') : null),
    // The bot writes Markdown: shown as the widget shows it, through the same sanitizer. People's and officers' words stay text.
    m.role === 'bot' ? h('div', { class: 'text md', 'data-testid': 'transcript-md' }, renderMarkdown(m.text)) : h('div', { class: 'pre text' }, m.text),
    keys.length ? h('div', { class: 'keys' }, '引用：', ...keys.map((k) => h('code', { class: 'key' }, k))) : null,
    m.handoff ? h('div', { class: 'muted' }, `→ 转人工（工单 #${m.handoff.ticketNo}，${REASON_LABEL[m.handoff.reason] ?? m.handoff.reason}）`) : null,
  );
}

/** The conversation transcript from the chat store. */
export function transcriptSection(messages: readonly ThreadMessage[]): HTMLElement {
  return h('section', { class: 'card transcript', 'data-testid': 'ticket-transcript' },
    h('h3', {}, '对话记录'),
    messages.length === 0 ? h('p', { class: 'muted' }, '没有对话记录。') : h('ol', { class: 'messages' }, ...messages.map(messageItem)),
  );
}

function eventDetail(e: TicketEvent, nameOf: (login: string) => string): string {
  const d = e.data;
  const str = (k: string): string => (typeof d[k] === 'string' || typeof d[k] === 'number' ? String(d[k]) : '');
  switch (e.type) {
    case 'replied': case 'noted': case 'person_message': case 'taken_over': return str('text');
    case 'transferred': return `${str('from')} → ${str('to')}`;
    case 'priority_changed': case 'escalated': return `${PRIORITY_LABEL[str('from')] ?? str('from')} → ${PRIORITY_LABEL[str('to')] ?? str('to')}`;
    case 'assigned': return `分配给 ${nameOf(str('to'))}`;
    case 'created': return `${REASON_LABEL[str('reason')] ?? str('reason')} · ${str('team')}`;
    case 'rated': return `${str('rating')} 分`;
    case 'delivery_failed': return str('error');
    default: return '';
  }
}

/** The ticket's event log; internal notes are marked as never sent to the person. */
export function eventsSection(events: readonly TicketEvent[], nameOf: (login: string) => string): HTMLElement {
  return h('section', { class: 'card events', 'data-testid': 'ticket-events' },
    h('h3', {}, '处理记录'),
    h('ol', { class: 'event-log' }, ...events.map((e) => {
      const detail = eventDetail(e, nameOf);
      return h('li', { class: e.type === 'noted' ? 'event note' : 'event', 'data-testid': `event-${e.id}` },
        h('div', { class: 'meta' }, `${shortTime(e.at)} · ${actorLabel(e.actor, nameOf)} · `, h('strong', {}, EVENT_LABEL[e.type] ?? e.type)),
        detail ? h('div', { class: 'pre' }, detail) : null);
    })),
  );
}

/** The header line: number, state, priority, team, assignee. */
export function ticketHeader(t: Ticket, sla: HTMLElement, nameOf: (login: string) => string): HTMLElement {
  return h('header', { class: 'ticket-head', 'data-testid': 'ticket-head' },
    h('h2', {}, `工单 #${t.no}`),
    h('span', { class: `badge state-${t.state}`, 'data-testid': 'ticket-state' }, STATE_LABEL[t.state] ?? t.state),
    h('span', { class: `badge prio-${t.priority}` }, `优先级：${PRIORITY_LABEL[t.priority] ?? t.priority}`),
    h('span', { class: 'badge' }, t.team),
    h('span', { class: 'muted' }, `负责人：${t.assignee ? nameOf(t.assignee) : '未认领'} · 创建于 ${shortTime(t.createdAt)}`),
    t.deliveryFailed ? h('span', { class: 'badge overdue' }, '回复送达失败') : null,
    t.rating !== undefined ? h('span', { class: 'badge' }, `评价 ${t.rating} 分`) : null,
    sla,
  );
}
