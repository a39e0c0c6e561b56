import { NUM, parseNumber } from './cn-number.js';
import { after, before, firstPersonEn, isGeneralMention, matchesOf, type ExtractContext } from './extract-context.js';
import type { ProfessionalTitle } from './types.js';

const RELATIVE = /孩子|儿子|女儿|小孩|宝宝|老婆|老公|爱人|配偶|妻子|丈夫|父亲|母亲|爸|妈|对象|朋友|同事/u;
const RELATIVE_EN = /\b(?:son|daughter|child|kid|wife|husband|spouse|partner|mother|father|mom|dad|friend|colleague)\b/u;
const AGE_NOT_EXACT_BEFORE = /(?:未满|不满|超过|不到|快|将近|接近|小于|大于|低于|高于|满了?)$/u;

/** 28岁, 二十八周岁, 年龄30, I'm 28: the person's age in whole years. */
export function extractAge(ctx: ExtractContext): void {
  const { text } = ctx;
  const accept = (n: number | undefined) => n !== undefined && Number.isInteger(n) && n >= 16 && n <= 80;
  for (const m of matchesOf(text, new RegExp(`(${NUM})(?:周岁|岁)|年龄(?:是|为|:)?\\s*(${NUM})|今年(${NUM})了`, 'gu'))) {
    const n = parseNumber(m[1] ?? m[2] ?? m[3] ?? '');
    const prefix = before(text, m.index, 8);
    // "满30岁" means 30 exactly in speech, but 未满/超过/快 only bound it.
    const bound = AGE_NOT_EXACT_BEFORE.test(prefix) && !/(?:^|[^未不])满了?$/u.test(prefix);
    if (!accept(n) || RELATIVE.test(prefix) || bound || isGeneralMention(text, m.index, m.index + m[0].length)) continue;
    if (/^(?:的时候|时|那年|之前|前|后)/u.test(after(text, m.index + m[0].length, 4))) continue;
    return void ctx.set('age', n as number);
  }
  for (const m of matchesOf(text, /(?:i'?m|i am|im|aged?:?|(?:he|she) is|(?:he|she)'s|(?:hire|employee|recruit) (?:is|who is))\s+(\d{1,2})(?!\d|\.\d)|(?<!\d)(\d{1,2})\s*(?:years?|yrs?)[\s-]*old/gu)) {
    const n = Number(m[1] ?? m[2]);
    const rest = after(text, m.index + m[0].length, 12);
    if (m[1] !== undefined && /^\s*(?:(?:years?|yrs?|months?|days?|weeks?)\b(?!\s*old)|%|k\b)/u.test(rest)) continue;
    if (!accept(n) || RELATIVE_EN.test(before(text, m.index, 24)) || /(?:under|over|below|above|if)\s+(?:the\s+)?(?:age\s+(?:of\s+)?)?$/u.test(before(text, m.index, 20))) continue;
    return void ctx.set('age', n);
  }
}

const OUTSIDE_HANGZHOU = /老家|外地|家乡|外省|农村|县城|杭州以外|外市|上海|宁波|北京/u;
const SPOUSE_BEFORE = /(?:配偶|老婆|老公|爱人|妻子|丈夫|对象)(?:名下)?(?:也)?$/u;

/** 没房/名下无房/有房/配偶有房, I don't own a home: whether the person or spouse owns a Hangzhou home. */
export function extractOwnsHome(ctx: ExtractContext): void {
  const { text } = ctx;
  const said = (re: RegExp, spouseCounts: boolean) =>
    matchesOf(text, re).some((m) => {
      const prefix = before(text, m.index, 10);
      if (OUTSIDE_HANGZHOU.test(prefix) || isGeneralMention(text, m.index, m.index + m[0].length)) return false;
      // "老婆没房" says nothing of the person; "我和老婆都没房" does.
      return spouseCounts || !SPOUSE_BEFORE.test(prefix) || /都/u.test(m[0]);
    });
  const owns = said(/(?<![没无未不])(?:有|买了|已购|已经买了|购买了|有一套|有自己的|名下有)(?:自有)?(?:住)?房(?:子|产)?(?!补|租|贴|证明|源|票)/gu, true)
    || /(?:i|we)\s+(?:own|have bought|bought)\s+(?:a|an|our)\s+(?:home|house|flat|apartment|property)|my\s+(?:wife|husband|spouse|partner)\s+owns/u.test(text);
  if (owns) return void ctx.set('ownsHome', true);
  const none = said(/(?:都|名下)?(?:没有?|无|未)(?:在杭州?(?:市区)?)?(?:买|购)?(?:自有|自己的)?(?:住)?房(?:子|产)?(?!补|租|贴|证明|源|票)/gu, false)
    // "He and his wife don't own any place": an English statement of the one asked about, or of their spouse with them.
    || /(?:i|we|he|she|they|(?:his|her|my) (?:wife|husband|spouse|partner))\s+(?:don't|do not|doesn't|does not|don’t|doesn’t)\s+(?:own|have)\s+(?:a|any)\s+(?:home|house|flat|apartment|property|place)|no\s+(?:home|house|flat|property)\s+in\s+hangzhou/u.test(text);
  if (none) ctx.set('ownsHome', false);
}

