import { describe, expect, it } from 'vitest';
import { alignedSentences, englishPoint, inRunningText, outsideBrackets } from '../../../src/core/answer/compose-english.js';
import type { AnsweredPoint } from '../../../src/core/answer/answer-parts.js';
import type { Passage } from '../../../src/core/ports/knowledge-port.js';
import { qt25_5 } from '../../helpers/passages.js';

// Article 4 as the sample corpus has it, in both languages (paragraphs one for one).
const ZH_4 = [
  '对新引进的高层次人才给予安家补贴，标准为：A类人才800万元、B类人才400万元、C类人才300万元、D类人才200万元、E类人才100万元、区级高层次人才50万元。',
  '享受安家补贴的人才，应与区内用人单位签订3年以上劳动合同，且本人及配偶在杭州市区无自有住房。',
  '安家补贴分5年发放。人才在区内购买首套住房的，凭购房合同等材料经审核后，可一次性发放剩余部分的安家补贴。',
].join('\n');
const EN_4 = [
  'Newly introduced high-level talent receive a settling-in allowance (安家补贴) as follows: Category A talent RMB 8,000,000, Category B talent RMB 4,000,000, Category C talent RMB 3,000,000, Category D talent RMB 2,000,000, Category E talent RMB 1,000,000, and district-level high-level talent RMB 500,000.',
  'Talent receiving the settling-in allowance shall sign an employment contract of 3 years or more with an employer in the district, and neither they nor their spouse may own a home in the urban districts of Hangzhou.',
  'The settling-in allowance is paid over 5 years. Talent who buy their first home in the district may, after review on the basis of the purchase contract and other documents, receive the remaining part of the settling-in allowance in one lump sum.',
].join('\n');

const en = (heading: string, text: string) => ({ title: 'Several Policies', shortName: '25 New Talent Policies', heading, text });
const qt25_4 = { ...qt25_5, key: 'qt25-4', number: 4, heading: '第四条 高层次人才安家补贴', text: ZH_4, en: en('Article 4 Settling-in Allowance for High-level Talent', EN_4) } as Passage;

const point = (passage: Passage, direct: string, basis: string[] = [], list = false): AnsweredPoint => ({ passage, direct, basis, ...(list ? { list } : {}) });

describe('alignedSentences', () => {
  it('finds a Chinese sentence in the translation by its paragraph and place', () => {
    expect(alignedSentences(ZH_4, EN_4, ['安家补贴分5年发放。'])).toEqual(['The settling-in allowance is paid over 5 years.']);
    expect(alignedSentences(ZH_4, EN_4, ['人才在区内购买首套住房的，凭购房合同等材料经审核后，可一次性发放剩余部分的安家补贴'])[0]).toMatch(/^Talent who buy their first home/u);
  });

  it('takes the whole English paragraph when one Chinese sentence became two', () => {
    const zh = '生活补贴按本人最高学历计发，同一人只能享受一次，经审核公示后一次性发放至本人银行账户。';
    const english = 'The living allowance is calculated on the highest degree and may be received only once per person; after review and public notice it is paid in one lump sum.';
    expect(alignedSentences(zh, english, [zh])).toHaveLength(2);
  });

  it('gives nothing when the paragraphs do not correspond', () => {
    expect(alignedSentences(ZH_4, 'One paragraph only.', ['安家补贴分5年发放。'])).toEqual([]);
  });
});

