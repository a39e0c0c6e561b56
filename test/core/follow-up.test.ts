import { describe, expect, it } from 'vitest';
import { caseAsked, correctionRest, correctsWith, isFollowUp, standaloneQuery } from '../../src/core/follow-up.js';

const PREVIOUS = '博士能拿多少生活补贴？';

describe('standaloneQuery', () => {
  it('joins an elliptical follow-up to the previous question', () => {
    expect(standaloneQuery([PREVIOUS], '那硕士呢？')).toBe('博士能拿多少生活补贴？ 那硕士呢？');
    expect(standaloneQuery(['How much is the rent subsidy?'], 'What about a PhD?')).toBe('How much is the rent subsidy? What about a PhD?');
  });

  it('uses only the latest earlier turn', () => {
    expect(standaloneQuery(['人才公寓怎么申请？', PREVIOUS], '那硕士呢？')).toBe(`${PREVIOUS} 那硕士呢？`);
  });

  it('leaves a question that stands alone unchanged', () => {
    for (const q of ['博士后进站有什么补贴', '钱塘人才卡怎么办理', 'How much is the rent subsidy for a master?']) {
      expect(standaloneQuery([PREVIOUS], q)).toBe(q);
    }
  });

  it('leaves the first question of a conversation unchanged', () => {
    expect(standaloneQuery([], '那硕士呢？')).toBe('那硕士呢？');
  });

  it('leaves a complete yes/no or how-to question unchanged', () => {
    // These name their own subject; joining them to the previous question mixes 生活补贴 into the search.
    for (const q of ['本科生可以申请租房补贴吗？', '如何申请人才公寓？']) expect(standaloneQuery([PREVIOUS], q)).toBe(q);
  });
});

describe('isFollowUp', () => {
  it('recognises short, referring and leading-word follow-ups', () => {
    for (const q of ['那硕士呢？', '硕士呢', '这个政策什么时候截止', '还有别的补贴吗', 'what about a master?', 'And for a PhD?']) {
      expect(isFollowUp(q), q).toBe(true);
    }
  });

  it('treats a question without a topic of its own as a follow-up when told what a topic is', () => {
    const hasTopic = (q: string): boolean => /人才公寓|租房补贴/u.test(q);
    expect(isFollowUp('需要什么材料', hasTopic)).toBe(true);
    expect(isFollowUp('人才公寓需要什么材料', hasTopic)).toBe(false);
    // A talent class said in English is a case, not a topic of its own.
    const englishTopic = (q: string): boolean => /\b(class|card)\b/iu.test(q);
    expect(isFollowUp("which one would I get? I'm E class", englishTopic)).toBe(true);
    expect(isFollowUp('What does a national-level station get?', (q) => /\blevel\b/iu.test(q))).toBe(true);
    expect(isFollowUp('需要什么材料')).toBe(false);
  });

  it('does not flag a full question', () => {
    for (const q of ['新引进的博士可以领多少生活补贴', '钱塘人才卡有什么用处', 'Where do I apply for the talent card?']) expect(isFollowUp(q), q).toBe(false);
  });
});

describe('standaloneQuery: corrections', () => {
  const hasTopic = (q: string): boolean => /补贴|人才公寓|落户/u.test(q);

  it('a correction keeps the topic of the conversation and adds the corrected fact', () => {
    expect(standaloneQuery(['博士租房补贴每年多少'], '不对，我是硕士', hasTopic)).toBe('博士租房补贴每年多少 不对，我是硕士');
    expect(standaloneQuery(['How much is the rent subsidy?'], 'Sorry, I meant for a master', hasTopic)).toBe('How much is the rent subsidy? Sorry, I meant for a master');
  });

  it('a correction naming the topic meant replaces the earlier topic', () => {
    expect(standaloneQuery(['博士生活补贴多少'], '不是，我问的是租房补贴', hasTopic)).toBe('不是，我问的是租房补贴');
  });

  it('a correction naming only another case ("我问的是省级的") keeps the topic', () => {
    const anyWord = (q: string): boolean => /\p{Script=Han}{2}/u.test(q.replace(/我问的是|的/gu, ''));
    expect(standaloneQuery(['新设国家级博士后工作站资助多少？'], '我问的是省级的', anyWord)).toBe('新设国家级博士后工作站资助多少？ 我问的是省级的');
  });

  it('a chain of follow-ups leans on the turn that carries the topic', () => {
    expect(standaloneQuery(['博士生活补贴多少', '那硕士呢？'], '本科呢？', hasTopic)).toBe('博士生活补贴多少 本科呢？');
  });
});

