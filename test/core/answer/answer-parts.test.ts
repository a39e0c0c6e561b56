import { describe, expect, it } from 'vitest';
import { caseItem, figureClause, namedItem } from '../../../src/core/answer/answer-parts.js';
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

describe('figureClause', () => {
  it('keeps the one clause of a long sentence that carries the figure in the asked unit', () => {
    const rent = '对新引进的青年大学生，在区内租房居住且本人及配偶在杭州市区无自有住房的，给予租房补贴：本科每年1万元、硕士每年2万元、博士每年3万元，最长享受3年。';
    expect(figureClause(rent, /年$/u)).toBe('最长享受3年');
    // Money is in one clause with three figures: not narrowed by a time unit it does not carry.
    expect(figureClause(rent, /平方米$/u)).toBeUndefined();
    expect(figureClause('最长享受3年。', /年$/u)).toBeUndefined();
  });
});

describe('namedItem', () => {
  const steps = ['申领：认定后线上申领', '审核制卡：钱塘区人才服务中心核对认定信息后制卡', '遗失补办：人才卡遗失的，申请人在线提交补办申请，按上述流程重新制卡'];
  it('keeps the one step a word of the question names', () => {
    expect(namedItem(steps, '人才卡丢了怎么补办', terms, '四、办理流程 人才卡')).toBe(steps[2]);
  });
  it('keeps none when the question asks the procedure as a whole', () => {
    expect(namedItem(steps, '人才卡怎么申请', terms, '四、办理流程 人才卡')).toBeUndefined();
  });
});
