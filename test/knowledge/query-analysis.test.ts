import { describe, expect, it } from 'vitest';
import { analyseQuery } from '../../src/knowledge/query-analysis.js';

describe('analyseQuery', () => {
  it.each([
    '21条的租房补贴是多少',
    '老政策的生活补贴标准',
    '以前的安家补贴怎么发',
    '过去的安家补贴怎么发',
    '钱塘新区时期的人才公寓政策',
    'What was the old policy on housing?',
    'previous policy rent subsidy',
    'Under the old 21 Articles, what was the settling-in allowance?',
    'rent subsidy in the Qiantang 21 Talent Policies',
  ])('reads %s as about the old policy', (q) => {
    expect(analyseQuery(q)).toEqual({ wantsOld: true, comparison: false });
  });

  it.each([
    '新政和以前比生活补贴变了什么',
    '25条和21条有什么区别',
    '现在的租房补贴和原来的相比',
    '生活补贴新旧政策对比',
    '老的人才卡和现在的人才卡有什么不一样',
    '人才新政25条和老政策的安家补贴',
    'What changed in the rent subsidy?',
    'Compare the old and new housing subsidy',
    'difference between 21 and 25 articles',
    '博士入企补助比例以前是多少，现在是多少',
  ])('reads %s as a comparison (not old-only)', (q) => {
    expect(analyseQuery(q)).toEqual({ wantsOld: false, comparison: true });
  });

  it.each([
    '博士生活补贴多少',
    '原来的房子退租了，现在在钱塘租房，硕士每年租房补贴多少',
    '副高职称引进过去安家补贴给多少',
    '技师调过去补贴多少',
    '老公的工作能安排吗，安家补贴多少',
    '租房补贴怎么申请', '钱塘人才卡有什么用', 'How much is the rent subsidy?', 'Where do I apply for the talent card?'])(
    'reads %s as a plain question',
    (q) => {
      expect(analyseQuery(q)).toEqual({ wantsOld: false, comparison: false });
    },
  );

  // 不同 ("different"), 比较 ("rather") and "exchange" are ordinary words in plain questions; a false
  // comparison turns off the down-weighting of the superseded 21条 and pulls an old article to rank 2.
  it.each(['不同学历的生活补贴标准是多少', '我比较着急，租房补贴多久能到账', 'Can an exchange student apply for the living subsidy?'])(
    'does not read %s as a comparison',
    (q) => {
      expect(analyseQuery(q)).toEqual({ wantsOld: false, comparison: false });
    },
  );

  it('normalises before matching (traditional, full-width)', () => {
    expect(analyseQuery('舊政策的租房補貼').wantsOld).toBe(true);
    expect(analyseQuery('２１条的租房补贴').wantsOld).toBe(true);
    expect(analyseQuery('WHAT CHANGED?').comparison).toBe(true);
  });

  // "之前的/以前的" without a word for a rule or a benefit speak of the person's past, not the old policy.
  it.each(['说实话对之前的服务有点意见，新引进的高级技师补贴是多少', '我是硕士毕业，本科是之前的学历', '我之前的工作在上海，现在来钱塘创业'])(
    'does not read %s as about the old policy',
    (q) => {
      expect(analyseQuery(q).wantsOld).toBe(false);
    },
  );

  it.each(['钱塘人才21条现在还能用吗', '21条是不是已经作废了', 'Are the Qiantang 21 Articles still in force?'])(
    'reads the validity question %s as about the current policy',
    (q) => {
      expect(analyseQuery(q).wantsOld).toBe(false);
    },
  );

  it.each([
    '什么是新引进人才',
    '非全日制本科算不算青年大学生',
    '我2022年9月入职，算25条的新引进人才吗',
    "Who counts as a 'young college graduate'?",
    '青年大学生是怎么认定的',
    '毕业几年以内才算青年大学生',
  ])(
    'reads %s as asking for a definition',
    (q) => {
      expect(analyseQuery(q).definition).toBe(true);
    },
  );

  it.each(['新引进的博士生活补贴多少', '租房补贴什么时候发', '生活补贴是怎么算的'])('does not read %s as asking for a definition', (q) => {
    expect(analyseQuery(q).definition).toBeUndefined();
  });
});
