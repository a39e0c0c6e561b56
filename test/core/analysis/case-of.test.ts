import { describe, expect, it } from 'vitest';
import { figuresAsked, wantedUnits } from '../../../src/core/analysis/case-of.js';
import { labelledFigures } from '../../../src/core/analysis/passage-structure.js';
import { terms } from '../../helpers/passages.js';

describe('wantedUnits', () => {
  it('reads "多少平" as asking an area, not money', () => {
    expect(wantedUnits('场地最大给多少平', 'amount').test('500平方米')).toBe(true);
    expect(wantedUnits('几平的场地', 'amount').test('500平方米')).toBe(true);
  });
  it('keeps money for words that only contain 平', () => {
    expect(wantedUnits('平均给多少', 'amount').test('10万元')).toBe(true);
  });
});

describe('figuresAsked of a comparison', () => {
  const text = '认定类：由A、B、C类人才领衔的创业项目，经认定直接给予500万元资助。\n评审类：其他高层次人才创业项目经评审分为一、二、三等，分别给予300万元、200万元、100万元资助。';
  const options = { units: /元$|万$|%$/u, terms };
  it('gives one figure for each case compared', () => {
    const asked = figuresAsked('评审类一等和认定类的创业项目资助差多少', labelledFigures(text), options);
    expect(asked.byCase).toBe(true);
    expect(asked.figures.map((f) => f.figure).sort()).toEqual(['300万元', '500万元']);
  });
  it('gives the one case asked when nothing is compared', () => {
    const asked = figuresAsked('评审类一等给多少', labelledFigures(text), options);
    expect(asked.figures.map((f) => f.figure)).toEqual(['300万元']);
  });
});
