import { describe, expect, it } from 'vitest';
import { caseItem } from '../../../src/core/answer/answer-parts.js';
import { terms } from '../../helpers/passages.js';

const hukou = '具有全日制本科学历且年龄在35周岁以下、全日制硕士学历且年龄在45周岁以下、全日制博士学历（不限年龄）的人才，在区内就业的，可直接落户。';

describe('caseItem', () => {
  it('keeps the item of a case-by-case condition that names the asked case, with what is said of every item', () => {
    expect(caseItem(hukou, '博士落户有年龄限制吗', terms, [])).toBe('全日制博士学历（不限年龄）的人才，在区内就业的，可直接落户');
    expect(caseItem(hukou, '硕士落户年龄有要求吗', terms, [])).toBe('全日制硕士学历且年龄在45周岁以下的人才，在区内就业的，可直接落户');
  });

  it('keeps the whole sentence when no single item names the case', () => {
    expect(caseItem(hukou, '落户有年龄限制吗', terms, [])).toBeUndefined();
    expect(caseItem('申请人在区内缴纳社会保险满6个月。', '博士要交满多久社保', terms, [])).toBeUndefined();
  });
});
