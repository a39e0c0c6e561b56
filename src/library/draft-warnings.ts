import { parseChineseNumber } from '../knowledge/chinese-numerals.js';
import type { Chunk, SourceDocument } from '../knowledge/types.js';
import type { DraftWarning } from './library-types.js';

// Every article heading line, in order, whatever its number (the splitter only opens ascending ones).
const ARTICLE_LINE_RE = /^\s*(?:#{1,6}\s*)?(?:\*\*)?第([零〇一二两三四五六七八九十百千\d０-９]+)条(?:\*\*)?(?=[\s\u3000【[]|$)/u;
// An amount after a benefit word, then no unit: "补贴5" or "最高给予 20，" is a figure a reader cannot use.
const BARE_FIGURE_RE = /(?:补贴|奖励|资助|补助|给予|最高|不超过|每人|每年|标准为)[^\d，。；、\n]{0,6}?(\d+(?:\.\d+)?)(?![\d.])(?!\s*(?:亿元|万元|元|万|%|％|个|年|月|日|天|周岁|岁|平方米|倍|次|人|名|家|项|类|级|条|款|号|小时|分|套|间|期|届|批))/gu;

/**
 * What a lead should look at before publishing a parsed document: article numbers skipped or
 * repeated, articles without text, amounts without a unit, and a PDF whose text layer is mostly missing.
 */
export function draftWarnings(doc: SourceDocument, chunks: readonly Chunk[], source: { ext: string; bytes: number }): DraftWarning[] {
  const warnings: DraftWarning[] = [];
  if (doc.meta.kind === 'policy') warnings.push(...numberingWarnings(doc));
  const seen = new Set<string>();
  for (const c of chunks) {
    if (c.number > 0 && !seen.has(c.key) && chunks.filter((x) => x.key === c.key).every((x) => x.text.trim() === '')) {
      warnings.push({ code: 'article_empty', key: c.key, message: `${c.heading} 没有正文` });
    }
    seen.add(c.key);
    for (const m of c.text.matchAll(BARE_FIGURE_RE)) {
      warnings.push({ code: 'figure_without_unit', key: c.key, message: `${c.heading} 中的数字“${m[1] ?? ''}”没有单位：${m[0]}` });
    }
  }
  if (source.ext === '.pdf') {
    // A text layer gives roughly a character per 10–50 bytes; far fewer means pages are images or unreadable.
    const replaced = (doc.body.match(/\uFFFD/gu) ?? []).length;
    if (replaced > 0 || (source.bytes > 50_000 && doc.body.length * 200 < source.bytes)) {
      warnings.push({ code: 'pdf_text_missing', message: `PDF 中有文字未能提取（提取到 ${doc.body.length} 字，文件 ${Math.round(source.bytes / 1024)} KB${replaced > 0 ? `，${replaced} 处无法识别的字符` : ''}），扫描页需先做文字识别` });
    }
  }
  return warnings;
}

function numberingWarnings(doc: SourceDocument): DraftWarning[] {
  const out: DraftWarning[] = [];
  const counts = new Map<number, number>();
  let last = 0;
  for (const line of doc.body.split('\n')) {
    const m = ARTICLE_LINE_RE.exec(line);
    const n = m ? parseChineseNumber(m[1] ?? '') : undefined;
    if (n === undefined) continue;
    counts.set(n, (counts.get(n) ?? 0) + 1);
    if (counts.get(n) === 2) out.push({ code: 'article_repeated', key: `${doc.meta.id}-${n}`, message: `第${n}条出现了不止一次` });
    if (n > last + 1) {
      const missing = Array.from({ length: n - last - 1 }, (_, i) => last + 1 + i);
      out.push({ code: 'article_skipped', key: `${doc.meta.id}-${n}`, message: `缺少第${missing.join('、')}条（第${last}条之后是第${n}条）` });
    }
    if (n > last) last = n;
  }
  return out;
}
