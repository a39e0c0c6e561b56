import { describe, expect, it } from 'vitest';
import { diffArticles, figureChanges } from '../../src/library/article-diff.js';
import { parseDraft } from '../../src/library/parse-draft.js';
import { QT25_CHANGED_MD, QT25_MD } from './qt25-sample.js';

describe('diffArticles', () => {
  it('finds the one changed article of the sample, its changed sentence and both changed figures by case', async () => {
    const before = await parseDraft({ data: Buffer.from(QT25_MD), fileName: 'qt25.md' });
    const after = await parseDraft({ data: Buffer.from(QT25_CHANGED_MD), fileName: 'qt25.md' });
    const diff = diffArticles(before.chunks, after.chunks);
    expect(diff).toHaveLength(1);
    const [only] = diff;
    expect(only).toMatchObject({ key: 'qt25-5', change: 'changed', heading: '第五条 青年大学生生活补贴' });
    expect(only?.removedSentences).toEqual([expect.stringContaining('博士10万元')]);
    expect(only?.addedSentences).toEqual([expect.stringContaining('博士15万元')]);
    expect(only?.figures).toEqual([
      { label: '硕士', before: '3万元', after: '5万元' },
      { label: '博士', before: '10万元', after: '15万元' },
    ]);
  });

  it('reports added and removed articles', async () => {
    const before = await parseDraft({ data: Buffer.from('---\nid: t1\ntitle: 测试\nkind: policy\n---\n第一条 甲\n内容甲。\n\n第二条 乙\n给予博士5万元。'), fileName: 't1.md' });
    const after = await parseDraft({ data: Buffer.from('---\nid: t1\ntitle: 测试\nkind: policy\n---\n第一条 甲\n内容甲。\n\n第三条 丙\n新增内容。'), fileName: 't1.md' });
    const diff = diffArticles(before.chunks, after.chunks);
    expect(diff.map((d) => [d.key, d.change])).toEqual([['t1-3', 'added'], ['t1-2', 'removed']]);
    expect(diff.find((d) => d.key === 't1-2')?.figures).toEqual([{ label: '博士', before: '5万元', after: '' }]);
  });

  it('ignores white space and punctuation width; reports an unlabelled figure change', () => {
    expect(figureChanges('给予补贴，最高 5万元。', '给予补贴,最高5万元。')).toEqual([]);
    expect(figureChanges('审核时限为20个工作日。', '审核时限为15个工作日。')).toEqual([{ label: '审核时限', before: '20个工作日', after: '15个工作日' }]);
  });
});
