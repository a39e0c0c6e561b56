import { describe, expect, it } from 'vitest';
import { readAnswer } from '../../../src/core/eligibility/read-answer.js';

const today = { year: 2026, month: 11 };

describe('readAnswer (a bare reply to the question just asked)', () => {
  it('a number answers a number fact', () => {
    expect(readAnswer('28', 'age', today)).toEqual({ age: 28 });
    expect(readAnswer('二十八岁', 'age', today)).toEqual({ age: 28 });
    expect(readAnswer('8个月', 'insuranceMonths', today)).toEqual({ insuranceMonths: 8 });
    expect(readAnswer('一年', 'insuranceMonths', today)).toEqual({ insuranceMonths: 12 });
    expect(readAnswer('5年', 'contractYears', today)).toEqual({ contractYears: 5 });
  });

  it('yes and no answer a yes/no fact', () => {
    expect(readAnswer('没有', 'ownsHome', today)).toEqual({ ownsHome: false });
    expect(readAnswer('有', 'ownsHome', today)).toEqual({ ownsHome: true });
    expect(readAnswer('是的', 'fullTime', today)).toEqual({ fullTime: true });
    expect(readAnswer('No', 'inTalentApartment', today)).toEqual({ inTalentApartment: false });
  });

  it('a bare date answers a month fact; a year alone only where the extractors have a convention', () => {
    expect(readAnswer('2023年7月', 'graduated', today)).toEqual({ graduated: '2023-07' });
    expect(readAnswer('2023', 'graduated', today)).toEqual({});
    expect(readAnswer('2023年', 'graduated', today)).toEqual({ graduated: '2023-06' });
    expect(readAnswer('2025.3', 'recognisedAt', today)).toEqual({ recognisedAt: '2025-03' });
    expect(readAnswer('2025年', 'recognisedAt', today)).toEqual({});
  });

  it('a letter answers the category, in any case', () => {
    expect(readAnswer('c', 'category', today)).toEqual({ category: 'C', recognised: true });
    expect(readAnswer('Ｄ类', 'category', today)).toEqual({ category: 'D', recognised: true });
  });

  it('a sentence about something else is not an answer', () => {
    expect(readAnswer('2024年6月毕业', 'arrived', today)).toEqual({});
    expect(readAnswer('租房补贴怎么申请', 'ownsHome', today)).toEqual({});
    expect(readAnswer('28个人', 'age', today)).toEqual({});
  });
});
