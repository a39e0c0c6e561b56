/** UI language of the widget. */
export type WidgetLang = 'zh' | 'en';

/** Every piece of UI text, per language. */
export interface WidgetStrings {
  /** Title when data-title is not given. */
  defaultTitle: string;
  /** Line under the title. */
  subtitle: string;
  /** Launcher button label (panel closed). */
  openLabel: string;
  /** Close button label. */
  closeLabel: string;
  /** Accessible name of the message list. */
  messagesLabel: string;
  /** Greeting shown above an empty thread. */
  welcome: string;
  /** Heading of the quick-question chips. */
  chipsLabel: string;
  /** Quick questions offered on first open. */
  quickQuestions: readonly string[];
  /** Input placeholder. */
  placeholder: string;
  /** Input label. */
  inputLabel: string;
  /** Send button label. */
  send: string;
  /** Handoff button text. */
  handoffButton: string;
  /** Handoff button accessible label. */
  handoffButtonLabel: string;
  /** The message the handoff button sends. */
  handoffMessage: string;
  /** Screen-reader prefix of each author. */
  authorUser: string;
  /** Label of officer messages. */
  officerLabel: string;
  /** Screen-reader prefix of system notices. */
  authorSystem: string;
  /** Shown while the answer is being prepared. */
  thinking: string;
  /** Heading of the source cards. */
  sources(count: number): string;
  /** Badge of a superseded source. */
  superseded: string;
  /** Note on a source shown in translation. */
  unofficialTranslation: string;
  /** Badge of an officer-approved answer. */
  curated: string;
  /** 👍 label. */
  helpful: string;
  /** 👎 label. */
  notHelpful: string;
  /** After feedback. */
  thanks: string;
  /** Prompt of the optional 👎 comment. */
  commentLabel: string;
  /** Placeholder of the 👎 comment. */
  commentPlaceholder: string;
  /** Submit button of the 👎 comment. */
  commentSubmit: string;
  /** Skip button of the 👎 comment. */
  commentSkip: string;
  /** Feedback failed. */
  feedbackFailed: string;
  /** Notice after a handoff. */
  handoffRequested(ticketNo: number | undefined): string;
  /** Notice once an officer is in the conversation. */
  officerJoined: string;
  /** Error: no network. */
  errorNetwork: string;
  /** Error: too many requests. */
  errorRateLimited: string;
  /** Error: message too long. */
  errorTooLong: string;
  /** Error: anything else. */
  errorGeneric: string;
  /** Error: the thread could not be loaded. */
  errorLoad: string;
  /** Retry button. */
  retry: string;
  /** Loading the thread. */
  loading: string;
  /** Footer disclaimer. */
  disclaimer: string;
  /** Launcher button label when an officer's reply is unread. */
  openLabelUnread: string;
}

const zh: WidgetStrings = {
  defaultTitle: '钱小智',
  subtitle: '钱塘区人才政策助手',
  openLabel: '打开钱小智人才政策咨询',
  closeLabel: '关闭对话窗口',
  messagesLabel: '对话消息',
  welcome: '您好，我是钱小智，可以解答钱塘区人才政策问题，回答会注明所依据的政策条款。需要办理个案时，可以点“转人工”联系政府助才专员。',
  chipsLabel: '您可以这样问：',
  quickQuestions: ['硕士来钱塘有多少生活补贴？', '租房补贴要什么材料？', '新政和老政策有什么变化？', '我想找政府助才专员'],
  placeholder: '请输入您的问题',
  inputLabel: '输入您的问题（Enter 发送，Shift+Enter 换行）',
  send: '发送',
  handoffButton: '转人工',
  handoffButtonLabel: '转人工：联系政府助才专员',
  handoffMessage: '转人工',
  authorUser: '我：',
  officerLabel: '政府助才专员',
  authorSystem: '系统通知：',
  thinking: '正在查找政策条款…',
  sources: (n) => `政策依据（${n}）`,
  superseded: '已废止',
  unofficialTranslation: '非官方译文',
  curated: '专员审核',
  helpful: '有帮助',
  notHelpful: '没有帮助',
  thanks: '谢谢反馈',
  commentLabel: '哪里不满意？（选填）',
  commentPlaceholder: '例如：没有回答我的情况',
  commentSubmit: '提交',
  commentSkip: '跳过',
  feedbackFailed: '反馈未能提交，请稍后再试',
  handoffRequested: (no) => `已为您转接政府助才专员${no !== undefined ? `（工单号 ${no}）` : ''}。专员回复后会显示在这里，您也可以稍后回到本页查看。`,
  officerJoined: '政府助才专员已接入，正在为您处理。',
  errorNetwork: '网络连接失败，请检查网络后重试。',
  errorRateLimited: '提问太频繁了，请稍等片刻再试。',
  errorTooLong: '问题太长了，请控制在 1000 字以内。',
  errorGeneric: '抱歉，暂时无法回答，请稍后重试。',
  errorLoad: '对话记录加载失败。',
  retry: '重试',
  loading: '正在加载对话记录…',
  disclaimer: '回答由智能助手生成，仅供参考；金额与条件以官方最新发布为准。',
  openLabelUnread: '打开钱小智人才政策咨询（有新消息）',
};

