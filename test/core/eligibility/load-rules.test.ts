import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRules } from '../../../src/core/eligibility/rule-schema.js';
import { AppError } from '../../../src/core/errors.js';
import { loadRules } from '../../../src/knowledge/load-rules.js';
import { useTempDirs } from '../../helpers/temp-dir.js';
import { RULES_DIR, rules } from './fixture.js';

const GOOD = `
- id: sample
  benefit: 示例补贴
  key: qt25-5
  triggers: [示例]
  conditions:
    - fact: age
      op: lte
      value: 35
      requirement: 35周岁以下
      reason: 超过35周岁
  amount: { by: degree, table: { bachelor: 1万元 } }
  payment: 一次性发放
`;

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    if (AppError.isInstance(err)) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}

describe('loadRules', () => {
  const tempDir = useTempDirs();

  it('loads the product rules: every article the engine covers', () => {
    expect(rules.map((r) => `${r.id} ${r.key}`)).toEqual([
      'housing-settlement qt25-4',
      'living-subsidy qt25-5',
      'rent-subsidy qt25-6',
      'talent-apartment qt25-7',
      'scout-recommendation qt25-8',
      'postdoc-living qt25-13',
      'postdoc-stay qt25-13',
      'phd-enterprise qt25-10',
      'skilled-worker qt25-14',
      'worker-education qt25-18',
      'education-teacher qt25-15',
      'health-talent qt25-16',
      'hukou qt25-22',
    ]);
  });

  it('loads a single file too', async () => {
    expect(await loadRules(path.join(RULES_DIR, 'qt25.yaml'))).toHaveLength(rules.length);
  });

  it.each([
    ['an unknown fact', GOOD.replace('fact: age', 'fact: agee'), 'conditions[0].fact', 'unknown fact "agee"'],
    ['a missing requirement', GOOD.replace('      requirement: 35周岁以下\n', ''), 'conditions[0].requirement', ''],
    ['a misspelt field', GOOD.replace('requirement:', 'requirment:'), 'conditions[0]', 'requirment'],
    ['an operator the fact cannot take', GOOD.replace('fact: age\n      op: lte', 'fact: degree\n      op: lte'), 'conditions[0].op', 'lte'],
    ['a value outside the enum', GOOD.replace('fact: age\n      op: lte\n      value: 35', 'fact: degree\n      op: in\n      value: [bachelor, masters]'), 'conditions[0].value', 'masters'],
    ['a date operator on a number', GOOD.replace('op: lte', 'op: since'), 'conditions[0].op', 'month'],
    ['an amount table keyed by an unknown value', GOOD.replace('bachelor: 1万元', 'doctor: 10万元'), 'amount.table.doctor', 'doctor'],
    ['an amount of the wrong shape', GOOD.replace('{ by: degree, table: { bachelor: 1万元 } }', '{ by: degree, table: { bachelor: 3 } }'), 'amount.table.bachelor', ''],
    ['a bad citation key', GOOD.replace('key: qt25-5', 'key: article five'), '[0].key', 'citation key'],
    ['no triggers', GOOD.replace('triggers: [示例]', 'triggers: []'), '[0].triggers', 'trigger'],
  ])('rejects %s, naming the file and the field', async (_what, yaml, field, words) => {
    const dir = await tempDir({ 'bad.yaml': yaml });
    const err = await rejection(loadRules(dir));
    expect(err.code).toBe('rules_invalid');
    expect(err.message).toContain(path.join(dir, 'bad.yaml'));
    expect(err.message).toContain(field);
    expect(err.message).toContain(words);
    if (!field.startsWith('[0]')) expect(err.message).toContain('rule "sample"');
  });

  it('rejects YAML that does not parse, naming the file', async () => {
    const dir = await tempDir({ 'broken.yaml': '- id: [unclosed\n' });
    const err = await rejection(loadRules(dir));
    expect(err.code).toBe('rules_invalid');
    expect(err.message).toMatch(/broken\.yaml: not valid YAML/u);
  });

  it('rejects a file that is not a list of rules', async () => {
    const dir = await tempDir({ 'map.yaml': 'id: sample\n' });
    expect((await rejection(loadRules(dir))).message).toContain('map.yaml: (top level)');
  });

  it('rejects the same id in two files, naming both', async () => {
    const dir = await tempDir({ 'a.yaml': GOOD, 'b.yaml': GOOD });
    const err = await rejection(loadRules(dir));
    expect(err.message).toContain('b.yaml');
    expect(err.message).toContain('a.yaml');
    expect(err.message).toContain('duplicate');
  });

  it('skips drafts and reports a missing path as unreadable', async () => {
    const dir = await tempDir({ 'a.yaml': GOOD, '_draft.yaml': 'not: [valid' });
    expect((await loadRules(dir)).map((r) => r.id)).toEqual(['sample']);
    expect((await rejection(loadRules(path.join(dir, 'nope')))).code).toBe('rules_unreadable');
  });
});

describe('parseRules (no file system)', () => {
  it('validates parsed data and accepts either kind of condition', () => {
    const parsed = parseRules(
      [
        {
          id: 'x',
          benefit: '示例',
          key: 'qt25-7',
          triggers: ['x'],
          conditions: [{ any: [{ fact: 'degree', op: 'in', value: ['phd'] }, { fact: 'category', op: 'eq', value: 'E' }], requirement: 'r', reason: 'n' }],
          amount: '50%',
          payment: 'p',
        },
      ],
      'inline',
    );
    expect(parsed[0]?.notes).toEqual([]);
  });

  it('rejects a condition with neither fact nor any', () => {
    expect(() => parseRules([{ id: 'x', benefit: 'b', key: 'qt25-7', triggers: ['x'], conditions: [{ requirement: 'r', reason: 'n' }], amount: 'a', payment: 'p' }], 'inline')).toThrow(
      /inline: rule "x" \[0\]\.conditions\[0\]\.fact/u,
    );
  });

  it('takes an English text amount, and refuses one on a table (its figures are translated)', () => {
    const base = { id: 'x', benefit: 'b', key: 'qt25-22', triggers: ['x'], conditions: [], payment: 'p' };
    expect(parseRules([{ ...base, amount: '可直接落户', amountEn: 'direct household registration' }], 'inline')[0]?.amountEn).toBe('direct household registration');
    expect(() => parseRules([{ ...base, amount: { by: 'degree', table: { master: '3万元' } }, amountEn: 'x' }], 'inline')).toThrow(/inline: rule "x" \[0\]\.amountEn: amountEn is for a text amount only/u);
  });
});
