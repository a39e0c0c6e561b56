import { describe, expect, it } from 'vitest';
import { wantedUnits } from '../../../src/core/analysis/case-of.js';

describe('wantedUnits', () => {
  it('reads "多少平" as asking an area, not money', () => {
    expect(wantedUnits('场地最大给多少平', 'amount').test('500平方米')).toBe(true);
    expect(wantedUnits('几平的场地', 'amount').test('500平方米')).toBe(true);
  });
  it('keeps money for words that only contain 平', () => {
    expect(wantedUnits('平均给多少', 'amount').test('10万元')).toBe(true);
  });
});
