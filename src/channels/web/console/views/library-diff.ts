import type { ArticleChange, ImpactItem, LibraryDiff } from '../api-types.js';
import { h } from '../h.js';
import { CHANGE_LABEL } from '../labels.js';
import { diffSentence, pairSentences, type Segment } from './text-diff.js';

const figureText = (v: string | null): string => (v === null || v === '' ? '（无）' : v);

/** A changed sentence: before struck through, after inserted, the changed words marked on both. */
function sentenceRow(before: string | null | undefined, after: string | null | undefined): HTMLElement {
  if (before && after) {
    const d = diffSentence(before, after);
    const marked = (segs: Segment[]): (Node | string)[] => segs.map((s) => (s.changed ? h('mark', {}, s.text) : s.text));
    return h('li', { class: 'sentence' }, h('del', { class: 'before' }, ...marked(d.before)), h('ins', { class: 'after' }, ...marked(d.after)));
  }
  if (after) return h('li', { class: 'sentence' }, h('ins', { class: 'after' }, h('mark', {}, after)));
  return h('li', { class: 'sentence' }, h('del', { class: 'before' }, h('mark', {}, before ?? '')));
}

function articleCard(a: ArticleChange): HTMLElement {
  const sentences = pairSentences(a.removedSentences ?? [], a.addedSentences ?? []);
  return h('li', { class: `card article change-${a.change}`, 'data-testid': `diff-${a.key}`, 'data-change': a.change },
    h('div', { class: 'article-head' },
      h('span', { class: `badge change-${a.change}` }, CHANGE_LABEL[a.change] ?? a.change),
      h('code', { class: 'key' }, a.key),
      a.heading ? h('strong', {}, a.heading) : null),
    a.figures.length > 0
      ? h('div', { class: 'figures' }, h('span', { class: 'muted' }, '数字变化：'),
        h('ul', { class: 'figure-list', 'data-testid': `figures-${a.key}` }, ...a.figures.map((f) =>
          h('li', { class: 'figure', 'data-testid': 'figure-change' },
            f.label ? h('span', { class: 'figure-label' }, `${f.label} `) : null,
            h('span', { class: 'before' }, figureText(f.before)), ' → ',
            h('strong', { class: 'after' }, figureText(f.after))))))
      : null,
    sentences.length > 0
      ? h('ul', { class: 'sentences', 'aria-label': `${a.key} 改动的句子` }, ...sentences.map((s) => sentenceRow(s.before, s.after)))
      : null);
}

function impactList(title: string, empty: string, items: readonly ImpactItem[] | undefined, testid: string): HTMLElement {
  return h('div', { class: 'impact-list', 'data-testid': testid },
    h('h4', {}, title),
    !items || items.length === 0 ? h('p', { class: 'muted' }, empty)
      : h('ul', {}, ...items.map((i) => h('li', {},
        h('strong', {}, i.title ?? i.question ?? String(i.id)), ' ',
        ...i.keys.map((k) => h('code', { class: 'key' }, k)),
        i.reason ? h('span', { class: 'warn-text' }, ` · ${i.reason}`) : null))));
}

/** The diff by article (changed first, then added, then removed) and what cites the changed articles. */
export function diffSection(diff: LibraryDiff): HTMLElement {
  const order = { changed: 0, added: 1, removed: 2 } as Record<string, number>;
  const articles = [...diff.articles].sort((x, y) => (order[x.change] ?? 3) - (order[y.change] ?? 3));
  const figures = articles.reduce((n, a) => n + a.figures.length, 0);
  const count = (c: string): number => articles.filter((a) => a.change === c).length;
  return h('section', { class: 'diff', 'data-testid': 'library-diff', 'aria-labelledby': 'diff-title' },
    h('h3', { id: 'diff-title' }, '与现行版本的差异'),
    h('p', { class: 'muted', 'data-testid': 'diff-summary' },
      articles.length === 0 ? '与现行版本相比没有条款变化。'
        : `修改 ${count('changed')} 条 · 新增 ${count('added')} 条 · 删除 ${count('removed')} 条 · 数字变化 ${figures} 处`),
    h('ol', { class: 'articles' }, ...articles.map(articleCard)),
    diff.impact ? h('section', { class: 'impact card', 'data-testid': 'library-impact' },
      h('h3', {}, '影响范围'),
      impactList('引用了改动条款的资格规则（需要核对）', '没有资格规则引用改动的条款。', diff.impact.rules, 'impact-rules'),
      impactList('引用了改动条款的标准答案', '没有标准答案引用改动的条款。', diff.impact.curated, 'impact-curated')) : null);
}
