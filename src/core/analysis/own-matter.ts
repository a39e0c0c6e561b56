/**
 * Whether a message is about one matter of the writer's own, read from two parts every such message
 * has, whatever its wording: the matter as the writer's (their application, their materials, their
 * classification — "我的…申请", "我那份材料", "my application", or an act they did on it, "我填申请的时候")
 * and something that happened to it or is asked of the office about it (returned, mis-filed, disputed,
 * waiting, to be checked or corrected). Either part alone is an ordinary question: "我的生活补贴能拿多少"
 * asks the policy, "申请被退回怎么办" asks the procedure; a hypothetical ("如果我的申请被驳回") too.
 */

// The matter as the writer's: a possessive before a matter word in one clause, or an act of theirs on it.
const OWN_MATTER_RES = [
  /(我|本人)(的|那份|这份|那个|这个|家的)[^，。；;！!？?]{0,10}(申请|材料|补贴|认定|结果|资格|档案|分类|信息|资料|待遇|名额|情况)/u,
  // Spoken Chinese drops the 的: "我安家补贴…", "我生活补贴…" are the writer's benefit as much as "我的安家补贴".
  // Only naming words may stand between (我博士, 我安家): a verb makes it an act ("我还能申请安家补贴").
  // The 我 opens its clause: after a verb it is the object ("老板问我安家补贴能拿多少").
  /(?:^|[\s，。,.!！?？；;、:：]|其实|但是|可是|不过|而且|那)(我|本人)(?:(?!能|想|要|可|申|领|拿|问|了解|去|先|还|是|在|有|被|已|刚|该|会|得|说|补|填|交|准备|打算)\p{Script=Han}){0,4}(补贴|津贴|奖励|奖金|资助)/u,
  // A payment the writer is receiving in instalments: "领了两年", "才发了两年".
  /(领|发|拿|到账)了[一两二三四五几\d]+(年|个月|期|次|批)/u,
  // "我不认同这个分类": the writer, then the matter pointed at in the same clause.
  /(我|本人)[^，。；;！!？?]{0,6}(这个|那个|这份|那份|这次的?|那次的?)[^，。；;！!？?]{0,4}(申请|材料|补贴|认定|结果|资格|档案|分类|信息|资料|待遇|名额|情况)/u,
  /(我|本人)[^，。；;！!？?]{0,4}(填|交|提交|递交|报|上传|排队|轮候)[^，。；;！!？?]{0,8}(的时候|时|了|过)/u,
  /\b(my|our)\b[^.?!]{0,30}\b(application|claim|file|payment|documents?|classification|case)\b|\bi (submitted|applied|filed|sent)\b/iu,
];

// What happened to the matter, or what the office is asked to do with it.
const EVENT_RES = [
  /被|打回|退回|驳回|退件/u,
  /(选|填|写|录|报)(成|错)|弄错|搞错|怎么改|(修改|更正|改正|改)(一下|过来|掉)?(吗|呢|怎么办|怎么弄)?[。？?]?$/u,
  /不认同|不同意|不接受|不服|有异议|(重新|再次)(评定|认定|审核|核定|评|审)/u,
  // A payment that did not come or was stopped ("钱没发", "是不是取消了"); 没发票/没发现 are no payment.
  /没有?(发|到账|打款)(?![生布现表票展明挥出言动文])|取消了|停发|不发了/u,
  /审到|到哪(一步|了)|(排|轮|轮候)到(第)?(几|哪)|(还有|还|都)[^，。？?]{0,4}没(发|到账|批)|(帮我|替我|给我)(确认|核实|核对|查|看看|问问)|等(下一批|下批|下一轮)/u,
  // The writer leaving the district while the matter runs ("离职去外地了", "要把我调去外地分公司"): what
  // happens to the rest is a case the texts do not settle.
  /(离职|辞职|跳槽|调(去|到|往)|搬(去|到|走)|离开)[^，。；;？?]{0,6}(外地|外省|外区|别的(城市|区|地方)|其他(城市|区|地方)|分公司|钱塘|杭州|区里)|去外地|离开(了)?(钱塘|区里|本区)/u,
  /\b(heard nothing|no (reply|response|news|word)|nothing (since|yet)|not heard|still waiting|rejected|returned|sent back|wrong|mistake|correct (it|my))\b/iu,
];

// 要是 as "if", not inside 主要是 / 需要是 ("主要是我的申请被退回了" tells what happened).
const HYPOTHETICAL_RE = /如果|假如|假设|万一|倘若|(?<![主需只还总重就])要是|的话|\bif\b|\bsuppose\b/iu;

/** True when the message speaks of something that happened to the writer's own matter (see above). */
export function speaksOfOwnMatter(text: string): boolean {
  const t = text.normalize('NFKC');
  if (HYPOTHETICAL_RE.test(t)) return false;
  return OWN_MATTER_RES.some((re) => re.test(t)) && EVENT_RES.some((re) => re.test(t));
}
