import type { Aspect } from './question-analysis.js';

/**
 * The structure of a passage read from its own text: which aspect a guide section answers (from its
 * heading), and each figure with the case it belongs to (the label written before it, whether it is
 * paid yearly or once). Nothing here knows the sample corpus's wording beyond ordinary Chinese
 * government-document conventions (标准为：…、…；分别给予…).
 */

const HEADING_ASPECTS: readonly [Aspect, RegExp][] = [
  ['materials', /材料|证件|提交/u],
  ['duration', /时限|期限|时间/u],
  ['where', /地点|地址|咨询|窗口|联系/u],
  ['procedure', /流程|程序|步骤|办理方式/u],
  ['eligibility', /条件|对象|范围|资格/u],
];

/** The aspect a section answers, from its heading ("五、办理时限" → duration). */
export function sectionAspect(heading: string): Aspect | undefined {
  return HEADING_ASPECTS.find(([, re]) => re.test(heading))?.[0];
}

/** A figure of a passage with the case it belongs to. */
export interface LabelledFigure {
  /** The figure as written, e.g. 10万元, 30个工作日, 50%. */
  figure: string;
  /** The label written right before it (本科, A类人才, 高级技师), '' when none. */
  label: string;
  /** The clause (from the last sentence break) that leads to the figure: where its case is named. */
  context: string;
  /** 每年 (yearly), 一次性 (one-off), 分N年发放, or '' when the text says nothing. */
  period: string;
  /** The sentence carrying it. */
  sentence: string;
}

export const FIGURE_SOURCE = '\\d+(?:\\.\\d+)?\\s*(?:亿元|万元|元|%|个工作日|个月|周岁|平方米|年|天|万(?=[、，,和及与]))';
const FIGURE_RE = new RegExp(FIGURE_SOURCE, 'gu');
// Words between a case label and its figure that name no case.
const FILLER_RE = /^(?:对|给予|分别|按|每人|最高|给|为|标准为|可|的|经|直接)+|(?:给予|分别|资助|补贴|补助|一次性|标准为|为|按|最高|的)+$/gu;

function clean(label: string): string {
  let s = label.trim();
  for (let i = 0; i < 3; i += 1) s = s.replace(FILLER_RE, '').trim();
  return s;
}

/** Sentences of a passage (breaks at 。；！？ and new lines). */
export function passageSentences(text: string): string[] {
  return text
    .split(/\n+/u)
    .flatMap((line) => line.match(/[^。；！？!?]+[。；！？!?]?/gu) ?? [])
    .map((s) => s.trim())
    .filter((s) => s.length > 1);
}

/**
 * Every figure of a passage with its label. "A类人才800万元、B类人才400万元" labels each figure with the
 * words before it; "对国家级、省级、市级技能大师工作室，分别给予50万元、20万元、10万元" pairs the list
 * before 分别 with the figures after it, in order.
 */
export function labelledFigures(text: string): LabelledFigure[] {
  const out: LabelledFigure[] = [];
  const whole = text;
  const spread = /分(\d+)年(?:发放|支付|拨付)/u.exec(whole);
  for (const sentence of passageSentences(whole)) {
    const figures = [...sentence.matchAll(FIGURE_RE)];
    if (figures.length === 0) continue;
    const oneOff = /一次性/u.test(sentence);
    const paired = pairedLabels(sentence, figures.length);
    figures.forEach((m, i) => {
      const at = m.index ?? 0;
      const before = sentence.slice(0, at);
      const lastBreak = Math.max(before.lastIndexOf('，'), before.lastIndexOf('、'), before.lastIndexOf('：'), before.lastIndexOf(':'), before.lastIndexOf(','));
      const raw = before.slice(lastBreak + 1);
      const yearly = /每(?:人每)?年|每个.{0,4}每年/u.test(raw) || /每(?:人每)?年$/u.test(before.slice(-6));
      const label = paired?.[i] ?? clean(raw.replace(/每(?:人每)?年|每个/gu, ''));
      const money = /元|万$/u.test(m[0]);
      const period = !money ? '' : yearly ? '每年' : oneOff ? '一次性' : spread ? `分${spread[1]}年发放` : '';
      out.push({ figure: m[0].replace(/\s+/gu, ''), label, context: before, period, sentence });
    });
  }
  return out;
}

/** The labels of a "X、Y、Z…分别…a、b、c" sentence, when the counts agree. */
function pairedLabels(sentence: string, count: number): string[] | undefined {
  const at = sentence.indexOf('分别');
  if (at < 0) return undefined;
  const head = sentence.slice(0, at).replace(/[，,：:]\s*$/u, '');
  const clause = head.slice(Math.max(head.lastIndexOf('，'), head.lastIndexOf(','), head.lastIndexOf('：')) + 1);
  const items = clause.split('、').map((s) => s.trim());
  if (items.length < 2) return undefined;
  const first = items[0] ?? '';
  items[0] = first.slice(Math.max(first.lastIndexOf('的'), first.lastIndexOf('为'), first.lastIndexOf(':')) + 1);
  // "国家级、省级、市级技能大师工作室": the last item carries the noun every item shares.
  const last = items[items.length - 1] ?? '';
  const others = items.slice(0, -1);
  const end = others[0]?.slice(-1);
  if (end && others.every((o) => o.endsWith(end)) && last.length > Math.max(...others.map((o) => o.length)) + 1) {
    const cut = last.indexOf(end);
    if (cut > 0) {
      const noun = last.slice(cut + 1);
      items.splice(0, items.length, ...others.map((o) => o + noun), last);
    }
  }
  // "一、二、三等": the last item carries the word every item shares.
  const lastItem = items[items.length - 1] ?? '';
  const shortest = Math.min(...items.slice(0, -1).map((o) => o.length));
  if (shortest === 1 && lastItem.length > 1 && items.slice(0, -1).every((o) => o.length === 1)) {
    const suffix = lastItem.slice(1);
    for (let i = 0; i < items.length - 1; i += 1) items[i] = `${items[i] ?? ''}${suffix}`;
  }
  const figuresAfter = sentence.slice(at).match(FIGURE_RE)?.length ?? 0;
  if (items.length !== figuresAfter) return undefined;
  const leading = count - figuresAfter;
  return [...Array.from({ length: leading }, () => ''), ...items];
}
