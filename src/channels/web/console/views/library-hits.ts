import type { HitAnswer, HitCitation, HitTest } from '../api-types.js';
import { h, on } from '../h.js';
import { renderMarkdown } from '../../widget/render-markdown.js';
import type { ConsoleCtx } from './context.js';
import { figureDifference } from './text-diff.js';
import { showLibraryError } from './library-errors.js';

const citationKey = (c: HitCitation): string => (typeof c === 'string' ? c : c.key);

function answerColumn(label: string, a: HitAnswer, other: HitAnswer, side: 'live' | 'draft'): HTMLElement {
  const otherKeys = new Set(other.citations.map(citationKey));
  return h('div', { class: `hit-answer side-${side}`, 'data-testid': `hit-${side}` },
    h('div', { class: 'meta' }, label),
    // Answers are Markdown from the server: rendered as DOM nodes, never as HTML text. A long one
    // scrolls inside its box (reachable by keyboard) so the list stays readable.
    h('div', { class: 'md hit-text', tabindex: 0, role: 'region', 'aria-label': `${label}的回答` }, renderMarkdown(a.answer)),
    a.citations.length > 0 ? h('div', { class: 'keys' }, '引用：', ...a.citations.map((c) => {
      const key = citationKey(c);
      return h('code', { class: otherKeys.has(key) ? 'key' : 'key new-key', title: otherKeys.has(key) ? undefined : '另一版本没有引用这一条' }, key);
    })) : null);
}

function hitCard(item: HitTest['items'][number], index: number): HTMLElement {
  const figures = item.changed ? figureDifference(item.live.answer, item.draft.answer) : { before: [], after: [] };
  return h('li', { class: `card hit${item.changed ? ' changed' : ''}`, 'data-testid': 'hit-item', 'data-changed': item.changed ? 'true' : 'false' },
    h('div', { class: 'hit-question' },
      h('span', { class: item.changed ? 'badge changed-badge' : 'badge' }, item.changed ? '答案有变化' : '未变化'),
      h('strong', { id: `hit-q-${index}` }, item.question)),
    figures.before.length + figures.after.length > 0
      ? h('p', { class: 'hit-figures', 'data-testid': 'hit-figures' }, '数字变化：',
        h('span', { class: 'before' }, figures.before.join('、') || '（无）'), ' → ', h('strong', { class: 'after' }, figures.after.join('、') || '（无）'))
      : null,
    h('div', { class: 'hit-pair', role: 'group', 'aria-labelledby': `hit-q-${index}` },
      answerColumn('现行版本', item.live, item.draft, 'live'),
      answerColumn('草稿版本', item.draft, item.live, 'draft')));
}

/** The hit test of a draft: the dev set plus typed questions, live and draft side by side, changed ones first. */
export function hitTestSection(ctx: ConsoleCtx, draftId: string): { element: HTMLElement; run(): Promise<void> } {
  const questions = h('textarea', { id: `hit-questions-${draftId}`, rows: 3, maxlength: 2000, placeholder: '如：博士生活补贴是多少？', 'data-testid': 'hit-questions' });
  const devSet = h('input', { id: `hit-devset-${draftId}`, type: 'checkbox', checked: true, 'data-testid': 'hit-devset' });
  const runButton = h('button', { type: 'button', class: 'primary', 'data-testid': 'hit-run' }, '运行命中测试');
  const status = h('p', { class: 'muted', role: 'status', 'data-testid': 'hit-status' }, '将用开发测试集和您输入的问题，分别问现行版本和草稿版本。');
  const results = h('div', { class: 'hit-results' });
  const element = h('section', { class: 'hits', 'data-testid': 'library-hits', 'aria-labelledby': 'hits-title' },
    h('h3', { id: 'hits-title' }, '命中测试'),
    h('label', { for: questions.id }, '追加测试问题（每行一个，可不填）'), questions,
    h('div', { class: 'inline' }, runButton, h('label', { class: 'check', for: devSet.id }, devSet, ' 包含开发测试集（较慢；不勾选则只问上面的问题）')),
    status, results);

  const run = async (): Promise<void> => {
    const typed = questions.value.split(/\r?\n/u).map((q) => q.trim()).filter(Boolean);
    // The server takes at most 10 typed questions of at most 500 characters each.
    if (typed.length > 10 || typed.some((q) => q.length > 500)) return ctx.notify('最多 10 个问题，每个不超过 500 字。');
    if (!devSet.checked && typed.length === 0) return ctx.notify('请输入要测试的问题，或勾选开发测试集。');
    runButton.disabled = true;
    status.textContent = '正在分别用现行版本和草稿版本回答…';
    try {
      const r = await ctx.api.draftHits(draftId, typed, devSet.checked);
      const changed = r.items.filter((i) => i.changed);
      const same = r.items.filter((i) => !i.changed);
      status.textContent = `共 ${r.items.length} 个问题，其中 ${changed.length} 个答案有变化。${r.skipped ? `（测试集中另有 ${r.skipped} 个问题与本文件无关，未运行。）` : ''}`;
      results.replaceChildren(changed.length > 0
        ? h('ol', { class: 'hit-list', 'data-testid': 'hits-changed' }, ...changed.map((i, n) => hitCard(i, n)))
        : h('p', { class: 'muted' }, '草稿没有改变任何测试问题的答案。'));
      // The unchanged ones stay folded: what needs a look is what changed.
      if (same.length > 0) {
        results.append(h('details', { class: 'hit-same' },
          h('summary', { 'data-testid': 'hits-same-open' }, `答案未变化的 ${same.length} 个问题`),
          h('ol', { class: 'hit-list' }, ...same.map((i, n) => hitCard(i, changed.length + n)))));
      }
    } catch (err) {
      status.textContent = '命中测试失败。';
      showLibraryError(ctx, err);
    } finally {
      runButton.disabled = false;
    }
  };
  on(runButton, 'click', () => void run());
  return { element, run };
}
