import { describe, expect, it } from 'vitest';
import { buildCorpusTerms } from '../../src/knowledge/corpus-terms.js';
import { makeChunk } from '../helpers/chunks.js';

const policy = (key: string, heading: string, text: string, status: 'current' | 'superseded' = 'current') =>
  makeChunk(key, { heading, text, shortName: status === 'current' ? '人才新政25条' : '钱塘人才21条', status });

const corpus = [
  policy('qt25-2', '第二条 适用对象与定义', '本政策所称新引进，是指2022年10月1日以后首次在区内就业的人才。'),
  policy('qt25-4', '第四条 高层次人才安家补贴', '对新引进的高层次人才给予安家补贴。'),
  policy('qt25-6', '第六条 租房补贴', '入住人才公寓（人才专项租赁住房）期间，不享受租房补贴。'),
  policy('qt25-7', '第七条 人才公寓', '博士可申请入住人才专项租赁住房（人才公寓）。'),
  policy('qt25-3', '第三条 顶尖人才', '对A类人才（顶尖人才）实行“一人一议”。'),
  policy('qt25-8', '第八条 钱塘举才官', '聘请院士担任“钱塘举才官”。'),
  policy('qt25-11', '第十一条 人才创业项目', '实行“认定+评审”分级资助。'),
  policy('qt25-12', '第十二条 人才创新项目', '经评审，最高给予200万元资助。'),
  policy('qt25-15', '第十五条 教育人才', '支持建设“钱塘名师工作室”；对新引进的特级教师，给予安家补贴50万元。'),
  policy('qt25-25', '第二十五条 附则', '《杭州钱塘新区关于加快集聚人才的若干政策》（“钱塘人才21条”）同时废止。'),
  policy('qt21-7', '第七条 人才公寓', 'E类以上人才可申请人才公寓。', 'superseded'),
  policy('qt21-20', '第二十条 人才活动', '每年举办一次“钱塘人才之夜”活动。', 'superseded'),
  makeChunk('g08-3', { kind: 'guide', docId: 'g08', shortName: '人才公寓申请指南', heading: '三、申请材料', number: 3, basis: ['qt25-7'], text: '身份证。' }),
];

const terms = buildCorpusTerms(corpus, { 'qt25-8': ['院士推荐'] });
const named = (q: string, added: string[] = [], definition = false) => Object.fromEntries(terms.named(q, added, definition).strength);

