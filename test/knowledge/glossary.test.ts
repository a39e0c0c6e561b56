import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.js';
import { createGlossary, loadGlossary } from '../../src/knowledge/glossary.js';

describe('createGlossary', () => {
  const glossary = createGlossary({
    zh: { 补助: ['补贴'], 落护: ['落户'], 租房: ['租房补贴'], 多少钱: ['补贴'] },
    en: { rent: ['租房补贴'], phd: ['博士'], 'talent card': ['钱塘人才卡'] },
  });

  it('adds the policy terms of a Chinese key found anywhere in the question', () => {
    const { text, added } = glossary.expand('我想问租房补助有多少');
    expect(added).toEqual(expect.arrayContaining(['补贴', '租房补贴']));
    expect(added).toHaveLength(2);
    expect(text.startsWith('我想问租房补助有多少 ')).toBe(true);
    for (const term of added) expect(text).toContain(term);
  });

  it('does not fire a key found only inside a longer key', () => {
    const g = createGlossary({ zh: { 房补: ['租房补贴'], 买房补贴: ['安家补贴'] } });
    expect(g.expand('买房补贴有多少').added).toEqual(['安家补贴']);
    expect(g.expand('房补有多少').added).toEqual(['租房补贴']);
  });

  it('adds a term once even when several keys imply it', () => {
    expect(glossary.expand('补助多少钱').added).toEqual(['补贴']);
  });

  it('matches keys after traditional → simplified and full-width normalisation', () => {
    expect(glossary.expand('落護要什麼材料').added).toEqual(['落户']);
    expect(glossary.expand('ＰｈＤ').added).toEqual(['博士']);
  });

  it('matches English keys as whole words only', () => {
    expect(glossary.expand('How much rent can I get back?').added).toEqual(['租房补贴']);
    expect(glossary.expand('Rent?').added).toEqual(['租房补贴']);
    expect(glossary.expand('My parent is a researcher').added).toEqual([]);
    expect(glossary.expand('Is it current?').added).toEqual([]);
    expect(glossary.expand('rental apartment').added).toEqual([]);
    expect(glossary.expand('How do I get a talent card').added).toEqual(['钱塘人才卡']);
  });

  it('does not add a term the question already contains', () => {
    expect(glossary.expand('租房补贴怎么申请')).toEqual({ text: '租房补贴怎么申请', added: [] });
    expect(glossary.expand('补助和补贴一样吗').added).toEqual([]);
  });

  it('returns the question unchanged when nothing matches', () => {
    expect(glossary.expand('明天杭州天气怎么样')).toEqual({ text: '明天杭州天气怎么样', added: [] });
  });

  it('lists its terms once each and counts its entries', () => {
    expect([...glossary.terms].sort()).toEqual(['博士', '租房补贴', '落户', '补贴', '钱塘人才卡'].sort());
    expect(glossary.size).toBe(7);
  });
});

describe('loadGlossary', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'qxz-glossary-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const write = async (name: string, text: string): Promise<string> => {
    const file = path.join(dir, name);
    await writeFile(file, text);
    return file;
  };

  it('loads a valid file', async () => {
    const g = await loadGlossary(await write('ok.yaml', 'zh:\n  补助: [补贴]\nen:\n  rent: [租房补贴]\n'));
    expect(g.size).toBe(2);
    expect(g.expand('pay rent').added).toEqual(['租房补贴']);
  });

  it('loads the names people use for a text, apart from the expansion', async () => {
    const g = await loadGlossary(await write('names.yaml', 'zh:\n  补助: [补贴]\nnames:\n  qt25-17: [返乡创业, 回村创业]\n'));
    expect(g.names).toEqual({ 'qt25-17': ['返乡创业', '回村创业'] });
    expect(g.expand('回村创业').added).toEqual([]);
  });

  it('accepts an empty file as an empty glossary', async () => {
    const g = await loadGlossary(await write('empty.yaml', ''));
    expect(g.size).toBe(0);
    expect(g.expand('补助')).toEqual({ text: '补助', added: [] });
  });

  it('rejects malformed YAML with an AppError naming the file', async () => {
    const file = await write('bad.yaml', 'zh:\n  补助: [补贴\n  : : :\n');
    const err = await loadGlossary(file).catch((e: unknown) => e);
    expect(AppError.isInstance(err)).toBe(true);
    expect((err as AppError).code).toBe('glossary_unreadable');
    expect((err as AppError).message).toContain(file);
  });

  it('rejects a file of the wrong shape with code glossary_invalid', async () => {
    const file = await write('shape.yaml', 'zh:\n  - 补助\n  - 补贴\n');
    const err = await loadGlossary(file).catch((e: unknown) => e);
    expect(AppError.isInstance(err)).toBe(true);
    expect((err as AppError).code).toBe('glossary_invalid');
    expect((err as AppError).message).toContain(file);
  });

  it('rejects an entry whose value is not a list of terms', async () => {
    const err = await loadGlossary(await write('value.yaml', 'zh:\n  补助: 补贴\n')).catch((e: unknown) => e);
    expect((err as AppError).code).toBe('glossary_invalid');
  });

  it('reports a missing file as unreadable', async () => {
    const err = await loadGlossary(path.join(dir, 'missing.yaml')).catch((e: unknown) => e);
    expect((err as AppError).code).toBe('glossary_unreadable');
  });

  it('loads the shipped seeds/glossary.yaml', async () => {
    const g = await loadGlossary(path.resolve('seeds/glossary.yaml'));
    expect(g.size).toBeGreaterThan(10);
    expect(g.expand('租房补助').added).toContain('补贴');
  });

  it('reads an English housing, settlement or relocation allowance as the settling-in allowance, not the rent subsidy', async () => {
    const g = await loadGlossary(path.resolve('seeds/glossary.yaml'));
    for (const q of ['What is the housing subsidy for category E?', "What's the settling-in (housing) subsidy?", 'relocation bonus for category D', 'settlement allowance']) {
      expect(g.expand(q).added, q).toContain('安家补贴');
      expect(g.expand(q).added, q).not.toContain('租房补贴');
    }
    expect(g.expand('rent subsidy for a master').added).toContain('租房补贴');
  });

  it('reads handing in before the papers are complete as the guides\' 容缺受理', async () => {
    const g = await loadGlossary(path.resolve('seeds/glossary.yaml'));
    for (const q of ['体检证明还没出来能先交吗', '证明没开出来可以先交吗', '材料不齐怎么办']) expect(g.expand(q).added, q).toContain('容缺受理');
    // Submitting an application first is no missing paper.
    expect(g.expand('先提交申请还是先交社保').added).not.toContain('容缺受理');
  });
});