describe('englishPoint', () => {
  it('answers a sentence the Chinese answer chose with its translation, not a sentence of another fact', () => {
    const p = englishPoint(point(qt25_4, '安家补贴分5年发放；人才在区内购买首套住房的，凭购房合同等材料经审核后，可一次性发放剩余部分的安家补贴'), 'Is the settlement allowance paid all at once?', 'payment');
    expect(p?.direct).toContain('paid over 5 years');
    expect(p?.direct).not.toContain('RMB 8,000,000');
  });

  it('keeps the subject of an amount whose case names come before it ("Category A, B or C talent")', () => {
    const zh = '认定类：由A、B、C类人才领衔的创业项目，经认定直接给予500万元资助。';
    const english = 'Recognition track: start-up projects led by Category A, B or C talent receive RMB 5,000,000 in funding directly upon recognition.';
    const p = { ...qt25_5, key: 'qt25-11', heading: '第十一条 人才创业项目', text: zh, en: en('Article 11 Talent Start-up Projects', english) } as Passage;
    const out = englishPoint(point(p, '人才创业项目：认定类500万元', [zh]), 'How much does a recognition-track project get?', 'amount');
    expect(out?.direct).toBe('Talent Start-up Projects: Recognition track: start-up projects led by Category A, B or C talent receive RMB 5,000,000 in funding directly upon recognition');
  });

  it('states a "respectively" list whole and once', () => {
    const zh = '对新建的国家级、省级、市级技能大师工作室，分别给予50万元、20万元、10万元资助。';
    const english = 'Newly established national, provincial and municipal skills master studios receive funding of RMB 500,000, RMB 200,000 and RMB 100,000 respectively.';
    const p = { ...qt25_5, key: 'qt25-14', heading: '第十四条 高技能人才', text: zh, en: en('Article 14 Highly Skilled Talent', english) } as Passage;
    const out = englishPoint(point(p, '高技能人才：国家级50万元，省级20万元，市级10万元', [zh]), 'skills master studio funding', 'amount');
    expect(out?.direct).toBe(`Highly Skilled Talent: ${english.replace(/\.$/u, '')}`);
    // One case asked is its own clause: the name and the amount at the same place in their lists.
    const one = englishPoint(point(p, '高技能人才：市级10万元', [zh]), 'How much for a municipal-level skills master studio?', 'amount');
    expect(one?.direct).toBe('Highly Skilled Talent: Newly established municipal skills master studios receive funding of RMB 100,000');
  });

  it('leaves a "respectively" list of longer names whole: it cannot be cut safely', () => {
    const zh = '对新引进的高级技师、技师，分别给予5万元、3万元一次性补贴。';
    const english = 'Newly introduced senior technicians and technicians receive a one-off allowance of RMB 50,000 and RMB 30,000 respectively.';
    const p = { ...qt25_5, key: 'qt25-14', heading: '第十四条 高技能人才', text: zh, en: en('Article 14 Highly Skilled Talent', english) } as Passage;
    const out = englishPoint(point(p, '高技能人才：技师3万元（一次性）', [zh]), 'How much does a technician get?', 'amount');
    expect(out?.direct).toBe(`Highly Skilled Talent: ${english.replace(/\.$/u, '')}`);
  });

  it('answers how it is paid with the sentences saying so, not the sentence naming the benefit', () => {
    const asked = point(qt25_4, '对新引进的高层次人才给予安家补贴，标准为：A类人才800万元、B类人才400万元、C类人才300万元、D类人才200万元、E类人才100万元、区级高层次人才50万元');
    const out = englishPoint(asked, 'Is the settlement allowance for high-level talent paid all at once?', 'payment');
    expect(out?.direct).toContain('paid over 5 years');
    expect(out?.direct).not.toContain('Category A');
  });

  it('says how a case figure spread over years is paid', () => {
    const asked = point(qt25_4, '高层次人才安家补贴：C类人才300万元（分5年发放）', [ZH_4.split('\n')[0] ?? '']);
    expect(englishPoint(asked, 'Is it paid in one go?', 'payment')?.direct).toBe('Settling-in Allowance for High-level Talent: Category C talent RMB 3,000,000 (paid over 5 years)');
  });

  it('sums up a list of documents in running text: common words in lower case, names kept', () => {
    const zh = '1. 钱塘人才卡。\n2. 户口簿或居住证。\n3. 护照。';
    const english = '1. Qiantang Talent Card.\n2. Household register (hukou book) or residence permit.\n3. Passport.';
    const p = { ...qt25_5, kind: 'guide', key: 'g09-3', heading: '三、申请材料', text: zh, en: { title: 'Guide', shortName: "Children's School Enrolment Guide", heading: '3. Documents Required', text: english } } as Passage;
    const out = englishPoint(point(p, '材料', [], true), 'What documents?', 'materials');
    expect(out?.direct).toBe("Children's School Enrolment – Documents Required: Qiantang Talent Card; household register (hukou book) or residence permit; passport");
  });

  it('answers "when can I apply" with the sentence saying after how long, over one sharing the benefit’s name', () => {
    const zh = '1. 申请人在区内缴纳社会保险满6个月。社会保险缴纳满6个月后方可提出申请。\n2. 生活补贴按本人最高学历计发，同一人只能享受一次。';
    const english = '1. The applicant has paid social insurance in the district for 6 full months. An application may be made only after 6 full months of social insurance payments.\n2. The living allowance is calculated on the applicant\'s highest degree and may be received only once per person.';
    const p = { ...qt25_5, kind: 'guide', key: 'g02-2', heading: '二、办理条件', text: zh, en: { title: 'Guide', shortName: 'Living Allowance Guide', heading: '2. Conditions', text: english } } as Passage;
    const out = englishPoint(point(p, '生活补贴办理条件：社会保险缴纳满6个月后方可提出申请'), 'When can I apply for the living allowance?', 'schedule');
    expect(out?.direct).toBe('Living Allowance – Conditions: An application may be made only after 6 full months of social insurance payments');
  });
});

describe('inRunningText', () => {
  it('lower-cases a common first word, keeps a name the text capitalises mid-sentence and an abbreviation', () => {
    const text = 'Submit the Qiantang Talent Card and a passport. Passport.';
    expect(inRunningText('Passport', text)).toBe('passport');
    expect(inRunningText('Qiantang Talent Card', text)).toBe('Qiantang Talent Card');
    expect(inRunningText('ID card', text)).toBe('ID card');
  });
});

describe('outsideBrackets', () => {
  it('does not split a clause at a comma inside an aside in brackets', () => {
    expect(outsideBrackets('Holders may live in talent rental housing (talent apartments, 人才公寓), with rent at 50%; masters pay 70%', /,\s+|;\s*/gu)).toEqual([
      'Holders may live in talent rental housing (talent apartments, 人才公寓)',
      'with rent at 50%',
      'masters pay 70%',
    ]);
  });
});
