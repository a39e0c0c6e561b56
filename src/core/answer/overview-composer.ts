import type { Passage } from '../ports/knowledge-port.js';
import type { Lang } from '../types.js';
import { citationOf } from './citation-of.js';
import { caveatLine, type Composed } from './compose-answer.js';

/** A benefit the rules know, as the overview lists it. */
export interface OverviewBenefit {
  key: string;
  benefit: string;
  benefitEn?: string;
}

/**
 * "钱塘有哪些人才补贴", asked before the person has said anything of themselves: which benefits there are,
 * one line each with its key, and the two facts that tell which apply. No figures: they differ by case,
 * and a figure without its case is the wrong figure for most people asking (the next turn, with the
 * facts, lists what applies and how much).
 */
export function composeOverview(benefits: readonly OverviewBenefit[], passageOf: (key: string) => Passage | undefined, lang: Lang): Composed {
  const byKey = new Map<string, OverviewBenefit[]>();
  for (const b of benefits) byKey.set(b.key, [...(byKey.get(b.key) ?? []), b]);
  const name = (b: OverviewBenefit): string => (lang === 'en' ? b.benefitEn ?? b.benefit : b.benefit);
  const lines = [...byKey.entries()].map(([key, list]) => `- ${[...new Set(list.map(name))].join(lang === 'en' ? '; ' : '、')} [${key}]`);
  const text = lang === 'en'
    ? [
        'The main support for talent in Qiantang (25 Articles), each with its own conditions and amounts:',
        '',
        ...lines,
        '',
        'Tell me your degree (bachelor, master, PhD) or talent category (A–E) and when you started work in Qiantang, and I will check which of these you can get and how much.',
        '',
        caveatLine(lang),
      ]
    : [
        '钱塘区对人才的主要支持（《人才新政25条》）有这些，每项的条件和金额按人群不同：',
        '',
        ...lines,
        '',
        '告诉我您的学历（本科/硕士/博士）或人才类别（A–E类），以及哪年哪月来钱塘工作的，我帮您逐项核对能领哪些、各多少。',
        '',
        caveatLine(lang),
      ];
  const citations = [...byKey.keys()].map((k) => passageOf(k)).filter((p): p is Passage => p !== undefined).map(citationOf);
  return { text: text.join('\n'), citations };
}
