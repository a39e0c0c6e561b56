/**
 * Places a question can name. The corpus is one district's policy: a question about another
 * district's or city's benefits is that place's office's to answer, while a place met in passing
 * ("在上海读的博士，来钱塘…") leaves the question ours.
 */

/** The district itself, under its present and former names. */
export const HOME_RE = /钱塘|下沙|大江东|本区|区内|区里|我区|qiantang|xiasha/iu;

/**
 * Other places: Hangzhou's other districts and counties, Zhejiang's cities, and the cities people move
 * between. 杭州 is neither home nor elsewhere: the district's rules build on the city's (杭州市A类人才).
 */
const OTHER_PLACES = [
  '上城', '拱墅', '西湖区', '滨江', '萧山', '余杭', '临平', '富阳', '临安', '桐庐', '淳安', '建德', '未来科技城',
  '宁波', '温州', '绍兴', '嘉兴', '湖州', '金华', '衢州', '舟山', '台州', '丽水', '义乌', '柯桥',
  '上海', '北京', '深圳', '广州', '南京', '苏州', '无锡', '常州', '成都', '武汉', '西安', '天津', '重庆', '合肥',
  '厦门', '青岛', '长沙', '郑州', '济南', '东莞', '佛山', '珠海', '大连', '沈阳', '哈尔滨', '长春', '昆明', '贵阳',
  '南昌', '福州', '南宁', '海口', '太原', '石家庄', '兰州', '乌鲁木齐', '香港', '澳门', '台湾', '中关村', '雄安', '新加坡',
  'singapore', 'hong kong', 'shanghai', 'beijing', 'shenzhen', 'guangzhou', 'nanjing', 'suzhou', 'ningbo', 'chengdu', 'wuhan', 'binjiang', 'xiaoshan', 'yuhang',
];
const OTHER_RE = new RegExp(OTHER_PLACES.join('|'), 'giu');

// Places no list names, by their shape: a two-character name with 市 or 县 ("海宁市对…"), or an English name
// with its kind ("Nanshan district", "Kunshan city"); words that only look like names are left out
// (城市, 全市, 本市; "this district", "which city").
const SHAPED_ZH_RE = /(\p{Script=Han}{2})(市|县)(?=对|给|的|有没有|有什么|有哪些|人才|政策|补贴|发)/gu;
const NOT_A_NAME_END = /[城超都门全本该各同外我此哪个省州]$/u;
const SHAPED_EN_RE = /\b([a-z]+) (district|county|city|industrial park|new area|high-tech zone)\b/giu;
const NOT_A_NAME_EN = /^(qiantang|xiasha|hangzhou|the|this|that|these|our|my|your|their|which|what|other|another|a|an|home|same|each|every|any|big|small|new|one|inner|old|central|local)$/iu;
// The place as the writer's past ("在上海读的博士", "从北京调来", "在苏州工作过三年"), not as the asked place.
const PAST_AFTER_RE = /^(市|区|县)?[^，。；;！!？?,]{0,2}(读|毕业|念|上学|工作过|待过|干过|呆过|生活过|交过|交了|缴过|住过|来|过来|调|迁|回|到钱塘)/u;
const PAST_BEFORE_RE = /(从|离开|来自|老家|户口在|原来在|以前在|之前在|曾在)$/u;

// The place as the owner of what is asked: its policy, its benefits, the work done there now
// ("滨江区的租房补贴", "东莞给技师发多少", "在柯桥区工作…能拿多少", "萧山区博士后…"), not a place where the
// writer merely has something ("老婆在上城区有套房").
const OWNER_AFTER_RE = /^(市|区|县|省|工业园区|高新区|新区)?(的|对|给|那边|这边|发|出台|有没有|有什么|有哪些|人才|政策|补贴|落户|留|工作|上班|就业|(\s+[a-z]+)?(\s+(district|county|city|industrial park|new area|high-tech zone))?\s*('s|talent|polic|subsid|government|offers?|gives?|provides?|pays?))/iu;
const SUFFIX_THEN_HOLDING_RE = /^(市|区|县)(有|买|住|租|附近|旁边|那)/u;
const SUFFIX_RE = /^(市|区|县)/u;

/** One other place the text names: the writer's past there, or the place whose policy is asked. */
export interface PlaceMention {
  /** The place as written. */
  place: string;
  /** The place is where the writer came from, not what they ask about. */
  past: boolean;
  /** The place owns what is asked (its policy, its benefits, work there now). */
  owner: boolean;
}

/** The other places a text names (home excluded), in order. */
export function otherPlacesIn(text: string): PlaceMention[] {
  const t = text.normalize('NFKC');
  const found: PlaceMention[] = [];
  const add = (place: string, at: number, end: number): void => {
    const after = t.slice(end);
    const past = PAST_AFTER_RE.test(after) || PAST_BEFORE_RE.test(t.slice(Math.max(0, at - 4), at));
    // A place that opens the question is its subject ("深圳新引进的博士能拿多少").
    const opens = /^[\s\p{P}]*$/u.test(t.slice(0, at));
    const owner = !past && (opens || OWNER_AFTER_RE.test(after) || (SUFFIX_RE.test(after) && !SUFFIX_THEN_HOLDING_RE.test(after)));
    if (!found.some((f) => f.place.includes(place) || place.includes(f.place))) found.push({ place, past, owner });
  };
  for (const m of t.matchAll(OTHER_RE)) add(m[0], m.index, m.index + m[0].length);
  for (const m of t.matchAll(SHAPED_ZH_RE)) {
    const name = m[1] ?? '';
    if (!NOT_A_NAME_END.test(name) && !HOME_RE.test(name) && name !== '杭州') add(name, m.index, m.index + name.length);
  }
  for (const m of t.matchAll(SHAPED_EN_RE)) {
    const name = m[1] ?? '';
    if (!NOT_A_NAME_EN.test(name)) add(name, m.index, m.index + name.length);
  }
  return found;
}
