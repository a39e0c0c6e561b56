import { h, on } from '../h.js';
import { shortTime } from '../labels.js';
import type { ConsoleCtx } from './context.js';

/** A lead's review of proposed standard answers. */
export async function curatedView(ctx: ConsoleCtx): Promise<HTMLElement> {
  const list = h('ol', { class: 'proposals' });
  const section = h('section', { class: 'curated', 'data-testid': 'curated' }, h('h2', {}, '标准答案审核'), list);
  const load = async (): Promise<void> => {
    const proposals = await ctx.api.proposals('pending');
    list.replaceChildren(...(proposals.length === 0 ? [h('li', { class: 'muted' }, '没有待审核的标准答案。')] : proposals.map((p) => {
      const approve = h('button', { type: 'button', class: 'primary', 'data-testid': `approve-${p.id}` }, '通过');
      const reject = h('button', { type: 'button', 'data-testid': `reject-${p.id}` }, '退回');
      const decide = (verdict: 'approve' | 'reject'): void => {
        approve.disabled = reject.disabled = true;
        ctx.api.decide(p.id, verdict).then(() => {
          ctx.notify(verdict === 'approve' ? '已通过，钱小智将使用这条标准答案。' : '已退回。');
          return load();
        }).catch((err: unknown) => {
          ctx.showError(err);
          void load();
        });
      };
      on(approve, 'click', () => decide('approve'));
      on(reject, 'click', () => decide('reject'));
      return h('li', { class: 'card proposal' },
        h('div', { class: 'meta' }, `#${p.id} · ${ctx.nameOf(p.proposedBy)} 提交于 ${shortTime(p.createdAt)}${p.ticketNo !== null ? ` · 来自工单 #${p.ticketNo}` : ''}`),
        h('div', {}, h('strong', {}, '问题：'), p.question),
        h('div', { class: 'pre' }, h('strong', {}, '答案：'), p.answer),
        h('div', { class: 'keys' }, '引用：', ...p.keys.map((k) => h('code', { class: 'key' }, k))),
        h('div', { class: 'inline' }, approve, reject));
    })));
  };
  await load();
  return section;
}