describe('a case alone is not a topic', () => {
  // Degrees and titles are corpus words (博士 occurs in several articles) but pick a figure, not a benefit.
  const hasTopic = (q: string): boolean => /补贴|人才公寓|落户|博士|硕士|技师|B类/u.test(q);
  it('carries the earlier topic to a question that names only a case', () => {
    expect(standaloneQuery(['租房补贴怎么申请'], '博士一年多少钱', hasTopic)).toBe('租房补贴怎么申请 博士一年多少钱');
    expect(isFollowUp('B类给多少', hasTopic)).toBe(true);
  });
  it('carries the topic to a question that only qualifies the figure (最长, 每年)', () => {
    const rare = (q: string): boolean => /补贴|人才公寓|最长|每年/u.test(q);
    expect(standaloneQuery(['租房补贴本科每年多少？'], '最长能领几年？', rare)).toBe('租房补贴本科每年多少？ 最长能领几年？');
  });

  it('leaves a question that names a benefit besides the case alone', () => {
    expect(isFollowUp('博士可以落户吗', hasTopic)).toBe(false);
    expect(isFollowUp('硕士租房补贴多少', hasTopic)).toBe(false);
    expect(isFollowUp('博士后生活补贴多少', hasTopic)).toBe(false);
  });
});

describe('a message that asks nothing', () => {
  const hasTopic = (q: string): boolean => /补贴|企业|外地|社保/u.test(q);
  const namesTopic = (q: string): boolean => /租房补贴|人才公寓/u.test(q);
  it('leans on the question before unless it names a topic the corpus heads a text with', () => {
    expect(standaloneQuery(['技师引进有补贴吗'], '刚从外地来钱塘一家企业', hasTopic, namesTopic)).toBe('技师引进有补贴吗 刚从外地来钱塘一家企业');
    expect(standaloneQuery(['技师引进有补贴吗'], '我是硕士，租房补贴', hasTopic, namesTopic)).toBe('我是硕士，租房补贴');
    // Without the stricter reading, the loose topic test decides as before.
    expect(standaloneQuery(['技师引进有补贴吗'], '刚从外地来钱塘一家企业', hasTopic)).toBe('刚从外地来钱塘一家企业');
  });
});

describe('correctionRest', () => {
  it('is what a correction says is right, and empty for a bare 不对 or no correction', () => {
    expect(correctionRest('不对，我是高级技师')).toBe('我是高级技师');
    expect(correctionRest('不对')).toBe('');
    expect(correctionRest('硕士能领多少')).toBe('');
  });
});

describe('correctsWith', () => {
  const statesFact = (t: string): boolean => /硕士|技师/u.test(t);
  const namesTopic = (t: string): boolean => /租房补贴/u.test(t);
  it('is a correction whose rest states a fact or names a topic', () => {
    expect(correctsWith('不对，我是高级技师', statesFact, namesTopic)).toBe(true);
    expect(correctsWith('不是，我问的是租房补贴', statesFact, namesTopic)).toBe(true);
  });
  it('is not a bare 不对, a rest that states nothing, or a message that corrects nothing', () => {
    expect(correctsWith('不对', statesFact, namesTopic)).toBe(false);
    expect(correctsWith('不对吧你这个', statesFact, namesTopic)).toBe(false);
    expect(correctsWith('我是硕士', statesFact, namesTopic)).toBe(false);
  });
});

describe('caseAsked', () => {
  it('reads the case a short "what about" turn asks of', () => {
    expect(caseAsked('技师呢')).toBe('技师');
    expect(caseAsked('那如果是B类呢？')).toBe('B类');
    expect(caseAsked('那副高的')).toBe('副高');
  });
  it('reads nothing from a turn that names no case or asks something else', () => {
    expect(caseAsked('材料呢')).toBeUndefined();
    expect(caseAsked('租房补贴呢')).toBeUndefined();
    expect(caseAsked('我是技师，能领租房补贴吗？还要准备什么')).toBeUndefined();
  });
});

describe('a leaning-back turn that names another benefit', () => {
  const hasTopic = (q: string): boolean => /补贴|人才公寓|rent subsidy|living allowance|talent apartment/iu.test(q);

  it('is searched for the benefit it names, not the earlier one', () => {
    expect(standaloneQuery(["How much is the living allowance for a bachelor's graduate?"], "What about the rent subsidy for a master's graduate?", hasTopic)).toBe(
      "What about the rent subsidy for a master's graduate?",
    );
  });

  it('keeps the case the conversation was about when it names none', () => {
    expect(standaloneQuery(['博士能申请租房补贴吗'], '那人才公寓呢？', hasTopic)).toBe('博士 那人才公寓呢？');
    expect(standaloneQuery(['How much rent subsidy does a PhD get?'], 'And the talent apartment?', hasTopic)).toBe('PhD And the talent apartment?');
  });

  it('does not read "the earlier question" as a topic', () => {
    const withQuestion = (q: string): boolean => hasTopic(q) || /问题|question/iu.test(q);
    expect(standaloneQuery(['硕士的生活补贴多少'], '回到刚才的问题，博士呢', withQuestion)).toBe('硕士的生活补贴多少 回到刚才的问题，博士呢');
    expect(standaloneQuery(['How much is the living allowance?'], 'Back to my earlier question: what about a PhD?', withQuestion)).toBe(
      'How much is the living allowance? Back to my earlier question: what about a PhD?',
    );
  });

  it('still leans back when it names only a case', () => {
    expect(standaloneQuery(['博士能拿多少生活补贴？'], '那硕士呢？', hasTopic)).toBe('博士能拿多少生活补贴？ 那硕士呢？');
  });
});
