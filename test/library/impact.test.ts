import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRules } from '../../src/knowledge/load-rules.js';
import { loadCuratedAnswers } from '../../src/knowledge/load-curated.js';
import { diffArticles } from '../../src/library/article-diff.js';
import { curatedImpacts, ruleImpacts } from '../../src/library/impact.js';
import { parseDraft } from '../../src/library/parse-draft.js';
import { REPO_ROOT } from '../helpers/services.js';
import { QT25_CHANGED_MD, QT25_MD } from './qt25-sample.js';

describe('impact of a draft', () => {
  it('lists the rule citing a changed article, its figures the new text no longer has, and curated answers citing it', async () => {
    const rules = await loadRules(path.join(REPO_ROOT, 'policies', 'rules'));
    const before = await parseDraft({ data: Buffer.from(QT25_MD), fileName: 'qt25.md' });
    const after = await parseDraft({ data: Buffer.from(QT25_CHANGED_MD), fileName: 'qt25.md' });
    // The sample's rules match the sample's text: nothing to flag before the change.
    expect(ruleImpacts(rules, before.chunks, [], 'qt25')).toEqual([]);
    const changes = diffArticles(before.chunks, after.chunks);
    const impacts = ruleImpacts(rules, after.chunks, changes, 'qt25');
    expect(impacts).toEqual([
      { ruleId: 'living-subsidy', benefit: '青年大学生生活补贴', key: 'qt25-5', reason: 'cites_changed' },
      { ruleId: 'living-subsidy', benefit: '青年大学生生活补贴', key: 'qt25-5', reason: 'figure_mismatch', figures: ['3万元', '10万元'] },
    ]);
    const curated = [...(await loadCuratedAnswers(path.join(REPO_ROOT, 'seeds', 'faq.yaml'))), { id: 'officer-1', questions: ['博士生活补贴多少'], answer: '10万元 [qt25-5]', keys: ['qt25-5', 'g02'], lang: 'zh' as const }];
    expect(curatedImpacts(curated, changes)).toEqual([{ id: 'officer-1', question: '博士生活补贴多少', keys: ['qt25-5'] }]);
  });

  it('flags a rule whose article is gone', async () => {
    const rules = await loadRules(path.join(REPO_ROOT, 'policies', 'rules'));
    const shortened = await parseDraft({ data: Buffer.from(QT25_MD.replace(/### 第五条[\s\S]*?(?=### 第六条)/u, '')), fileName: 'qt25.md' });
    const missing = ruleImpacts(rules, shortened.chunks, [], 'qt25').filter((i) => i.reason === 'article_missing');
    expect(missing.map((i) => [i.ruleId, i.key])).toEqual([['living-subsidy', 'qt25-5']]);
  });
});
