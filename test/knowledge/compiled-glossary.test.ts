import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createGlossary } from '../../src/knowledge/glossary.js';
import { normalizeForSearch } from '../../src/knowledge/text-normalize.js';

type Entries = { zh?: Record<string, string[]>; en?: Record<string, string[]> };

/**
 * Expansion as the glossary defines it, entry by entry: a Chinese key anywhere in the normalised
 * question except inside a longer Chinese key found there, an English key as a whole word (no letter a–z on either side), values in entry order
 * (Chinese entries first), a value already in the question left out.
 */
function referenceOf(entries: Entries): (question: string) => { text: string; added: string[] } {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
  const zh = Object.entries(entries.zh ?? {}).map(([k, values]) => ({ key: normalizeForSearch(k), values }));
  const en = Object.entries(entries.en ?? {}).map(([k, values]) => ({ re: new RegExp(`(^|[^a-z])${escape(normalizeForSearch(k))}($|[^a-z])`, 'u'), values }));
  return (question) => {
    const q = normalizeForSearch(question);
    const added = new Set<string>();
    const places = (key: string): number[] => [...q.matchAll(new RegExp(escape(key), 'gu'))].map((m) => m.index);
    const longer = zh.filter(({ key }) => key !== '').flatMap(({ key }) => places(key).map((at) => ({ at, key })));
    const inLonger = (key: string, at: number): boolean => longer.some((w) => w.key.length > key.length && w.at <= at && at + key.length <= w.at + w.key.length);
    for (const { key, values } of zh) if (key !== '' && places(key).some((at) => !inLonger(key, at))) values.forEach((v) => added.add(v));
    for (const { re, values } of en) if (re.test(q)) values.forEach((v) => added.add(v));
    for (const v of [...added]) if (q.includes(normalizeForSearch(v))) added.delete(v);
    const list = [...added];
    return { text: list.length > 0 ? `${question} ${list.join(' ')}` : question, added: list };
  };
}

const reference = (entries: Entries, question: string) => referenceOf(entries)(question);

const shipped = parse(await readFile(path.resolve('seeds/glossary.yaml'), 'utf8')) as Entries;
const shippedReference = referenceOf(shipped);

describe('the compiled glossary', () => {
  const glossary = createGlossary(shipped);
  const chinese = ['博士来钱塘工作能拿多少生活补贴？', '租房补助怎么申请', '落護要什麼材料', '我2021年入职的时候可以申请人才公寓吗', '明天杭州天气怎么样', '２５条和２１条有什么区别'];
  const english = ['How much is the rent subsidy for a PhD graduate?', 'My parent is a researcher', 'Is it current?', 'Can I get a talent card', 'what are the 21 measures', 'RENT!'];
  const mixed = ['PhD 能拿多少生活补贴', '我是博士，rent subsidy 怎么申请', '人才卡 talent card 在哪里办', 'C类人才购房补贴', 'ＰｈＤ住房'];

  it('expands every question as the entries define, in Chinese, English and mixed wording', () => {
    const questions = [...chinese, ...english, ...mixed];
    for (const q of questions) expect(glossary.expand(q), q).toEqual(shippedReference(q));
    // The list exercises both languages' entries.
    expect(questions.filter((q) => glossary.expand(q).added.length > 0).length).toBeGreaterThan(questions.length / 2);
    expect(english.some((q) => glossary.expand(q).added.length > 0)).toBe(true);
  });

  it('expands every key of the shipped glossary, alone and inside other words, as the entries define', () => {
    for (const lang of ['zh', 'en'] as const) {
      for (const key of Object.keys(shipped[lang] ?? {})) {
        for (const q of [key, `x${key}`, `${key}s`, `the ${key} please`, `我想问${key}`, key.toUpperCase()]) expect(glossary.expand(q), q).toEqual(shippedReference(q));
      }
    }
  });

  it('applies no English entry with a Latin key to a question without a Latin letter', () => {
    const en: Record<string, string[]> = { rent: ['租房补贴'], phd: ['博士'], '21 measures': ['钱塘人才21条'] };
    const both = createGlossary({ zh: { 补助: ['补贴'] }, en });
    const zhOnly = createGlossary({ zh: { 补助: ['补贴'] } });
    for (const q of chinese) expect(both.expand(q), q).toEqual(zhOnly.expand(q));
    expect(both.expand('phd 补助').added).toEqual(['补贴', '博士']);
  });

  it('still applies an English entry whose key has no Latin letter', () => {
    const g = createGlossary({ en: { '25': ['人才新政25条'] } });
    expect(g.expand('２５条').added).toEqual(['人才新政25条']);
    // Digits do not join an English word: "25" occurs in "250" as it always did.
    expect(g.expand('第250条')).toEqual(reference({ en: { '25': ['人才新政25条'] } }, '第250条'));
  });

  it('adds terms in entry order whichever key occurs first in the question', () => {
    const entries = { zh: { 租房: ['租房补贴'], 博士: ['博士学位'] }, en: { rent: ['租房补贴'], talent: ['人才'], card: ['人才卡'] } };
    const g = createGlossary(entries);
    expect(g.expand('博士租房').added).toEqual(['租房补贴', '博士学位']);
    expect(g.expand('card talent').added).toEqual(['人才', '人才卡']);
    for (const q of ['博士租房', 'card talent', 'rent card 博士']) expect(g.expand(q)).toEqual(reference(entries, q));
  });
});
