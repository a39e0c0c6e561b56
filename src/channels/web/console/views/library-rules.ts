import type { LibraryRule } from '../api-types.js';
import { h } from '../h.js';

const FLAG_LABEL: Record<string, string> = { article_missing: '引用的条款不存在', figure_mismatch: '金额与条款文字不符', cites_changed: '引用的条款有改动' };

/** The eligibility rules with the article each implements; the flagged ones first and open. */
export function rulesSection(rules: readonly LibraryRule[]): HTMLElement {
  const flagged = rules.filter((r) => r.flags.length > 0);
  const sorted = [...flagged, ...rules.filter((r) => r.flags.length === 0)];
  return h('details', { class: 'card rules', 'data-testid': 'library-rules', open: flagged.length > 0 },
    h('summary', {}, h('strong', {}, `资格规则（${rules.length} 条`), flagged.length > 0 ? h('strong', { class: 'warn-text' }, `，${flagged.length} 条需要核对`) : null, h('strong', {}, '）'),
      h('span', { class: 'hint' }, ' 规则文件由技术人员修改；这里列出每条规则依据的条款。')),
    h('div', { class: 'table-scroll' },
      h('table', {},
        h('thead', {}, h('tr', {}, ...['规则', '待遇', '依据条款', '核对'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, ...sorted.map((r) => h('tr', { 'data-testid': `rule-${r.id}`, class: r.flags.length > 0 ? 'flagged' : undefined },
          h('td', {}, h('code', {}, r.id)),
          h('td', {}, r.benefit),
          h('td', {}, h('code', { class: 'key' }, r.key), ' ', r.article ?? h('span', { class: 'warn-text' }, '（无此条款）')),
          h('td', {}, r.flags.length === 0 ? h('span', { class: 'muted' }, '无问题')
            : h('ul', { class: 'flags' }, ...r.flags.map((f) => h('li', { class: 'warn-text' },
              `${FLAG_LABEL[f.reason] ?? f.reason}${f.figures && f.figures.length > 0 ? `：${f.figures.join('、')}` : ''}${f.key !== r.key ? `（${f.key}）` : ''}`))))))))));
}
