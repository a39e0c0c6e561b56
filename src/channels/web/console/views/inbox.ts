import type { Ticket } from '../api-types.js';
import type { TicketQuery } from '../api.js';
import { h, on, select } from '../h.js';
import { PRIORITY_LABEL, STATE_LABEL } from '../labels.js';
import { slaClocks } from '../sla.js';
import type { ConsoleCtx } from './context.js';

type Tab = 'mine' | 'team' | 'all';

/** The inbox: tabs, filters, rows with SLA countdowns. */
export interface InboxView {
  element: HTMLElement;
  /** Reloads the list now. */
  refresh(): Promise<void>;
  /** Reloads soon (several live events in a burst cause one reload). */
  scheduleRefresh(): void;
  /** Updates the countdowns. */
  tick(): void;
  /** Marks the open ticket's row. */
  setActive(no: number | undefined): void;
  /** Switches tab. */
  show(tab: Tab): void;
  /** Stops pending reloads (logout). */
  dispose(): void;
}

const STATE_OPTIONS: [string, string][] = [['open', '未结'], ['queued', '待认领'], ['assigned', '处理中'], ['waiting_user', '等待对方回复'], ['resolved', '已解决'], ['closed', '已关闭'], ['all', '全部状态']];

/** Renders SLA countdowns into a cell. */
export function renderSla(cell: HTMLElement, t: Ticket, nowMs: number): void {
  cell.replaceChildren(...slaClocks(t, nowMs).map((c) => h('span', { class: c.overdue ? 'sla overdue' : 'sla' }, `${c.label} ${c.text}`)));
}

/** Creates the inbox. */
export function inboxView(ctx: ConsoleCtx): InboxView {
  const lead = ctx.me.role === 'lead';
  let tab: Tab = 'mine';
  let state = 'open';
  let team = '';
  let active: number | undefined;
  let tickets: Ticket[] = [];
  let pending: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;
  const slaCells = new Map<number, { cell: HTMLElement; ticket: Ticket }>();

  const tabs = h('div', { class: 'tabs', role: 'tablist' });
  const filters = h('div', { class: 'filters' });
  const body = h('tbody');
  const empty = h('p', { class: 'empty', hidden: true }, '暂无工单。');
  const table = h('table', { class: 'inbox-table' },
    h('thead', {}, h('tr', {}, ...['编号', '优先级', '团队', '状态', '问题', '负责人', '时限'].map((t) => h('th', { scope: 'col' }, t)))),
    body);
  const element = h('section', { class: 'inbox card', 'aria-label': '工单列表' }, tabs, filters, table, empty);

  // A lead's default inbox holds every team's unclaimed queue (the server decides; the label says so).
  const tabDefs: [Tab, string][] = [['mine', lead ? '我的（含各组待认领）' : '我的（含本组待认领）'], ['team', '本组队列'], ...(lead ? [['all', '全部工单'] as [Tab, string]] : [])];
  const renderTabs = (): void => {
    tabs.replaceChildren(...tabDefs.map(([id, label]) =>
      on(h('button', { type: 'button', role: 'tab', class: id === tab ? 'tab active' : 'tab', 'aria-selected': id === tab ? 'true' : 'false', 'data-testid': `tab-${id}` }, label), 'click', () => view.show(id))));
  };
  const renderFilters = (): void => {
    const stateSel = on(select({ 'aria-label': '状态', 'data-testid': 'filter-state' }, STATE_OPTIONS, state), 'change', (e) => {
      state = (e.target as HTMLSelectElement).value;
      void view.refresh();
    });
    // An officer's team tab is their own team; leads may look at any team.
    const showTeam = lead || tab === 'mine';
    const teamSel = on(select({ 'aria-label': '团队', 'data-testid': 'filter-team' }, [['', '全部团队'], ...ctx.teams.map((t) => [t, t] as [string, string])], team), 'change', (e) => {
      team = (e.target as HTMLSelectElement).value;
      void view.refresh();
    });
    filters.replaceChildren(h('label', {}, '状态 ', stateSel), showTeam ? h('label', {}, '团队 ', teamSel) : h('span', { class: 'muted' }, `团队：${ctx.me.team}`));
  };

  const row = (t: Ticket): HTMLTableRowElement => {
    const sla = h('td', { class: 'sla-cell' });
    renderSla(sla, t, ctx.now());
    slaCells.set(t.no, { cell: sla, ticket: t });
    const question = t.summary.question.length > 40 ? `${t.summary.question.slice(0, 40)}…` : t.summary.question;
    const tr = h('tr', { class: `row prio-${t.priority}${t.no === active ? ' active' : ''}`, tabindex: 0, 'data-testid': `ticket-row-${t.no}`, 'data-no': t.no },
      h('td', {}, `#${t.no}`),
      h('td', {}, h('span', { class: `badge prio-${t.priority}` }, PRIORITY_LABEL[t.priority] ?? t.priority)),
      h('td', {}, t.team),
      h('td', {}, h('span', { class: `badge state-${t.state}` }, STATE_LABEL[t.state] ?? t.state)),
      h('td', { class: 'question' }, question),
      h('td', {}, t.assignee ? ctx.nameOf(t.assignee) : '—'),
      sla);
    on(tr, 'click', () => ctx.openTicket(t.no));
    on(tr, 'keydown', (e) => {
      if (e.key === 'Enter') ctx.openTicket(t.no);
    });
    return tr;
  };

  const renderRows = (): void => {
    slaCells.clear();
    body.replaceChildren(...tickets.map(row));
    empty.hidden = tickets.length > 0;
  };

  const view: InboxView = {
    element,
    async refresh() {
      if (disposed) return;
      const q: TicketQuery = { state, ...(team && (lead || tab === 'mine') ? { team } : {}), ...(tab === 'mine' ? {} : { scope: tab }) };
      try {
        const r = await ctx.api.tickets(q);
        if (disposed) return;
        ctx.syncClock(r.serverTime);
        tickets = r.tickets;
        renderRows();
      } catch (err) {
        ctx.showError(err);
      }
    },
    scheduleRefresh() {
      if (pending || disposed) return;
      pending = setTimeout(() => {
        pending = undefined;
        void view.refresh();
      }, 250);
    },
    tick() {
      for (const { cell, ticket } of slaCells.values()) renderSla(cell, ticket, ctx.now());
    },
    setActive(no) {
      active = no;
      for (const tr of body.querySelectorAll('tr')) tr.classList.toggle('active', tr.getAttribute('data-no') === String(no));
    },
    show(next) {
      tab = next;
      if (!lead && tab === 'team') team = '';
      renderTabs();
      renderFilters();
      void view.refresh();
    },
    dispose() {
      disposed = true;
      if (pending) clearTimeout(pending);
    },
  };
  renderTabs();
  renderFilters();
  return view;
}
