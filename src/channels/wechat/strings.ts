// What the bot says in WeChat, apart from the assistant's answers.

/** Reply to 帮助. */
export const HELP_TEXT = [
  '您好，我是钱塘区人才政策助手钱小智。',
  '您可以直接用文字问我钱塘区人才政策和办事问题，例如：',
  '• 硕士来钱塘工作有多少生活补贴？',
  '• 租房补贴怎么申请，要什么材料？',
  '• 我28岁、本科、今年来钱塘工作，能拿哪些补贴？',
  '',
  '常用指令：',
  '• 转人工（或 人工）：请政府助才专员为您处理',
  '• 重新开始：清除您告诉过我的个人情况',
  '• 帮助：查看本说明',
  '',
  '在群里提问请先 @我。回答仅供参考，以官方最新发布为准。',
].join('\n');

/** Reply to 重新开始. */
export const RESET_TEXT = '好的，已清除您之前提供的个人情况，我们重新开始。请问有什么可以帮您？';

/** Reply to voice, pictures, files, links and the like. */
export const NON_TEXT_TEXT = '抱歉，我目前只能看懂文字消息，语音、图片、视频、文件和链接暂时无法识别。请用文字描述您的问题，例如：“硕士来钱塘工作有多少生活补贴？”需要专人协助可回复“转人工”。';

/** Said once when a contact writes faster than the rate limit. */
export const RATE_LIMITED_TEXT = '您发送消息太频繁了，请稍等一分钟再问我。';

/** Said when the message is longer than the assistant reads. */
export const TOO_LONG_TEXT = '您的消息太长了，请分几次、简要地描述您的问题。';

/** Said when answering failed. */
export const FAILED_TEXT = '抱歉，系统暂时出了点问题，请稍后再试。如需专人协助，可回复“转人工”。';

/** Heading of an officer's reply delivered to a talent. */
export const officerReplyHeading = (ticketNo: number | null): string => (ticketNo === null ? '【助才专员回复】' : `【助才专员回复 · 工单 #${ticketNo}】`);

/** Commands of the officers' room. */
export const OFFICER_HELP_TEXT = [
  '助才专员群指令：',
  '• #工单号 内容 —— 回复提问人（例如：#12 您好，请提供社保缴纳证明）',
  '• #工单号 认领 —— 认领待处理的工单',
  '• 绑定 登录名 —— 把您的微信绑定到控制台账号（需已绑定的组长确认）',
  '• 确认绑定 登录名 —— 组长确认一条绑定申请',
  '• 解绑 —— 解除您微信的绑定',
].join('\n');

/** Refusal for a ticket command from someone who is no linked officer. */
export const NOT_OFFICER_TEXT = '抱歉，只有已绑定微信的助才专员可以处理工单。请先在本群发送“绑定 登录名”，由组长确认后再操作。';
