import { NUM, parseNumber } from './cn-number.js';
import { before, type ExtractContext } from './extract-context.js';

const PAY_VERB = '(?:支付|付|给|交|缴|花)(?:了)?(?:他|她|对方|博士|人家)?(?:的)?';
const PAY_NOUN = '(?:报酬|薪酬|酬劳|劳务费|学费)';
const FILLER = '(?:是|为|共|一共|总共|合计|大概|大约|约|差不多|:|：)*';
const MONEY = `(${NUM})\\s*(万|千|k)?\\s*(?:元|块(?:钱)?|rmb)?`;
const UNIT_AFTER = /^\s*(?:万|千|k|元|块|rmb|yuan|cny)/u;
const EN_MONEY = '(?:rmb|cny|¥)?\\s*(\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?)\\s*(k)?\\s*(?:yuan|rmb|cny)?';
const FEE_FIRST = new RegExp(`${PAY_NOUN}${FILLER}${MONEY}`, 'u');
const PATTERNS = [
  new RegExp(`\\b(?:paid|pay|pays|paying)\\s+(?:[a-z&]+\\s+){0,4}?${EN_MONEY}`, 'u'),
  new RegExp(`\\b(?:tuition|fees?)\\s+(?:of|was|were|is|are|came to|cost)?\\s*${EN_MONEY}`, 'u'),
  FEE_FIRST,
  new RegExp(`${PAY_VERB}${FILLER}${MONEY}(?:的)?${PAY_NOUN}?`, 'u'),
  new RegExp(`${MONEY}(?:的)?${PAY_NOUN}`, 'u'),
];
// A monthly sum is not the yearly or one-off sum a share is taken of.
const MONTHLY = /月/u;

/**
 * 一年付了他6万报酬, 学费1.4万, 交了8000块学费: a sum paid that a benefit is a share of, in 元. Only a
 * sum with a money unit next to a paying word or a fee counts; a monthly sum is left out.
 */
export function extractPaid(ctx: ExtractContext): void {
  const { text } = ctx;
  for (const re of PATTERNS) {
    const m = re.exec(text);
    if (!m?.[1]) continue;
    const numberAt = m.index + m[0].indexOf(m[1]);
    const rest = text.slice(numberAt + m[1].length);
    // A fee named right before a bare sum ("学费一共8000", "学费15000") is money without its unit; a
    // count after it ("学费3年") is not.
    const feeFirst = re === FEE_FIRST && /^\d{3,6}$/u.test(m[1]) && !/^\s*(?:年|个|月|天|次|%|分|小时|学分)/u.test(rest);
    if (!m[2] && !feeFirst && !UNIT_AFTER.test(rest) && !/(?:rmb|cny|¥)\s*$/u.test(text.slice(0, numberAt))) continue;
    if (MONTHLY.test(before(text, m.index, 8)) || MONTHLY.test(m[0]) || /\b(?:a|per|each|every) month\b|monthly/u.test(rest.slice(0, 20))) continue;
    const n = /^[\d,.]+$/u.test(m[1]) ? Number(m[1].replace(/,/gu, '')) : parseNumber(m[1]);
    if (n === undefined || !(n > 0)) continue;
    const scale = m[2] === '万' ? 10_000 : m[2] === '千' || m[2] === 'k' ? 1_000 : 1;
    return void ctx.set('paid', Math.round(n * scale * 100) / 100);
  }
}
