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

  it('finds places no list names by their shape, and words that only look like one are not places', () => {
    expect(otherPlacesIn('海宁市对新引进的本科生有没有生活补贴')).toEqual([{ place: '海宁', past: false, owner: true }]);
    expect(otherPlacesIn('What talent subsidies does Shenzhen Nanshan district offer to PhDs?')).toContainEqual({ place: 'Shenzhen', past: false, owner: true });
    expect(otherPlacesIn('What does Kunshan city give to PhDs?')).toEqual([{ place: 'Kunshan', past: false, owner: true }]);
    expect(otherPlacesIn('大城市的人才政策都差不多吗')).toEqual([]);
    expect(otherPlacesIn('全市的人才政策和区里的有什么不同')).toEqual([]);
    expect(otherPlacesIn('Which district offers the rent subsidy?')).toEqual([]);
  });

  it('names neither the district nor Hangzhou', () => {
    expect(otherPlacesIn('杭州市的E类人才在钱塘区有什么待遇')).toEqual([]);
  });
});
