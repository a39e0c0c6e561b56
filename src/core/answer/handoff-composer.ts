import type { HandoffReason, Lang } from '../types.js';

const REASON_ZH: Record<HandoffReason, string> = {
  user_request: '已按您的要求',
  low_confidence: '这个问题我没有找到足够确定的政策依据，为避免误导，已',
  complaint: '您反映的情况需要专人处理，已',
  own_case: '您个人的办理情况需要查阅本人记录、由专人核实，已',
  repeated_dissatisfaction: '抱歉没能解答好您的问题，已',
  bot_error: '系统处理出现问题，已',
  individual_negotiation: '此类事项按“一人一议”个别研究，需专人对接，已',
};

const REASON_EN: Record<HandoffReason, string> = {
  user_request: 'As you asked, I have',
  low_confidence: 'I could not find a policy basis I am sure of, so to avoid misleading you I have',
  complaint: 'This needs a person to look into it, so I have',
  own_case: 'Your own case needs your records checked by a person, so I have',
  repeated_dissatisfaction: 'Sorry I could not help. I have',
  bot_error: 'Something went wrong on my side, so I have',
  individual_negotiation: 'Such matters are decided case by case, so I have',
};

/** The message that tells the person their case is with a helper officer, and when to expect a reply. */
export function composeHandoff(ticketNo: number, reason: HandoffReason, expectedReply: string, lang: Lang): string {
  return lang === 'en'
    ? `${REASON_EN[reason]} passed your question to a helper officer (政府助才专员), ticket **#${ticketNo}**. Expected reply: ${expectedReply}. The reply will appear right here; you can keep adding details in the meantime and they will be passed on.`
    : `${REASON_ZH[reason]}为您转接政府助才专员，工单号 **#${ticketNo}**，预计${expectedReply}回复，回复会直接发送到当前对话。在此期间您补充的信息会一并转交专员。`;
}

/** The short acknowledgement once an officer is talking with the person (no reply-time promise again). */
export function composeRelayed(lang: Lang): string {
  return lang === 'en' ? 'Passed on to the officer.' : '已转达给专员。';
}

/** The reply while a ticket is open: the bot stays out of the officer's way. */
export function composeWaiting(ticketNo: number, expectedReply: string, lang: Lang): string {
  return lang === 'en'
    ? `Your case is with a helper officer (ticket **#${ticketNo}**); I have added your message to it. Expected reply: ${expectedReply}.`
    : `您的问题已由政府助才专员跟进（工单 **#${ticketNo}**），这条消息已补充到工单中，预计${expectedReply}回复，请留意。`;
}
