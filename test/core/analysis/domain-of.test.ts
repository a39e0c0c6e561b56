import { describe, expect, it } from 'vitest';
import { readDomain, separateIn } from '../../../src/core/analysis/domain-of.js';
import { fakeVocabulary } from '../../helpers/domain-signal.js';

// A vocabulary as the corpus would give it: topic terms from headings, phrases its passages use.
const vocabulary = fakeVocabulary({
  topics: ['生活补贴', '租房', '租房补贴', '举才官', '举荐', '认定', '安家', '安家补贴', '人才公寓', '公寓', '外国', '国人', '外国人', '工作许可', 'foreigner', 'permit', 'rent'],
  used: ['个税', '护照', '身份证', 'passport'],
  articles: ['生活补贴', '租房补贴', '安家补贴', '人才公寓'],
});

describe('readDomain', () => {
  it.each([
    ['每个月工资超过多少才要交个人所得税', 'tax'],
    ['租房的话每个月能抵扣多少个税', 'tax'],
    ['离职以后公积金账户里的钱能全部取出来吗', 'housingFund'],
    ['户口迁到杭州以后，老家的宅基地还能保留吗', 'registration'],
    ['下沙的小学学区是怎么划分的？我们就是普通家庭，不是什么人才', 'schooling'],
    ['How do I get a Chinese driving licence as a foreigner?', 'transport'],
    ['结婚登记要带什么材料', 'civilAffairs'],
    ['房东不肯退押金怎么办', 'tenancy'],
    ['养狗要办狗证吗', 'pets'],
    ['How can a foreigner open a bank account in Hangzhou?', 'banking'],
    ['电动自行车上牌要带哪些材料', 'transport'],
    ['老人想办异地就医备案', 'socialInsurance'],
    ['公积金租房提取每个月能取多少', 'housingFund'],
    ['杭州社保缴费基数和比例是多少', 'socialInsurance'],
    ['个人所得税年度汇算怎么退税', 'tax'],
    ['杭州买房限购政策是什么', 'housingMarket'],
    ['最近上映的电影有哪些', 'leisure'],
    ['最近有什么股票值得买', 'investing'],
    ['帮我写一个python爬虫', 'coding'],
  ])('reads %s as the neighbouring domain %s', (question, neighbour) => {
    expect(readDomain(question, vocabulary)).toMatchObject({ domain: 'neighbour', neighbour });
  });

  it.each([
    '举才官举荐的人没有在区里交个税也能认定吗',
    '申请生活补贴要带身份证吗',
    'Do I need a passport for a work permit as a foreigner?',
    '硕士生活补贴能领多少',
    '人才公寓的房租能用公积金付吗',
    '社保交满6个月才能领生活补贴吗',
  ])('keeps %s: the corpus topics outweigh a neighbour word the corpus uses too', (question) => {
    expect(readDomain(question, vocabulary)).toEqual({ domain: 'policy' });
  });

  it.each([
    '你觉得杭州和成都哪个城市更适合年轻人生活',
    '你觉得硕士毕业以后是读博好还是直接工作好',
    "Is it better to join a big tech company or a startup after my master's?",
  ])('reads %s as a judgement the texts do not give', (question) => {
    expect(readDomain(question, vocabulary)).toEqual({ domain: 'opinion' });
  });

  it.each([
    '博士住人才公寓好还是领租房补贴好',
    'What should I do if my degree certificate is from abroad?',
  ])('keeps %s: a judgement that weighs a corpus topic, or a procedure asked with "should"', (question) => {
    expect(readDomain(question, vocabulary)).toEqual({ domain: 'policy' });
  });

  it('weighs only the asking clause: a neighbour named in the background does not decide', () => {
    // 个人所得税 is a word the corpus never uses, but it sits in the background of a long message.
    expect(readDomain('去年我在外地交了很多个人所得税，总算来了这边工作，想问一下，来区里以后硕士的生活补贴还能不能领', vocabulary)).toEqual({ domain: 'policy' });
    expect(readDomain('来区里以后硕士的生活补贴领了，交个人所得税吗', vocabulary)).toMatchObject({ domain: 'neighbour', neighbour: 'tax' });
  });

  it('breaks even evidence for the neighbour only when the corpus never uses its word', () => {
    expect(readDomain('外国人怎么考驾照', vocabulary)).toMatchObject({ domain: 'neighbour' });
    expect(readDomain('外国人要带护照吗', vocabulary)).toEqual({ domain: 'policy' });
  });

  it('reads another place asked about as elsewhere, and a place in passing as ours', () => {
    expect(readDomain('深圳新引进的博士能拿多少补贴', vocabulary)).toEqual({ domain: 'elsewhere', place: '深圳' });
    expect(readDomain('萧山区博士后出站留下来能给多少', vocabulary)).toEqual({ domain: 'elsewhere', place: '萧山' });
    expect(readDomain('在上海读的博士，毕业来这边能拿多少生活补贴', vocabulary)).toEqual({ domain: 'policy' });
    expect(readDomain('听说滨江的租房补贴比我们高，钱塘硕士租房补贴每年多少', vocabulary)).toEqual({ domain: 'policy' });
    expect(readDomain('老婆在上城区有套房，租房补贴还能领吗', vocabulary)).toEqual({ domain: 'policy' });
  });

  it('counts the topics a question names once each, however many corpus terms overlap in them', () => {
    // 外国人 holds 外国 and 国人: one topic against two words of travel.
    expect(readDomain('外国人来杭州旅游，签证可以停留多久', vocabulary)).toMatchObject({ domain: 'neighbour', neighbour: 'travel' });
    // Two topics apart still outweigh one word the corpus uses elsewhere.
    expect(readDomain('外国人申请人才公寓要带护照吗', vocabulary)).toEqual({ domain: 'policy' });
  });

  it('gives even evidence to the corpus when the question calls an article by its whole name', () => {
    // 门诊 is a word no passage uses; 安家补贴 names the article asked about, 外国人 only whom it concerns.
    expect(readDomain('区里医院坐门诊的医生，安家补贴多少', vocabulary)).toEqual({ domain: 'policy' });
    expect(readDomain('外国人去门诊要带什么', vocabulary)).toMatchObject({ domain: 'neighbour', neighbour: 'health' });
    // The name wins a tie only: two words of the neighbour outweigh it.
    expect(readDomain('安家补贴能用来门诊挂号吗', vocabulary)).toMatchObject({ domain: 'neighbour', neighbour: 'health' });
  });
});

