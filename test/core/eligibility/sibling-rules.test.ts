import { describe, expect, it } from 'vitest';
import type { Rule } from '../../../src/core/eligibility/rule.js';
import { namedApart } from '../../../src/core/eligibility/sibling-rules.js';
import { engineAt, rules } from './fixture.js';

const base = rules[0] as Rule;
const rule = (id: string, key: string, benefit: string, triggers: string[]): Rule => ({ ...base, id, key, benefit, triggers });
const ids = (matched: readonly { id: string }[]) => matched.map((r) => r.id);

describe('namedApart', () => {
  const living = rule('living', 'a-13', '博士后生活补贴', ['博士后', '进站']);
  const stay = rule('stay', 'a-13', '博士后出站留区补贴', ['博士后', '出站']);
  const other = rule('other', 'a-4', '安家补贴', ['博士后']);

  it('drops a sibling of the same article named only through the word they share', () => {
    expect(ids(namedApart('博士后出站了有什么补贴', [stay, living]))).toEqual(['stay']);
    expect(ids(namedApart('博士后进站补贴', [living, stay]))).toEqual(['living']);
  });

  it('keeps siblings named alike or each by a word of its own, and rules of other articles', () => {
    expect(ids(namedApart('博士后有什么补贴', [living, stay]))).toEqual(['living', 'stay']);
    expect(ids(namedApart('博士后进站加出站一共多少', [living, stay]))).toEqual(['living', 'stay']);
    expect(ids(namedApart('博士后出站', [stay, other]))).toEqual(['stay', 'other']);
  });

  it('reads 博后 and 出站 on the product rules: the stay-on grant alone', () => {
    expect(ids(engineAt().rulesFor('博后出站留在钱塘 有一次性补贴吗 多少'))).toEqual(['postdoc-stay']);
    expect(ids(engineAt().rulesFor('博后有啥补贴'))).toEqual(['postdoc-living', 'postdoc-stay']);
  });
});
