import { normalizeForSearch } from './text-normalize.js';

/**
 * Which section of a service guide a procedural question asks for. Guides share one fixed outline
 * (1 适用对象, 2 办理条件, 3 申请材料, 4 办理流程, 5 办理时限, 6 办理地点与咨询); "要带什么" wants
 * section 3 of whichever guide the rest of the question picks. Returns the section numbers asked for.
 */
const SECTION_CUES: readonly [number, RegExp][] = [
  [1, /适用对象|适用范围|哪些人可以|谁可以|哪些人能|who can|who is eligible/u],
  [2, /办理条件|申请条件|什么条件|满足什么|要求是|资格|门槛|conditions?|requirements?|eligib/u],
  [3, /材料|带什么|带哪些|准备什么|准备哪些|需要提供|要提供|提交什么|交什么|证明|证件|documents?|papers?|materials?|bring/u],
  [4, /流程|步骤|程序|怎么申请|如何申请|怎么办理|如何办理|怎么办|怎么弄|怎么领|如何领|怎么申领|申报方式|process|procedure|steps?|how (do|can|to) (i )?(apply|get|claim)/u],
  [5, /多久|多长时间|几天|几个工作日|时限|期限|什么时候(出|能|可以|到|发|下来)|多快|how long|how many days|when will/u],
  [6, /哪里|哪儿|在哪|去哪|地址|地点|窗口|电话|咨询|网上|线上|在线|平台|where|address|phone|online|contact/u],
];

const PROCEDURE_WORDS_RE = /申请|申领|申报|办理|审核|审批|受理|提交|发放|领取|apply|application|approval|review/gu;

/** What a procedural question asks: which guide sections, and its topic without the procedural words. */
export interface SectionRequest {
  /** Section numbers asked for (empty for a non-procedural question). */
  sections: number[];
  /** The question with the cue words removed: what the procedure is about ("人才落户" of "人才落户要带什么"). */
  topic: string;
}

/** Reads the guide sections a question asks for. */
export function askedSections(question: string): SectionRequest {
  const q = normalizeForSearch(question);
  const sections: number[] = [];
  let topic = q;
  for (const [n, re] of SECTION_CUES) {
    if (!re.test(q)) continue;
    sections.push(n);
    topic = topic.replace(new RegExp(re.source, 'gu'), ' ');
  }
  // Words of any procedure (申请, 审核, 办理…) name no topic either.
  topic = topic.replace(PROCEDURE_WORDS_RE, ' ');
  return { sections, topic: topic.replace(/\s+/gu, ' ').trim() };
}
