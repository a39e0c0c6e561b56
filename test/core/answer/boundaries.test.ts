import { describe, expect, it } from 'vitest';
import { citesClaimedNotice, withoutHearsay } from '../../../src/core/answer/claimed-notice.js';
import { composePolicyAnswer } from '../../../src/core/answer/offline-composer.js';
import type { Passage } from '../../../src/core/ports/knowledge-port.js';
import { qt21_5, qt25_5, qt25_6, terms } from '../../helpers/passages.js';

const qt21_6: Passage = { ...qt21_5, key: 'qt21-6', heading: '第六条 租房补贴', number: 6, text: '对新引进的青年大学生，在新区内租房居住且本人及配偶在杭州市区无自有住房的，本科、硕士、博士均按每年1万元给予租房补贴，最长享受2年。' };

const qt25_25: Passage = {
  ...qt25_5,
  key: 'qt25-25',
  number: 25,
  heading: '第二十五条 附则',
  text: '本政策自2022年10月1日起施行，有效期五年。《杭州钱塘新区关于加快集聚人才的若干政策》（“钱塘人才21条”）同时废止。',
};

describe('boundaries', () => {
  it('a claimed notice with a new figure: the figure in force first, with its key, then that the notice cannot be confirmed, and an officer offered', () => {
    const q = '听说出了补充通知，硕士生活补贴提高到5万元了，是真的吗';
    expect(citesClaimedNotice(q)).toBe(true);
    const { text } = composePolicyAnswer({ question: q, lang: 'zh', passages: [qt25_5], wantsOld: false, terms });
    const [first] = text.split('\n');
    expect(first).toContain('硕士3万元');
    expect(first).toContain('[qt25-5]');
    expect(first).not.toContain('5万元了');
    expect(text).toContain('无法核实');
    expect(text).toContain('转人工');
  });

  it('"is the old policy still valid": no, repealed on which date, replaced by what, with the repealing article', () => {
    const { text, citations } = composePolicyAnswer({ question: '钱塘人才21条现在还有效吗', lang: 'zh', passages: [qt25_25, qt21_5], wantsOld: false, terms });
    expect(text.split('\n')[0]).toBe('不再有效：《钱塘人才21条》已于2022-09-30废止，由《人才新政25条》替代 [qt25-25]。');
    expect(citations[0]?.key).toBe('qt25-25');
  });

  it('"are the 21 Articles still in force" in English names the old text by its number of articles', () => {
    const { text } = composePolicyAnswer({ question: 'Are the Qiantang 21 Articles still in force?', lang: 'en', passages: [qt25_25, qt21_5], wantsOld: false, terms });
    expect(text.split('\n')[0]).toBe('No: 《钱塘人才21条》 was repealed on 2022-09-30 and replaced by 《人才新政25条》 [qt25-25].');
  });

  it('an English answer names the texts by their translated names and quotes the translated repeal, so it reads as English', () => {
    const en = (shortName: string, heading: string, text: string) => ({ title: shortName, shortName, heading, text });
    const translated25 = { ...qt25_25, en: en('25 New Talent Policies', 'Article 25 Supplementary Provisions', 'These policies take effect on 1 October 2022. The "21 Qiantang Talent Policies" (钱塘人才21条) are repealed at the same time.') } as Passage;
    const translated21 = { ...qt21_5, en: en('21 Qiantang Talent Policies', 'Article 5', 'Living allowance.') } as Passage;
    const { text } = composePolicyAnswer({ question: 'is the old 21 articles talent policy still valid?', lang: 'en', passages: [translated25, translated21], wantsOld: false, terms });
    const [first, basis] = text.split('\n\n');
    expect(first).toBe('No: 《21 Qiantang Talent Policies》 was repealed on 2022-09-30 and replaced by 《25 New Talent Policies》 [qt25-25].');
    expect(basis).toContain('“The "21 Qiantang Talent Policies" (钱塘人才21条) are repealed at the same time.”');
    const letters = text.match(/\p{L}/gu) ?? [];
    expect(letters.filter((c) => /[A-Za-z]/u.test(c)).length / letters.length).toBeGreaterThanOrEqual(0.7);
  });

  it('hearsay with a figure: the figure in force for the asked case first, then that the heard figure has no basis', () => {
    const q = '网上说本科租房补贴每年2万，是真的吗';
    expect(citesClaimedNotice(q)).toBe(true);
    const { text } = composePolicyAnswer({ question: q, lang: 'zh', passages: [qt25_6], wantsOld: false, terms });
    const lines = text.split('\n\n');
    expect(lines[0]).toContain('本科1万元');
    expect(lines[0]).not.toContain('2万');
    expect(lines[1]).toContain('无法核实');
  });

  it('a heard figure the superseded text states is said to be that text’s, with its key; the current figure comes first', () => {
    const q = '老同事说硕士租房补贴一年就1万，那是老政策吧？现在是多少';
    const { text, citations } = composePolicyAnswer({ question: q, lang: 'zh', passages: [qt25_6, qt21_6], wantsOld: false, terms });
    const lines = text.split('\n\n');
    expect(lines[0]).toContain('硕士2万元');
    expect(lines[1]).toContain('已废止');
    expect(lines[1]).toContain('[qt21-6]');
    expect(citations.map((c) => c.key)).toEqual(['qt25-6', 'qt21-6']);
  });

  it('a heard figure the answer itself states is confirmed, not doubted', () => {
    const { text } = composePolicyAnswer({ question: '听说硕士生活补贴是3万元，对吗', lang: 'zh', passages: [qt25_5], wantsOld: false, terms });
    expect(text.split('\n')[0]).toContain('硕士3万元');
    expect(text).not.toContain('无法核实');
  });

  it('a question without a claimed notice is not treated as one', () => {
    expect(citesClaimedNotice('硕士生活补贴是3万元吗')).toBe(false);
  });

  it('reads a piece one read or watched as a source of hearsay, and strips the whole source phrase', () => {
    expect(citesClaimedNotice('网上有篇文章说顶尖人才一人一议最高5000万，现在还是这个数吗')).toBe(true);
    expect(citesClaimedNotice('公众号推文里写硕士生活补贴5万，是真的吗')).toBe(true);
    expect(citesClaimedNotice('看到个视频讲博士租房补贴每年5万')).toBe(true);
    expect(citesClaimedNotice('An article said the PhD living allowance is 200,000 yuan. Is that right?')).toBe(true);
    // 网上 of the source is not where to apply.
    expect(withoutHearsay('网上有篇文章说顶尖人才最高5000万')).toBe('顶尖人才最高5000万');
    // A word that only begins like a source's verb (视频说明) is no hearsay.
    expect(citesClaimedNotice('申请要附视频说明吗，补贴3万')).toBe(false);
  });

  it('reads a figure someone claimed in English: "a friend said … 1.5 million. Is that right?"', () => {
    expect(citesClaimedNotice('A friend said the category E housing subsidy was raised to 1.5 million. Is that right?')).toBe(true);
    expect(citesClaimedNotice('Someone in a WeChat group said the PhD allowance was cut to 50,000 yuan.')).toBe(true);
    // A plain question with a figure, or a claim without one, is not a claimed notice.
    expect(citesClaimedNotice('Is the master living allowance RMB 30,000?')).toBe(false);
    expect(citesClaimedNotice('A friend said I can apply online. Is that right?')).toBe(false);
  });
});