const en: WidgetStrings = {
  defaultTitle: 'Qian Xiaozhi',
  subtitle: 'Qiantang talent-policy assistant',
  openLabel: 'Open the Qian Xiaozhi talent-policy chat',
  closeLabel: 'Close the chat',
  messagesLabel: 'Conversation',
  welcome: 'Hello, I am Qian Xiaozhi. I answer questions about Qiantang District talent policies and cite the articles I rely on. For your own case, press "Human officer" to reach a helper officer.',
  chipsLabel: 'Try asking:',
  quickQuestions: [
    "How much living subsidy does a master's graduate get in Qiantang?",
    'What documents does the rent subsidy need?',
    'What changed between the new and the old policy?',
    'I would like to talk to a helper officer',
  ],
  placeholder: 'Type your question',
  inputLabel: 'Your question (Enter sends, Shift+Enter adds a line)',
  send: 'Send',
  handoffButton: 'Human officer',
  handoffButtonLabel: 'Talk to a helper officer',
  handoffMessage: 'I would like to talk to a human helper officer',
  authorUser: 'You:',
  officerLabel: 'Helper officer (政府助才专员)',
  authorSystem: 'Notice:',
  thinking: 'Looking up the policy articles…',
  sources: (n) => `Sources (${n})`,
  superseded: 'superseded',
  unofficialTranslation: 'Unofficial translation',
  curated: 'officer-reviewed',
  helpful: 'Helpful',
  notHelpful: 'Not helpful',
  thanks: 'Thanks for the feedback',
  commentLabel: 'What was wrong? (optional)',
  commentPlaceholder: 'e.g. it did not answer my situation',
  commentSubmit: 'Submit',
  commentSkip: 'Skip',
  feedbackFailed: 'The feedback could not be sent; please try later',
  handoffRequested: (no) => `A helper officer will take over${no !== undefined ? ` (ticket ${no})` : ''}. Their reply will appear here; you can also come back to this page later.`,
  officerJoined: 'A helper officer has joined the conversation.',
  errorNetwork: 'No connection. Check your network and retry.',
  errorRateLimited: 'Too many questions at once; please wait a moment.',
  errorTooLong: 'The question is too long; please keep it under 1000 characters.',
  errorGeneric: 'Sorry, no answer right now. Please retry.',
  errorLoad: 'The conversation could not be loaded.',
  retry: 'Retry',
  loading: 'Loading the conversation…',
  disclaimer: 'Answers are generated by an assistant for reference only; amounts and conditions follow the latest official release.',
  openLabelUnread: 'Open the Qian Xiaozhi talent-policy chat (new messages)',
};

/** UI strings by language. */
export const STRINGS: Readonly<Record<WidgetLang, WidgetStrings>> = { zh, en };

/** The strings of a language. */
export function stringsFor(lang: WidgetLang): WidgetStrings {
  return STRINGS[lang];
}