/** 住人才公寓 / 没住人才公寓: whether the person lives in a talent apartment now. */
export function extractTalentApartment(ctx: ExtractContext): void {
  const { text } = ctx;
  for (const m of matchesOf(text, /(?:住在|入住了?|住进了?|在住|住的是|住)(?:了)?(?:区里的?|区内的?)?人才(?:公寓|专项租赁住房)/gu)) {
    const prefix = before(text, m.index, 6);
    if (/(?:没|没有|不|未|还没|还没有)$/u.test(prefix)) return void ctx.set('inTalentApartment', false);
    if (/(?:想|打算|准备|申请|能|可以|如果|要|能否|是否|可不可以|怎么)$/u.test(prefix) || isGeneralMention(text, m.index, m.index + m[0].length)) continue;
    return void ctx.set('inTalentApartment', true);
  }
  if (/(?:don't|do not)\s+live\s+in\s+(?:a\s+)?talent\s+(?:apartment|housing|flat)/u.test(text)) return void ctx.set('inTalentApartment', false);
  if (/(?:i|we)\s+(?:live|am living|'m living|stay|am staying)\s+in\s+(?:a\s+)?talent\s+(?:apartment|housing|flat)/u.test(text)) ctx.set('inTalentApartment', true);
}

const TITLES: { re: RegExp; title?: ProfessionalTitle; medical?: true }[] = [
  { re: /副主任(?:医师|护师|药师|技师)|(?:associate|deputy) chief (?:physician|doctor)/gu, title: 'deputy_senior', medical: true },
  { re: /(?<!副)主任(?:医师|护师|药师|技师)|(?<!associate |deputy )chief (?:physician|doctor)/gu, title: 'senior', medical: true },
  { re: /特级教师|special[- ]grade teacher/gu, title: 'special_teacher' },
  { re: /副高(?:级)?(?:职称)?/gu, title: 'deputy_senior' },
  { re: /正高(?:级)?(?:职称)?/gu, title: 'senior' },
  { re: /主治医师|住院医师|医生|医师|护士|护师|大夫|(?:i'?m|i am)\s+(?:a\s+)?(?:physician|nurse|surgeon|medical doctor)/gu, medical: true },
];

/** 主任医师/副主任医师/正高/副高/特级教师, 医生: professional title and whether the work is medical. */
export function extractTitle(ctx: ExtractContext): void {
  const { text } = ctx;
  let titled = false;
  for (const { re, title, medical } of TITLES) {
    for (const m of matchesOf(text, re)) {
      if (isGeneralMention(text, m.index, m.index + m[0].length) || /(?:看|找|问|家庭)$/u.test(before(text, m.index, 2))) continue;
      // The list runs most specific first: 副主任医师 outranks a bare 副高 said elsewhere.
      if (title && !titled) ctx.set('title', title);
      titled ||= title !== undefined;
      if (medical) ctx.set('medical', true);
      break;
    }
  }
}

/** 高级技师 / 技师: the skilled-worker grade. */
export function extractSkill(ctx: ExtractContext): void {
  const { text } = ctx;
  const grades: { re: RegExp; grade: 'senior_technician' | 'technician'; en?: true }[] = [
    { re: /高级技师/gu, grade: 'senior_technician' },
    { re: /(?<!高级|主任|副主任)技师(?!学院)/gu, grade: 'technician' },
    { re: /senior technician/gu, grade: 'senior_technician', en: true },
    { re: /(?<!senior )technician/gu, grade: 'technician', en: true },
  ];
  for (const { re, grade, en } of grades) {
    for (const m of matchesOf(text, re)) {
      const ok = en ? firstPersonEn(text, m.index) && !/(?:if|for|do|does)\s+(?:a\s+)?$/u.test(before(text, m.index, 12)) : !isGeneralMention(text, m.index, m.index + m[0].length);
      if (ok) return void ctx.set('skill', grade);
    }
  }
}
