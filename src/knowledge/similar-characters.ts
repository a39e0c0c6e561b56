/**
 * Characters that are easily taken for one another by eye (handwriting input, a stroke-based input
 * method, or a glance at a screen): 技帅 for 技师, 朴贴 for 补贴. Sound-alike typos are found through
 * pinyin; these are the look-alikes pinyin cannot see. Each group is one set of mutual look-alikes;
 * only well-known confusions are listed, since every pair is a way a correct word could be changed.
 */
const GROUPS: readonly string[] = [
  '师帅', '补朴扑', '贴帖站', '己已巳', '末未', '士土', '人入八', '大太犬', '天夭', '日曰',
  '田由甲申', '王玉主', '干千于', '刀力', '办为', '住往注', '侯候', '拨拔', '折析', '贷货',
  '券卷', '即既', '历厉', '籍藉', '辨辩辫', '戊戌戍', '免兔', '鸟乌', '休体', '治冶',
  '晴睛', '请清情', '科料', '聘骋', '考老', '租祖', '社杜', '宇宅', '待侍持特', '缴激',
  '证征', '奖将', '职织识', '称秤',
];

const similar = new Map<string, string[]>();
for (const group of GROUPS) {
  const chars = [...group];
  for (const c of chars) similar.set(c, [...new Set([...(similar.get(c) ?? []), ...chars.filter((o) => o !== c)])]);
}

/** The characters that look like `char` (empty for most characters). */
export function lookAlikes(char: string): readonly string[] {
  return similar.get(char) ?? [];
}
