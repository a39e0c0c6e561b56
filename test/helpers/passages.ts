import type { Passage } from '../../src/core/ports/knowledge-port.js';
import { createJiebaTokenizer } from '../../src/knowledge/tokenizer.js';

/** Passages shaped like the sample corpus's chunks (texts copied from policies/). */
export const QT25_TITLE = '杭州市钱塘区关于进一步加快人才集聚发展的若干政策';

export const qt25_5: Passage = {
  key: 'qt25-5',
  docId: 'qt25',
  docTitle: QT25_TITLE,
  shortName: '人才新政25条',
  kind: 'policy',
  status: 'current',
  heading: '第五条 青年大学生生活补贴',
  number: 5,
  text: '对新引进且毕业5年内的青年大学生，在区内缴纳社会保险满6个月的，按学历给予一次性生活补贴：本科1万元、硕士3万元、博士10万元。\n生活补贴按本人最高学历计发，同一人只能享受一次，经审核公示后一次性发放至本人银行账户。',
};

export const qt25_6: Passage = {
  ...qt25_5,
  key: 'qt25-6',
  heading: '第六条 租房补贴',
  number: 6,
  text: '对新引进的青年大学生，在区内租房居住且本人及配偶在杭州市区无自有住房的，给予租房补贴：本科每年1万元、硕士每年2万元、博士每年3万元，最长享受3年。\n租房补贴按年申请、按年发放。入住人才公寓（人才专项租赁住房）期间，不享受租房补贴。',
};

export const qt21_5: Passage = {
  key: 'qt21-5',
  docId: 'qt21',
  docTitle: '杭州钱塘新区关于加快集聚人才的若干政策',
  shortName: '钱塘人才21条',
  kind: 'policy',
  status: 'superseded',
  supersededBy: 'qt25',
  expires: '2022-09-30',
  heading: '第五条 生活补贴',
  number: 5,
  text: '对新引进且毕业5年内的青年大学生，在新区内缴纳社会保险满6个月的，按学历给予一次性生活补贴：本科1万元、硕士3万元、博士5万元。',
};

export const g02_3: Passage = {
  key: 'g02-3',
  docId: 'g02',
  docTitle: '青年大学生生活补贴申领办事指南',
  shortName: '生活补贴申领指南',
  kind: 'guide',
  status: 'current',
  basis: ['qt25-5'],
  heading: '三、申请材料',
  number: 3,
  text: '1. 毕业证书。\n2. 学位证书；留学人员另交学历认证（教育部门出具的国（境）外学历学位认证材料）。\n3. 与区内用人单位签订的劳动合同。\n4. 社保记录（在区内缴纳社会保险的记录）。\n5. 本人名下的银行卡（用于补贴发放）。',
};

const tokenizer = createJiebaTokenizer({ extraWords: ['生活补贴', '租房补贴', '青年大学生', '人才公寓'] });

/** jieba terms, as the assistant's TermSplitter. */
export const terms = (text: string): string[] => tokenizer.terms(text);
