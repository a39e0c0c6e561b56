import type { ContactInterface, RoomInterface } from 'wechaty/impls';
import type { Assistant, TurnCommit } from '../../core/assistant/create-assistant.js';
import { AppError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { Reply } from '../../core/types.js';
import type { ChatStore } from '../../storage/chat-store.js';
import type { ContactIdentities } from './contact-identity.js';
import { formatForWechat } from './format-for-wechat.js';
import type { PacedSender } from './paced-sender.js';
import { splitMessage } from './split-message.js';
import { FAILED_TEXT, HELP_TEXT, RESET_TEXT, TOO_LONG_TEXT } from './strings.js';

/** Where the console reads a conversation's thread; WeChat turns are recorded there too. */
export type ThreadLog = Pick<ChatStore, 'appendMessage' | 'exists' | 'commitTurn'>;

/** One text from a talent, in a direct chat or (mention stripped) in a room. */
export interface TalentText {
  /** Who wrote. */
  talker: ContactInterface;
  /** The room, when the bot was @-mentioned in one. */
  room?: RoomInterface;
  /** The text without the mention. */
  text: string;
}

/** What answering talents takes. */
export interface TalentDeps {
  assistant: Assistant;
  identities: ContactIdentities;
  sender: PacedSender;
  maxChars: number;
  logger: Logger;
  thread?: ThreadLog;
}

const HELP_RE = /^(帮助|help|菜单|功能|\?|？)$/iu;
const RESET_RE = /^(重新开始|重来|清空)$/u;

/** The conversation id of a WeChat person. */
export const conversationIdOf = (stableId: string): string => `wechat:${stableId}`;

/** Sends plain text (split) to where the talent wrote: the direct chat, or the room with an @-mention. */
export function replyTo(deps: Pick<TalentDeps, 'sender' | 'maxChars'>, where: Pick<TalentText, 'talker' | 'room'>, text: string | string[]): Promise<void> {
  const { talker, room } = where;
  const budget = deps.maxChars - (room ? talker.name().length + 2 : 0);
  const parts = typeof text === 'string' ? splitMessage(text, budget) : text;
  return deps.sender.send((part) => (room ? room.say(part, talker) : talker.say(part)), parts);
}

/**
 * Answers a talent: 帮助 and 重新开始 here, everything else (转人工 / 人工 included, and anything
 * said while a ticket is open) through the assistant; the answer goes out as WeChat plain text.
 */
export function createTalentHandler(deps: TalentDeps): (input: TalentText) => Promise<void> {
  const { assistant, identities, logger } = deps;
  return async (input) => {
    const text = input.text.trim();
    const command = text.replace(/[。.!！\s]+$/u, '');
    if (command === '' || HELP_RE.test(command)) return replyTo(deps, input, HELP_TEXT);
    const stableId = await identities.resolve(input.talker);
    const conversationId = conversationIdOf(stableId);
    if (RESET_RE.test(command)) {
      await assistant.reset(conversationId);
      return replyTo(deps, input, RESET_TEXT);
    }
    let reply: Reply;
    try {
      // The turn's messages are stored with the assistant's state, in one transaction.
      const commit = deps.thread ? recordTurn(deps.thread, text) : undefined;
      reply = await assistant.handle({ conversationId, userId: stableId, channel: 'wechat', text }, commit ? { commit } : {});
    } catch (err) {
      if (AppError.isInstance(err) && err.code === 'message_too_long') return replyTo(deps, input, TOO_LONG_TEXT);
      logger.error('wechat answer failed', { stableId, error: (err as Error).message });
      return replyTo(deps, input, FAILED_TEXT);
    }
    const budget = deps.maxChars - (input.room ? input.talker.name().length + 2 : 0);
    await replyTo(deps, input, formatForWechat(reply, budget));
  };
}

/** Records the turn in the conversation's thread (the console shows it next to the ticket) with the state. */
function recordTurn(thread: ThreadLog, text: string): TurnCommit {
  return async (state, reply) => {
    await thread.commitTurn(state, [
      { role: 'user', text, citations: [] },
      // A turn the bot stayed silent on (an officer is talking with the person) leaves no bot line.
      ...(reply.text.trim() === '' ? [] : [{
        role: 'bot' as const, text: reply.text, citations: reply.citations,
        ...(reply.handoff ? { handoff: reply.handoff } : {}), ...(reply.curated ? { curated: true } : {}),
      }]),
    ]);
  };
}