describe('readDomain with what the corpus says under a topic', () => {
  const corpus = fakeVocabulary({
    topics: ['落户', '租房', '材料', '子女入学', '外国', '钱塘人才卡'],
    articles: ['子女入学', '钱塘人才卡'],
    used: ['身份证'],
    under: { 落户: ['户籍', '居住证'], 材料: ['工作许可'], 钱塘人才卡: ['交通出行'] },
    distinctive: ['统筹安排', '统筹', '外国高端人才'],
    meanings: { 派出所: ['落户'], 幼儿园: ['子女入学'], 签证: ['工作许可'], 公交: ['交通出行'] },
  });

  it('weighs nothing a neighbour word the passages of a named topic use', () => {
    // Three words of household registration the corpus uses: under 落户 two weigh nothing, elsewhere each weighs half.
    expect(readDomain('落户要交户籍证明、居住证和身份证吗', corpus)).toEqual({ domain: 'policy' });
    expect(readDomain('租房要交户籍证明、居住证和身份证吗', corpus)).toMatchObject({ domain: 'neighbour', neighbour: 'registration' });
  });

  it('weighs nothing a neighbour word the glossary reads as a named topic', () => {
    expect(readDomain('落户要去派出所办吗', corpus)).toEqual({ domain: 'policy' });
    expect(readDomain('租房要去派出所办吗', corpus)).toMatchObject({ domain: 'neighbour', neighbour: 'registration' });
    // With no topic named, the reading alone does not keep the question.
    expect(readDomain('派出所几点上班', corpus)).toMatchObject({ domain: 'neighbour', neighbour: 'registration' });
  });

  it('lets the retrieved passage vouch for a neighbour word when the question\'s rare words led to it', () => {
    const top = '第二十条 子女入学：由教育部门统筹安排就读幼儿园和义务教育学校。';
    expect(readDomain('孩子读幼儿园能统筹安排吗', corpus, top)).toEqual({ domain: 'policy' });
    // The passage says the word's reading (子女入学), not the word.
    expect(readDomain('孩子读幼儿园能统筹安排吗', corpus, '第二十条 子女入学：由教育部门统筹安排。')).toEqual({ domain: 'policy' });
    // Without the passage, or with one that says neither, the rare words are no evidence against the word.
    expect(readDomain('孩子读幼儿园能统筹安排吗', corpus)).toMatchObject({ domain: 'neighbour', neighbour: 'schooling' });
    expect(readDomain('孩子读幼儿园能统筹安排吗', corpus, '第十九条 人才卡：统筹安排服务。')).toMatchObject({ domain: 'neighbour', neighbour: 'schooling' });
  });

  it('does not count a rare word that only qualifies the neighbour\'s word', () => {
    const top = '第二十条 子女入学：A、B、C类人才子女统筹安排公办学校。';
    const withPublic = fakeVocabulary({ topics: [], distinctive: ['公办', '统筹安排'], meanings: { 幼儿园: ['子女入学'] } });
    // 公办幼儿园 is a kind of kindergarten: the passage does not speak for it.
    expect(readDomain('孩子明年上幼儿园，公办幼儿园怎么报名', withPublic, top)).toMatchObject({ domain: 'neighbour', neighbour: 'schooling' });
    expect(readDomain('孩子读幼儿园能统筹安排吗', withPublic, top)).toEqual({ domain: 'policy' });
  });

  it('lets the passage vouch for a question that names a talent class its article grants by', () => {
    const top = '第二十条 子女入学：A、B、C类人才子女统筹安排公办学校。';
    expect(readDomain('C类人才的小孩读幼儿园，区里会帮忙安排吗', corpus, top, { namesCase: true })).toEqual({ domain: 'policy' });
    expect(readDomain('C类人才的小孩读幼儿园，区里会帮忙安排吗', corpus, top)).toMatchObject({ domain: 'neighbour', neighbour: 'schooling' });
  });

  it('lets the passage vouch beside a named topic only when the question\'s rare words led to it', () => {
    // 材料 is a topic as loose as any; the passage speaking of 工作许可 (签证's reading) does not keep the visa question.
    expect(readDomain('美国签证要准备什么材料', corpus, '外国人工作许可申请材料：护照、工作许可证明。')).toMatchObject({ domain: 'neighbour', neighbour: 'travel' });
    // 外国高端人才 is one article's word: the passage it leads to grants the 工作许可 the visa is read as.
    expect(readDomain('外国高端人才的工作签证最长能给几年', corpus, '外国高端人才的工作许可有效期最长可给予5年。')).toEqual({ domain: 'policy' });
    expect(readDomain('外国高端人才的工作签证最长能给几年', corpus, '外国人工作许可申请材料：护照。')).toMatchObject({ domain: 'neighbour', neighbour: 'travel' });
  });

  it('weighs nothing a neighbour word whose reading completes the heading a named topic stands in', () => {
    const permit = fakeVocabulary({
      topics: ['外国人', '材料', '工作许可'],
      headings: ['外国人工作许可与居留办事指南', '申请材料'],
      meanings: { 签证: ['工作许可', '居留'], 出入境: ['居留'] },
    });
    // 外国人 + 签证 (工作许可) + 出入境 (居留) ask of the heading 外国人工作许可与居留.
    expect(readDomain('公司要招个外国人 工作签证这种事你们能答吗 还是只能去问出入境', permit)).toEqual({ domain: 'policy' });
    // 旅游 is no reading of anything: the tourist stays travel's.
    expect(readDomain('外国人来杭州旅游，签证可以停留多久', permit)).toMatchObject({ domain: 'neighbour', neighbour: 'travel' });
    // 材料 heads a section, not the permit: a visa's materials stay travel's.
    expect(readDomain('美国签证要准备什么材料', permit)).toMatchObject({ domain: 'neighbour', neighbour: 'travel' });
    // A reading that only lengthens the topic's own name (子女 → 子女入学) completes nothing.
    const schooling = fakeVocabulary({ topics: ['子女'], headings: ['子女入学'], meanings: { 幼儿园: ['子女入学'] } });
    expect(readDomain('子女读幼儿园有什么政策', schooling)).toMatchObject({ domain: 'neighbour', neighbour: 'schooling' });
  });

  it('weighs nothing a neighbour word the retrieved passage states inside the phrase the question says', () => {
    const materials = '外国人工作许可申请材料：护照、无犯罪记录证明、体检证明。';
    const plainVocabulary = fakeVocabulary({ topics: [], used: ['体检'] });
    expect(readDomain('体检证明还没出来能先交吗', plainVocabulary, materials)).toEqual({ domain: 'policy' });
    // The word alone, or in a phrase the passage does not say, is the doctor's.
    expect(readDomain('入职体检要空腹吗', plainVocabulary, materials)).toMatchObject({ domain: 'neighbour', neighbour: 'health' });
  });

  it('weighs nothing a neighbour word whose reading the passages of a named article use, and only an article', () => {
    // 地铁 is unknown to the corpus and weighs whole; 公交, read as the card's 交通出行, nothing.
    expect(readDomain('钱塘人才卡坐地铁和公交有什么服务', corpus)).toEqual({ domain: 'policy' });
    // The 材料 passages speak of 工作许可 too, but 材料 names no article: a visa is not read as a work permit there.
    expect(readDomain('美国签证要准备什么材料', corpus)).toMatchObject({ domain: 'neighbour', neighbour: 'travel' });
  });
});

