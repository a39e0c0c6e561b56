// The officer console's browser entry (bundled to /console.js): login, inbox, ticket, dashboard, policy library, live alerts.
import { createAlerts } from './alerts.js';
import { ApiError, createApi } from './api.js';
import type { SessionInfo, Ticket } from './api-types.js';
import { h, on } from './h.js';
import { ERROR_LABEL } from './labels.js';
import { connectLive, type LiveStream } from './live-stream.js';
import type { ConsoleCtx } from './views/context.js';
import { curatedView } from './views/curated.js';
import { dashboardView } from './views/dashboard.js';
import { libraryView } from './views/library.js';
import { wechatView } from './views/wechat.js';
import { inboxView, type InboxView } from './views/inbox.js';
import { failedLoginsNotice, loginView } from './views/login.js';
import { ticketView, type TicketView } from './views/ticket.js';

const API = '/api/officer';
const BASE_TITLE = '钱小智 · 政府助才专员工作台';

function start(): void {
  const app = document.getElementById('app');
  const bar = document.getElementById('session-bar');
  const toast = document.getElementById('toast');
  const counter = document.getElementById('alert-counter');
  if (!app || !bar || !toast || !counter) return;
  const alerts = createAlerts(document, counter, BASE_TITLE);
  // Browsers allow sound only after a gesture: the first click or key press unlocks it.
  for (const type of ['pointerdown', 'keydown'] as const) document.addEventListener(type, () => alerts.unlock(), { passive: true });

  let stop: (() => void) | undefined;
  let toastTimer: ReturnType<typeof setTimeout> | undefined;
  const notify = (message: string): void => {
    toast.textContent = message;
    toast.hidden = false;
    if (toastTimer) clearTimeout(toastTimer);
    toastTimer = setTimeout(() => (toast.hidden = true), 5_000);
  };

  // Only a working session can expire; a late 401 while the login form shows must not reset the form.
  const expired = (): void => {
    if (stop) showLogin('登录已失效，请重新登录。');
  };
  const api = createApi(API, expired);

  function showLogin(notice = ''): void {
    stop?.();
    stop = undefined;
    alerts.clear();
    bar!.replaceChildren();
    app!.replaceChildren(loginView(api, startWork, notice));
  }

  function startWork(session: SessionInfo): void {
    stop?.();
    let offset = 0;
    let me = session.officer;
    const teams = session.teams ?? [];
    let inbox: InboxView | undefined;
    let open: TicketView | undefined;
    // Wide pages (the library) take the whole width: the inbox steps aside until a ticket or 工单 is chosen.
    const work = h('div', { class: 'work' });
    const detail = h('div', { class: 'detail' }, failedLoginsNotice(session), h('p', { class: 'muted placeholder' }, '请在左侧选择工单。'));

    let names = new Map<string, string>([[me.login, me.name]]);
    const ctx: ConsoleCtx = {
      api, me, teams,
      nameOf: (login) => names.get(login) ?? login,
      now: () => Date.now() + offset,
      syncClock(serverTime) {
        const t = serverTime ? Date.parse(serverTime) : Number.NaN;
        if (!Number.isNaN(t)) offset = t - Date.now();
      },
      notify,
      showError(err) {
        if (err instanceof ApiError && err.status === 401) return;
        const code = err instanceof ApiError ? err.code : 'internal';
        notify(err instanceof ApiError && err.code === 'network' ? err.message : ERROR_LABEL[code] ?? '操作失败，请稍后重试。');
      },
      openTicket(no) {
        alerts.clear();
        work.classList.remove('wide');
        open = ticketView(ctx, no);
        detail.replaceChildren(open.element);
        inbox?.setActive(no);
        void open.reload();
      },
      refreshInbox: () => inbox?.scheduleRefresh(),
    };
    ctx.syncClock(session.serverTime);
    inbox = inboxView(ctx);
    // Names arrive after the first paint; the views re-render with them.
    api.directory().then((d) => {
      names = new Map([...d, [me.login, me.name]]);
      void inbox?.refresh();
      void open?.reload();
    }, () => undefined);

    const showPane = (make: () => Promise<HTMLElement>, wide = false): void => {
      work.classList.toggle('wide', wide);
      open = undefined;
      inbox?.setActive(undefined);
      detail.replaceChildren(h('p', { class: 'muted' }, '加载中…'));
      make().then((el) => detail.replaceChildren(el), (err: unknown) => ctx.showError(err));
    };

    const duty = h('input', { type: 'checkbox', 'data-testid': 'duty-toggle', checked: me.onDuty });
    on(duty, 'change', () => {
      const want = duty.checked;
      api.duty(want).then((o) => {
        me = o;
        duty.checked = o.onDuty;
        notify(o.onDuty ? '已设为在岗：新工单会自动分配给您。' : '已设为离岗：不再自动分配新工单。');
      }, (err: unknown) => {
        duty.checked = !want;
        ctx.showError(err);
      });
    });
    const liveStatus = h('span', { class: 'live', 'data-testid': 'live-status' }, '连接中…');
    const nav = (label: string, testid: string, action: () => void): HTMLButtonElement => on(h('button', { type: 'button', class: 'link', 'data-testid': testid }, label), 'click', action);
    const logout = nav('退出', 'logout-button', () => {
      api.logout().catch(() => undefined).finally(() => showLogin('已退出。'));
    });
    on(counter!, 'click', () => {
      alerts.clear();
      work.classList.remove('wide');
      inbox?.show('mine');
    });
    bar!.replaceChildren(
      h('span', { class: 'who', 'data-testid': 'who' }, `${me.name}（${me.team}${me.role === 'lead' ? ' · 组长' : ''}）`),
      h('label', { class: 'duty' }, duty, ' 在岗'),
      nav('工单', 'nav-tickets', () => {
        work.classList.remove('wide');
        detail.replaceChildren(h('p', { class: 'muted placeholder' }, '请在左侧选择工单。'));
        open = undefined;
        void inbox?.refresh();
      }),
      nav('数据看板', 'nav-dashboard', () => showPane(() => dashboardView(ctx))),
      nav('政策库', 'nav-library', () => showPane(() => libraryView(ctx), true)),
      ...(me.role === 'lead' ? [nav('标准答案审核', 'nav-curated', () => showPane(() => curatedView(ctx))), nav('微信渠道', 'nav-wechat', () => showPane(() => wechatView(ctx)))] : []),
      liveStatus,
      logout,
    );
    work.append(inbox.element, detail);
    app!.replaceChildren(work);
    void inbox.refresh();

    const live: LiveStream = connectLive(`${API}/events`, {
      onEvent(ev) {
        if (ev.event === 'ready') {
          ctx.syncClock((JSON.parse(ev.data) as { serverTime?: string }).serverTime);
          // Reconnected: what changed meanwhile arrives with the list.
          inbox?.scheduleRefresh();
          return;
        }
        if (ev.event === 'alert') {
          // Addressed to me: a queue nobody on duty can take, or a ticket of mine a lead took over.
          const alert = JSON.parse(ev.data) as { text?: string };
          if (alert.text) notify(alert.text);
          alerts.beep();
          inbox?.scheduleRefresh();
          return;
        }
        if (ev.event !== 'ticket' && ev.event !== 'gone') return;
        const data = JSON.parse(ev.data) as { kind?: string; ticket?: Ticket; no?: number };
        const no = data.ticket?.no ?? data.no;
        if (ev.event === 'ticket' && data.kind === 'created') alerts.ticketArrived();
        if (ev.event === 'ticket' && data.kind === 'message' && data.ticket?.assignee === me.login) alerts.beep();
        inbox?.scheduleRefresh();
        if (open && open.no === no) void open.reload();
      },
      onStatus(status) {
        liveStatus.textContent = status === 'live' ? '● 实时' : '○ 重新连接中…';
        liveStatus.classList.toggle('offline', status !== 'live');
      },
      onUnauthorized: expired,
    });
    const ticker = setInterval(() => {
      inbox?.tick();
      open?.tick();
    }, 1_000);
    // A safety net for anything the stream missed.
    const poll = setInterval(() => inbox?.scheduleRefresh(), 60_000);
    stop = () => {
      inbox?.dispose();
      live.close();
      clearInterval(ticker);
      clearInterval(poll);
    };
  }

  api.me().then((s) => (s ? startWork(s) : showLogin()), () => showLogin());
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
