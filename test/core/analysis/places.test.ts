import { describe, expect, it } from 'vitest';
import { otherPlacesIn } from '../../../src/core/analysis/places.js';

describe('otherPlacesIn', () => {
  it('marks the place whose policy is asked as its owner', () => {
    expect(otherPlacesIn('滨江区的硕士租房补贴每年多少')).toEqual([{ place: '滨江', past: false, owner: true }]);
    expect(otherPlacesIn('东莞给技师发多少奖励')).toEqual([{ place: '东莞', past: false, owner: true }]);
    expect(otherPlacesIn('在绍兴柯桥区工作，硕士能拿多少')).toContainEqual({ place: '柯桥', past: false, owner: true });
  });

  it('marks where the writer came from as past, never as owner', () => {
    expect(otherPlacesIn('我在上海读的博士，来钱塘能拿多少')).toEqual([{ place: '上海', past: true, owner: false }]);
    expect(otherPlacesIn('我在北京工作过三年，生活补贴能领吗')).toEqual([{ place: '北京', past: true, owner: false }]);
    expect(otherPlacesIn('我是从苏州调过来的')).toEqual([{ place: '苏州', past: true, owner: false }]);
  });

  it('does not make a place where the writer holds something the owner', () => {
    expect(otherPlacesIn('老婆在上城区有套房，租房补贴还能领吗')).toEqual([{ place: '上城', past: false, owner: false }]);
  });

  it('names neither the district nor Hangzhou', () => {
    expect(otherPlacesIn('杭州市的E类人才在钱塘区有什么待遇')).toEqual([]);
  });
});
