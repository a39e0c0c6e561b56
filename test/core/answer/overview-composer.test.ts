import { describe, expect, it } from 'vitest';
import { composeOverview } from '../../../src/core/answer/overview-composer.js';
import { g02_3 } from '../../helpers/passages.js';

const passageOf = (key: string) => ({ ...g02_3, key });

describe('composeOverview', () => {
  const benefits = [
    { key: 'qt25-13', benefit: '博士后生活补贴', benefitEn: 'postdoc living allowance' },
    { key: 'qt25-13', benefit: '博士后出站留区补贴', benefitEn: 'postdoc stay-on grant' },
    { key: 'qt25-6', benefit: '租房补贴' },
  ];

  it('lists one line per article, its benefits together, and cites each article once', () => {
    const c = composeOverview(benefits, passageOf, 'zh');
    expect(c.text).toContain('- 博士后生活补贴、博士后出站留区补贴 [qt25-13]');
    expect(c.text).toContain('- 租房补贴 [qt25-6]');
    expect(c.citations.map((x) => x.key)).toEqual(['qt25-13', 'qt25-6']);
  });

  it('names the benefits in English where the rules give the English name', () => {
    const c = composeOverview(benefits, passageOf, 'en');
    expect(c.text).toContain('- postdoc living allowance; postdoc stay-on grant [qt25-13]');
    expect(c.text).toContain('- 租房补贴 [qt25-6]');
    expect(c.text).toContain('degree');
  });
});