describe('buildCorpusTerms', () => {
  it('reads an end of a longer name that is itself another text\'s name as that text only', () => {
    const own = buildCorpusTerms([
      policy('qt25-9', '第九条 海外人才服务', '推行“海外人才安居乐业一件事”。'),
      policy('qt25-23', '第二十三条 集成办理', '深化“人才安居乐业一件事”改革。'),
      policy('qt25-19', '第十九条 钱塘人才卡', '为人才发放钱塘人才卡。'),
      makeChunk('g05-1', { kind: 'guide', docId: 'g05', shortName: '人才卡申领指南', heading: '一、适用对象', number: 1, basis: ['qt25-19'], text: '认定人才。' }),
    ]);
    const strength = (q: string) => Object.fromEntries(own.named(q, [], false).strength);
    expect(strength('人才安居乐业一件事能线上办吗')).toEqual({ 'qt25-23': 1 });
    expect(strength('海外人才安居乐业一件事在哪办')['qt25-9']).toBe(1);
    // 人才卡 (the guide's subject) names texts 钱塘人才卡 names too: the short form still counts.
    expect(strength('人才卡发金卡还是银卡')).toMatchObject({ 'qt25-19': 1, 'g05-1': 1 });
  });

  it('names an article by its heading topic, and the guide implementing it by the same name', () => {
    expect(named('人才公寓租金怎么算')).toMatchObject({ 'qt25-7': 1, 'qt21-7': 1, 'g08-3': 1 });
    expect(named('人才公寓租金怎么算')['qt25-6']).toBeUndefined();
  });

  it('reads the name in brackets after a topic as another name of that article, not of the article it is written in', () => {
    const n = named('人才专项租赁住房的租金');
    expect(n['qt25-7']).toBe(1);
    expect(n['qt25-6']).toBeUndefined();
  });

  it('does not take a class label in brackets (A类人才) as a name of the article', () => {
    expect(named('A类人才安家补贴')['qt25-3']).toBeUndefined();
  });

  it('names every article that gives a benefit by the benefit name written in its text', () => {
    expect(named('特级教师安家补贴多少')).toMatchObject({ 'qt25-4': 1, 'qt25-15': 1 });
  });

  it('reads coined names in quotes, also said without the place name in front', () => {
    expect(named('举才官是谁')['qt25-8']).toBe(1);
    expect(named('一人一议怎么谈')['qt25-3']).toBe(1);
    // "工作室" leaves off the name's own words (名师), not only a place name.
    expect(named('技能大师工作室资助')['qt25-15']).toBeUndefined();
  });

  it('does not treat plain words in quotes ("认定+评审") or document names as names of an article', () => {
    expect(named('人才认定要多久')['qt25-11']).toBeUndefined();
    expect(named('钱塘人才21条的租房补贴')['qt25-25']).toBeUndefined();
  });

  it('drops a name the person rules out and a name inside a longer one', () => {
    const n = named('人才创新项目（不是人才创业项目）资助多少');
    expect(n['qt25-12']).toBe(1);
    expect(n['qt25-11']).toBeUndefined();
  });

  it('counts a defined term only when the question asks for a definition, and then above any other name', () => {
    expect(named('新引进的博士补贴')['qt25-2']).toBeUndefined();
    expect(terms.named('新引进的博士补贴', [], false).defining.size).toBe(0);
    expect(named('什么是新引进', [], true)['qt25-2']).toBe(2);
    expect([...terms.named('我还算新引进吗', [], true).defining]).toEqual(['qt25-2']);
  });

  it('takes the translation\'s words for a defined term as its English name', () => {
    const en = { title: 'Policies', heading: 'Article 2 Scope and Definitions', text: '"Newly introduced" (新引进) in these policies means talent employed in the district for the first time.' };
    const withEnglish = buildCorpusTerms([policy('qt25-2', '第二条 适用对象与定义', '本政策所称新引进，是指首次在区内就业的人才。'), policy('qt25-4', '第四条 安家补贴', '对新引进人才给予安家补贴。')].map((c) => (c.key === 'qt25-2' ? { ...c, en } : c)));
    expect(Object.fromEntries(withEnglish.named("What does 'newly introduced' mean?", [], true).strength)).toEqual({ 'qt25-2': 2 });
    expect(withEnglish.named('newly introduced talent subsidy', [], false).strength.size).toBe(0);
  });

  it('weighs a name only the glossary added at half, and takes the glossary names of a text', () => {
    expect(named('宿舍怎么申请', ['人才公寓'])['qt25-7']).toBe(0.5);
    expect(named('院士推荐的人才')['qt25-8']).toBe(1);
  });

  it('knows which names the superseded texts never use', () => {
    const said = terms.named('21条里有没有举才官', [], false).said;
    expect(said.map((t) => [t.term, t.inSuperseded])).toEqual([['钱塘举才官', false]]);
    expect(terms.named('21条的人才公寓', [], false).said.every((t) => t.inSuperseded)).toBe(true);
  });

  it('knows which names only the superseded texts use', () => {
    const [night] = terms.named('钱塘人才之夜是哪个政策里的', [], false).said;
    expect([night?.term, night?.inCurrent, night?.inSuperseded]).toEqual(['钱塘人才之夜', false, true]);
    expect(terms.named('人才公寓怎么申请', [], false).said.every((t) => t.inCurrent)).toBe(true);
  });
});

describe('the corpus names in seeds/glossary.yaml', () => {
  it('name only keys and guides the corpus has', async () => {
    const { loadGlossary } = await import('../../src/knowledge/glossary.js');
    const { readdir, readFile } = await import('node:fs/promises');
    const g = await loadGlossary('seeds/glossary.yaml');
    const qt25 = await readFile('policies/qt25.md', 'utf8');
    const articles = (qt25.match(/^### 第/gmu) ?? []).length;
    const guides = (await readdir('policies/guides')).map((f) => f.replace(/\.md$/u, ''));
    for (const key of Object.keys(g.names)) {
      const article = /^qt25-(\d+)$/u.exec(key);
      expect(article ? Number(article[1]) <= articles : guides.includes(key), key).toBe(true);
    }
  });

  it('finds a name in the texts of the other generation, in its heading or its body', () => {
    const own = buildCorpusTerms([
      policy('qt25-30', '第三十条 青年驿站', '提供免费住宿。'),
      policy('qt21-30', '第三十条 住宿', '在青年驿站住宿不超过7天。', 'superseded'),
      policy('qt25-31', '第三十一条 人才码', '凭人才码办理。'),
      policy('qt21-31', '第三十一条 人才码服务', '办理。', 'superseded'),
      policy('qt25-32', '第三十二条 创业大赛', '举办大赛。'),
    ]);
    const of = (term: string) => own.terms.find((t) => t.term === term);
    expect([of('青年驿站')?.inCurrent, of('青年驿站')?.inSuperseded]).toEqual([true, true]);
    expect([of('人才码')?.inCurrent, of('人才码')?.inSuperseded]).toEqual([true, true]);
    expect([of('创业大赛')?.inCurrent, of('创业大赛')?.inSuperseded]).toEqual([true, false]);
  });
});
