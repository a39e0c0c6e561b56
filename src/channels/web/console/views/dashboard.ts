import { h } from '../h.js';
import { shortTime } from '../labels.js';
import type { ConsoleCtx } from './context.js';

/** The dashboard: open/overdue by team, median first response, handoff rate, top unanswered questions. */
export async function dashboardView(ctx: ConsoleCtx): Promise<HTMLElement> {
  const d = await ctx.api.dashboard();
  const pct = d.handoff.rate === null ? '—' : `${(d.handoff.rate * 100).toFixed(1)}%`;
  return h('section', { class: 'dashboard', 'data-testid': 'dashboard' },
    h('h2', {}, '数据看板'),
    h('div', { class: 'stats' },
      h('div', { class: 'stat card' }, h('div', { class: 'num', 'data-testid': 'stat-median' }, d.medianFirstResponseMinutes === null ? '—' : `${d.medianFirstResponseMinutes} 分钟`), h('div', {}, `首次响应中位时长（近 ${d.days} 天）`)),
      h('div', { class: 'stat card' }, h('div', { class: 'num', 'data-testid': 'stat-handoff' }, pct), h('div', {}, `转人工率：${d.handoff.tickets} 张工单 / ${d.handoff.botAnswers} 次机器人回答`)),
    ),
    h('section', { class: 'card' },
      h('h3', {}, '各团队工单'),
      h('table', {},
        h('thead', {}, h('tr', {}, h('th', {}, '团队'), h('th', {}, '未结'), h('th', {}, '超时'))),
        h('tbody', {}, ...d.teams.map((t) => h('tr', { 'data-testid': `team-${t.team}` },
          h('td', {}, t.team), h('td', {}, String(t.open)), h('td', { class: t.overdue > 0 ? 'overdue' : '' }, String(t.overdue))))))),
    h('section', { class: 'card' },
      h('h3', {}, '机器人没答好的问题（最近 20 条）'),
      d.topUnanswered.length === 0 ? h('p', { class: 'muted' }, '暂无。')
        : h('ol', { class: 'unanswered' }, ...d.topUnanswered.map((q) => h('li', {},
          h('span', { class: 'pre' }, q.question), ' ',
          h('span', { class: 'muted' }, `${shortTime(q.at)}${q.lowConfidence ? ' · 把握不足转人工' : ''}${q.thumbsDown ? ' · 对方点了👎' : ''}`))))),
  );
}
