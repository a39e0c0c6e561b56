import { describe, expect, it } from 'vitest';
import { speaksOfOwnMatter } from '../../../src/core/analysis/own-matter.js';

describe('speaksOfOwnMatter', () => {
  it.each([
    '我的生活补贴申请被打回来三次了，每次理由都不一样',
    '我填申请的时候把学历选成本科了，其实是硕士，现在怎么改',
    '人才认定结果出来了，我不认同这个分类，想申请重新评定',
    '公司人事说我的博士后补贴要等下一批才能发，能帮我确认下吗',
    '人才公寓我排队排了半年了，现在轮候到第几位了？',
    'I submitted my rent subsidy application in March and have heard nothing since.',
    // Leaving the district while instalments are being paid.
    '安家补贴领了两年我就离职去外地了，剩下的还发不发？',
    '我的安家补贴才发了两年，公司要把我调去外地分公司，后面的还发吗',
    '我的情况能不能帮我确认一下',
    // Without 的, and a payment that did not come.
    '我安家补贴第二年的钱没发 是不是被取消了',
    '我生活补贴今年没发，是不是停发了',
    // 要是 inside 主要是 supposes nothing.
    '主要是我的申请被退回了，现在怎么办',
  ])('reads %s as the writer\'s own matter', (text) => {
    expect(speaksOfOwnMatter(text)).toBe(true);
  });

  it.each([
    // The matter as theirs, nothing happened to it: a policy question.
    '我的生活补贴能拿多少',
    // Something happens to an application, nobody's in particular: the procedure.
    '申请被退回以后怎么办',
    // Hypothetical.
    '如果我的申请被驳回了，可以再申请吗',
    'What happens if my application is rejected?',
    // First person without a matter of theirs.
    '我申请生活补贴要什么材料',
    '我还能申请安家补贴吗，没发票行不行',
    // Without 的, nothing happened to it.
    '我安家补贴总共能拿多少钱',
    // 我 as the object of a verb, not the owner ("老板问我…").
    '他刚被认定为D类人才，现在老板问我安家补贴总共能拿多少钱',
    // A payment not made, asked in general.
    '安家补贴没发怎么办',
    // Leaving, asked in general or as a hypothetical.
    '安家补贴分几年发，中途离职了怎么办',
    '如果领了两年就离职去外地，剩下的还发吗',
    '要是我的申请被驳回了，还能再申请吗',
  ])('reads %s as a general question', (text) => {
    expect(speaksOfOwnMatter(text)).toBe(false);
  });
});
