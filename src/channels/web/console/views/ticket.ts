import { ApiError } from '../api.js';
import type { Team, Ticket, TicketDetail } from '../api-types.js';
import { h, on, select } from '../h.js';
import { PRIORITY_LABEL } from '../labels.js';
import type { ConsoleCtx } from './context.js';
import { renderSla } from './inbox.js';
import { eventsSection, factsSection, summarySection, ticketHeader, transcriptSection } from './ticket-info.js';

/** An open ticket: its information (re-rendered on updates) and its action forms (kept, so drafts survive). */
export interface TicketView {
  no: number;
  element: HTMLElement;
  reload(): Promise<void>;
  tick(): void;
}

/** Opens a ticket in the detail pane. */
export function ticketView(ctx: ConsoleCtx, no: number): TicketView {
  let detail: TicketDetail | undefined;
  const sla = h('span', { class: 'sla-cell' });
  const info = h('div', { class: 'ticket-info' }, h('p', { class: 'muted' }, '加载中…'));

  const btn = (label: string, testid: string, cls = ''): HTMLButtonElement => h('button', { type: 'button', class: cls, 'data-testid': testid }, label);
  const claim = btn('认领', 'claim-button', 'primary');
  const mac = /Mac|iPhone|iPad/u.test(navigator.platform || navigator.userAgent);
  const sendKeys = mac ? '⌘+Enter' : 'Ctrl+Enter';
  const replyText = h('textarea', { rows: 2, maxlength: 4000, placeholder: '写给对方的回复（会发送到对方的渠道）', 'data-testid': 'reply-text', 'aria-label': '回复内容', 'aria-keyshortcuts': mac ? 'Meta+Enter' : 'Control+Enter', 'aria-describedby': `reply-hint-${no}` });
  const reply = btn('发送给对方', 'reply-button', 'primary');
  // The reply box stays at the bottom of the window however long the transcript is.
  const composer = h('div', { class: 'composer card', 'data-testid': 'reply-composer' },
    h('label', { for: `reply-text-${no}` }, '回复对方'),
    replyText,
    h('div', { class: 'composer-row' },
      h('span', { class: 'hint', id: `reply-hint-${no}`, 'data-testid': 'reply-hint' }, `${sendKeys} 发送`),
      reply));
  replyText.id = `reply-text-${no}`;
  const noteText = h('textarea', { rows: 3, maxlength: 4000, placeholder: '仅专员可见', 'data-testid': 'note-text', 'aria-label': '内部备注' });
  const note = btn('添加内部备注', 'note-button');
  const transferTeam = select({ 'data-testid': 'transfer-team', 'aria-label': '转交团队' }, ctx.teams.map((t) => [t, t] as [string, string]), ctx.teams[0] ?? '');
  const transfer = btn('转交', 'transfer-button');
  const prioritySel = select({ 'data-testid': 'priority-select', 'aria-label': '优先级' }, Object.entries(PRIORITY_LABEL), 'normal');
  const priority = btn('设置优先级', 'priority-button');
  const resolve = btn('标记已解决', 'resolve-button');
  const cQuestion = h('input', { maxlength: 500, 'data-testid': 'curate-question', 'aria-label': '标准问题' });
  const cAnswer = h('textarea', { rows: 4, maxlength: 4000, 'data-testid': 'curate-answer', 'aria-label': '标准答案' });
  const cKeys = h('input', { placeholder: '如 qt25-5, g02-3', 'data-testid': 'curate-keys', 'aria-label': '引用条款' });
  const curate = btn('提交组长审核', 'curate-button');

  const actions = h('aside', { class: 'actions card' },
    h('h3', {}, '处理'),
    claim,
    h('label', {}, '内部备注（不会发送给对方）'), noteText, note,
    h('div', { class: 'inline' }, transferTeam, transfer),
    h('div', { class: 'inline' }, prioritySel, priority),
    resolve,
    h('details', { class: 'curate' },
      h('summary', { 'data-testid': 'curate-open' }, '保存为标准答案'),
      h('label', {}, '问题'), cQuestion,
      h('label', {}, '答案'), cAnswer,
      h('label', {}, '引用条款（逗号分隔）'), cKeys,
      curate,
      h('p', { class: 'hint' }, '提交后由组长审核，通过后钱小智会直接用这条答案回答同样的问题。')),
  );
  const element = h('section', { class: 'ticket', 'data-testid': `ticket-view-${no}` }, h('div', { class: 'ticket-main' }, info, composer), actions);

  const buttons = [claim, reply, note, transfer, priority, resolve, curate];
  const setEnabled = (t: Ticket): void => {
    const open = t.state === 'queued' || t.state === 'assigned' || t.state === 'waiting_user';
    claim.hidden = t.state !== 'queued';
    for (const b of [reply, note, transfer, priority, resolve]) b.disabled = !open;
    reply.disabled = !open || t.state === 'queued';
    resolve.disabled = t.state !== 'assigned' && t.state !== 'waiting_user';
    curate.disabled = false;
  };

  const render = (d: TicketDetail): void => {
    const t = d.ticket;
    renderSla(sla, t, ctx.now());
    info.replaceChildren(ticketHeader(t, sla, ctx.nameOf), summarySection(t), factsSection(t), transcriptSection(d.transcript), eventsSection(d.events, ctx.nameOf));
    setEnabled(t);
    prioritySel.value = t.priority;
    if (transferTeam.value === t.team) transferTeam.value = ctx.teams.find((x) => x !== t.team) ?? t.team;
    if (cQuestion.value === '') cQuestion.value = t.summary.question;
    if (cAnswer.value === '') cAnswer.value = [...d.transcript].reverse().find((m) => m.role === 'officer')?.text ?? '';
    if (cKeys.value === '') cKeys.value = [...new Set(d.transcript.flatMap((m) => m.citations.map((c) => c.key)))].join(', ');
  };

  /** Runs an action with the buttons disabled; a conflict reloads the ticket. */
  const run = async (work: () => Promise<unknown>, done: string, after?: () => void): Promise<void> => {
    for (const b of buttons) b.disabled = true;
    try {
      await work();
      after?.();
      ctx.notify(done);
      ctx.refreshInbox();
    } catch (err) {
      ctx.showError(err);
    }
    await view.reload();
  };

  on(claim, 'click', () => void run(() => ctx.api.claim(no, detail?.ticket.version), '已认领。'));
  on(reply, 'click', () => {
    const text = replyText.value.trim();
    if (text === '') return ctx.notify('请先填写回复内容。');
    void run(() => ctx.api.reply(no, text), '回复已发送给对方。', () => (replyText.value = ''));
  });
  on(replyText, 'keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.isComposing) {
      e.preventDefault();
      if (!reply.disabled) reply.click();
    }
  });
  on(note, 'click', () => {
    const text = noteText.value.trim();
    if (text === '') return ctx.notify('请先填写备注内容。');
    void run(() => ctx.api.note(no, text), '内部备注已保存（不会发送给对方）。', () => (noteText.value = ''));
  });
  on(transfer, 'click', () => {
    const team = transferTeam.value as Team;
    if (!window.confirm(`确定把工单 #${no} 转交给「${team}」？`)) return;
    void run(() => ctx.api.transfer(no, team), `已转交给${team}。`);
  });
  on(priority, 'click', () => void run(() => ctx.api.priority(no, prioritySel.value), '优先级已更新。'));
  on(resolve, 'click', () => {
    if (!window.confirm(`确定把工单 #${no} 标记为已解决？系统会请对方为本次服务打分。`)) return;
    void run(() => ctx.api.resolve(no), '工单已解决，已请对方评价。');
  });
  on(curate, 'click', () => {
    const keys = cKeys.value.split(/[\s,\uFF0C\u3001]+/u).map((k) => k.trim()).filter(Boolean);
    if (cQuestion.value.trim() === '' || cAnswer.value.trim() === '') return ctx.notify('请填写问题和答案。');
    void run(() => ctx.api.curate(no, { question: cQuestion.value.trim(), answer: cAnswer.value.trim(), keys }), '已提交，等待组长审核。');
  });

  const view: TicketView = {
    no,
    element,
    async reload() {
      try {
        detail = await ctx.api.ticket(no);
        ctx.syncClock(detail.serverTime);
        render(detail);
      } catch (err) {
        if (err instanceof ApiError && (err.status === 403 || err.status === 404)) {
          info.replaceChildren(h('p', { class: 'muted', 'data-testid': 'ticket-gone' }, err.status === 403 ? `工单 #${no} 已不在您的处理范围内（可能已转交其他团队）。` : `工单 #${no} 不存在。`));
          for (const b of buttons) b.disabled = true;
          return;
        }
        ctx.showError(err);
      }
    },
    tick() {
      if (detail) renderSla(sla, detail.ticket, ctx.now());
    },
  };
  return view;
}
