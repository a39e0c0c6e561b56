import type { ArticleChange, CuratedImpact, LibraryDiff, LibraryImpact, RuleImpact } from '../api-types.js';
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

const RULE_REASON: Record<string, string> = { cites_changed: '引用的条款有改动', article_missing: '引用的条款在新版本中不存在', figure_mismatch: '金额与条款文字不符' };

function ruleItem(r: RuleImpact): HTMLElement {
  const why = `${RULE_REASON[r.reason] ?? r.reason}${r.figures && r.figures.length > 0 ? `：${r.figures.join('、')}` : ''}`;
  return h('li', { 'data-reason': r.reason }, h('strong', {}, r.benefit), ' ', h('code', { class: 'key' }, r.ruleId), ' 引用 ', h('code', { class: 'key' }, r.key),
    h('span', { class: r.reason === 'cites_changed' ? 'muted' : 'warn-text' }, ` · ${why}`));
}

function curatedItem(c: CuratedImpact): HTMLElement {
  return h('li', {}, h('strong', {}, c.question), ' ', ...c.keys.map((k) => h('code', { class: 'key' }, k)));
}

/** Rules and curated answers that cite changed articles: what to look at before publishing. */
export function impactSection(impact: LibraryImpact): HTMLElement {
  return h('section', { class: 'impact card', 'data-testid': 'library-impact', 'aria-labelledby': 'impact-title' },
    h('h3', { id: 'impact-title' }, '影响范围'),
    h('div', { class: 'impact-list', 'data-testid': 'impact-rules' },
      h('h4', {}, `需要核对的资格规则（${impact.rules.length}）`),
      impact.rules.length === 0 ? h('p', { class: 'muted' }, '没有资格规则受影响。') : h('ul', {}, ...impact.rules.map(ruleItem))),
    h('div', { class: 'impact-list', 'data-testid': 'impact-curated' },
      h('h4', {}, `引用了改动条款的标准答案（${impact.curated.length}）`),
      impact.curated.length === 0 ? h('p', { class: 'muted' }, '没有标准答案引用改动的条款。') : h('ul', {}, ...impact.curated.map(curatedItem))));
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
    diff.impact ? impactSection(diff.impact) : null);
}
