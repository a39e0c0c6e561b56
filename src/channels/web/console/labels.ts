// Chinese labels of the values the officer API returns.

/** Ticket states. */
export const STATE_LABEL: Record<string, string> = {
  queued: '待认领', assigned: '处理中', waiting_user: '等待对方回复', resolved: '已解决', closed: '已关闭',
};

/** Priorities. */
export const PRIORITY_LABEL: Record<string, string> = { low: '低', normal: '普通', high: '高', urgent: '紧急' };

/** Handoff reasons. */
export const REASON_LABEL: Record<string, string> = {
  user_request: '对方要求人工', low_confidence: '机器人把握不足', complaint: '投诉', own_case: '个人具体情况',
  repeated_dissatisfaction: '多次不满意', bot_error: '系统出错', individual_negotiation: '需个别协商',
};

/** Ticket event types. */
export const EVENT_LABEL: Record<string, string> = {
  created: '创建工单', assigned: '自动分配', claimed: '认领', replied: '回复对方', noted: '内部备注（不会发送给对方）',
  transferred: '转交', resolved: '标记已解决', closed: '关闭', priority_changed: '调整优先级', escalated: '超时升级',
  person_message: '对方留言', delivered: '已送达', delivery_failed: '送达失败', rated: '对方评价', reopened_to_bot: '交回机器人', taken_over: '接手',
};

/** Transcript roles. */
export const ROLE_LABEL: Record<string, string> = { user: '对方', bot: '钱小智', officer: '专员', system: '系统' };

/** Channels. */
export const CHANNEL_LABEL: Record<string, string> = { web: '网页', wechat: '微信', cli: '命令行', console: '控制台' };

/** Profile facts the bot collected. */
export const FACT_LABEL: Record<string, string> = {
  age: '年龄', degree: '学历', fullTime: '全日制', graduated: '毕业时间', arrived: '来区工作时间', insuranceMonths: '区内社保月数',
  category: '人才类别', recognised: '已获人才认定', ownsHome: '在杭有房', contractYears: '劳动合同年限', inTalentApartment: '住人才公寓',
  title: '职称', skill: '技能等级', medical: '医疗卫生人才', postdoc: '博士后在站', postdocCompleted: '博士后已出站',
  worksInDistrict: '在区内工作', recommendedByScout: '举才官推荐',
};

/** Error codes, as an officer should read them. */
export const ERROR_LABEL: Record<string, string> = {
  conflict: '工单刚被他人处理或状态已变化，已刷新，请重试。',
  forbidden: '您无权处理这张工单（不属于您的团队或已由他人负责）。',
  csrf_invalid: '会话校验失败，请刷新页面后重新登录。',
  unauthorized: '登录已失效，请重新登录。',
  not_found: '工单不存在。',
  bad_request: '输入有误，请检查后重试。',
  rate_limited: '操作过于频繁，请稍候再试。',
};

/** An actor of the event log in words; `nameOf` turns an officer's login into their name. */
export function actorLabel(actor: string, nameOf: (login: string) => string = (l) => l): string {
  if (actor.startsWith('officer:')) return `专员 ${nameOf(actor.slice('officer:'.length))}`;
  return { bot: '钱小智', person: '对方', system: '系统' }[actor] ?? actor;
}

const VALUE_LABEL: Record<string, string> = {
  college: '大专', bachelor: '本科', master: '硕士', phd: '博士', district: '区级人才',
  A: 'A类', B: 'B类', C: 'C类', D: 'D类', E: 'E类',
  senior: '正高级职称', deputy_senior: '副高级职称', special_teacher: '特级教师', senior_technician: '高级技师', technician: '技师',
};

/** A fact value in words. */
export function factValue(value: unknown): string {
  if (value === true) return '是';
  if (value === false) return '否';
  return VALUE_LABEL[String(value)] ?? String(value);
}

const CHINA_OFFSET_MS = 8 * 3600_000;

/** A date-time in China time whatever the PC's zone, e.g. 6月10日 10:05. */
export function shortTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const d = new Date(ms + CHINA_OFFSET_MS);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

/** Kinds of library documents. */
export const DOC_KIND_LABEL: Record<string, string> = { policy: '政策', guide: '办事指南' };

/** Statuses of library documents. */
export const DOC_STATUS_LABEL: Record<string, string> = { current: '现行有效', superseded: '已被替代', expired: '已失效' };

/** How an article changed in a draft. */
export const CHANGE_LABEL: Record<string, string> = { added: '新增', removed: '删除', changed: '修改' };