describe('readDomain with the texts a question names and the cases their articles settle', () => {
  const corpus = fakeVocabulary({
    topics: ['安家补贴', '人才公寓', '生活补贴'],
    articles: ['安家补贴', '人才公寓', '生活补贴'],
    used: ['个税'],
    under: { 安家补贴: ['首套住房'], 生活补贴: ['银行卡'] },
    meanings: { 首套房: ['首套住房'], 开户: ['银行卡'] },
    names: ['人才认定', '安家补贴', '人才公寓', '生活补贴'],
  });

  it('counts a text the question calls by a name people use as a topic', () => {
    expect(readDomain('人才认定要提供社保缴费记录吗，个税记录要不要交', corpus)).toEqual({ domain: 'policy' });
    expect(readDomain('人才认定要提供社保缴费记录吗，个税记录要不要交', fakeVocabulary({ topics: [], used: ['个税'] }))).toMatchObject({ domain: 'neighbour', neighbour: 'tax' });
  });

  it('counts a case the named article sets a condition on', () => {
    expect(readDomain('D类人才用公积金贷款在钱塘买了首套房，安家补贴还要分5年发吗', corpus)).toEqual({ domain: 'policy' });
    // Without the first home the loan words outweigh the name.
    expect(readDomain('D类人才用公积金贷款，安家补贴还要分5年发吗', corpus)).toMatchObject({ domain: 'neighbour' });
    // Nor does the condition count where no article is named.
    expect(readDomain('公积金贷款买首套房最多能贷多少', corpus)).toMatchObject({ domain: 'neighbour' });
  });

  it('weighs nothing a neighbour word whose reading is what the named article asks for', () => {
    expect(readDomain('生活补贴要先去银行开户吗，钱发到哪里', corpus)).toEqual({ domain: 'policy' });
  });

  it('does not count a name that only says where the neighbour\'s thing is', () => {
    expect(readDomain('人才公寓附近的地铁站末班车是几点', corpus)).toMatchObject({ domain: 'neighbour', neighbour: 'transport' });
    expect(readDomain('人才公寓门口有地铁吗', corpus)).toMatchObject({ domain: 'neighbour', neighbour: 'transport' });
    expect(readDomain('人才公寓的房租能用公积金付吗', corpus)).toEqual({ domain: 'policy' });
  });
});

describe('separateIn', () => {
  it('counts the longest terms first and each character once', () => {
    expect(separateIn('外国人来杭州旅游', ['外国', '国人', '外国人'])).toEqual(['外国人']);
    expect(separateIn('安家补贴和租房补贴', ['安家', '安家补贴', '租房', '租房补贴'])).toEqual(['安家补贴', '租房补贴']);
    // A term overlapping one counted counts only where it stands apart.
    expect(separateIn('人才公寓补贴', ['人才公寓', '公寓补贴'])).toEqual(['人才公寓']);
    expect(separateIn('公寓补贴和人才公寓', ['人才公寓', '公寓补贴'])).toEqual(['人才公寓', '公寓补贴']);
    // A term said twice is one term.
    expect(separateIn('落户以后再落户', ['落户'])).toEqual(['落户']);
    expect(separateIn('落户', [])).toEqual([]);
  });
});
