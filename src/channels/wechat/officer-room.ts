import type { ContactInterface, RoomInterface, WechatyInterface } from 'wechaty/impls';
import { AppError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { OfficerRepo } from '../../handoff/officer-repo.js';
import type { TicketNotice, TicketService } from '../../handoff/ticket-service.js';
import type { Officer, Ticket } from '../../handoff/types.js';
import { CHANNEL_LABEL, PRIORITY_LABEL, REASON_LABEL } from '../web/console/labels.js';
import { redact } from '../web/pino-logger.js';
import type { ContactIdentities } from './contact-identity.js';
import type { OfficerLinks } from './officer-link.js';
import type { PacedSender } from './paced-sender.js';
import { splitMessage } from './split-message.js';
import { NOT_OFFICER_TEXT, OFFICER_HELP_TEXT } from './strings.js';

/** The officers' room: ticket notices out, `#<no>` commands in. */
export interface OfficerRoom {
  /** Whether a room is the officers' room. */
  isOfficerRoom(room: RoomInterface): Promise<boolean>;
  /** Handles one text message of the officers' room (mention already stripped). */
  handle(room: RoomInterface, talker: ContactInterface, text: string): Promise<void>;
  /** Posts the notice of a created or escalated ticket (nothing for other notices). */
  notify(notice: TicketNotice): Promise<void>;
  /** Forgets the room found so far (room ids change at re-login). */
  reset(): void;
}

/** What the officers' room is made of. */
export interface OfficerRoomDeps {
  bot: WechatyInterface;
  tickets: TicketService;
  officers: OfficerRepo;
  identities: ContactIdentities;
  links: OfficerLinks;
  sender: PacedSender;
  /** The room's topic; without one, there is no officers' room. */
  topic: string | undefined;
  /** Base URL of the officer console, e.g. https://rc.example.gov.cn/console. */
  consoleUrl: string;
  maxChars: number;
  logger: Logger;
}

const TICKET_CMD_RE = /^[#＃]\s*(\d{1,9})\s*([\s\S]*)$/u;
const CLAIM_RE = /^(认领|claim)[。.!！]?$/iu;

/**
 * The notice officers read in the room for a new or escalated ticket; `leads` (names) are asked to
 * hand out a ticket that waits because nobody of its team is on duty.
 */
export function ticketNoticeText(kind: 'created' | 'escalated', t: Ticket, consoleUrl: string, leads: readonly string[] = []): string {
  const question = redact(t.summary.question.replace(/\s+/gu, ' ').trim());
  const summary = question.length > 80 ? `${question.slice(0, 80)}…` : question;
  return [
    `${kind === 'created' ? '【新工单' : '【超时升级'} #${t.no}】${t.team} · 优先级：${PRIORITY_LABEL[t.priority] ?? t.priority}`,
    `来源：${CHANNEL_LABEL[t.channel] ?? t.channel} · 原因：${REASON_LABEL[t.reason] ?? t.reason}`,
    `摘要：${summary}`,
    `处理人：${t.assignee ?? (leads.length > 0 ? `待认领（本组暂无在岗专员，请组长 ${leads.join('、')} 安排）` : '待认领')}`,
    `控制台：${consoleUrl}#/tickets/${t.no}`,
    `回复：#${t.no} 内容　认领：#${t.no} 认领`,
  ].join('\n');
}

/** What an officer reads when a ticket action failed. */
function failureText(no: number, action: string, err: unknown): string | undefined {
  if (!AppError.isInstance(err)) return undefined;
  switch (err.code) {
    case 'conflict':
      return `工单 #${no} 刚被他人处理或状态已变化（冲突），未能${action}。请在控制台查看最新状态后再试。`;
    case 'forbidden':
      return `您不能${action}工单 #${no}：它属于其他团队或已由其他专员处理。`;
    case 'not_found':
      return `没有工单 #${no}，请核对工单号。`;
    case 'bad_request':
      return `内容不能为空。用法：#${no} 回复内容`;
    default:
      return undefined;
  }
}

/** Creates the officers' room handler. */
export function createOfficerRoom(deps: OfficerRoomDeps): OfficerRoom {
  const { bot, tickets, officers, identities, links, sender, topic, logger } = deps;
  let found: RoomInterface | undefined;
  let missingLogged = false;

  async function room(): Promise<RoomInterface | undefined> {
    if (!topic) return undefined;
    found ??= await bot.Room.find({ topic });
    if (!found && !missingLogged) {
      missingLogged = true;
      logger.warn('wechat officers\' room not found; is the bot a member?', { topic });
    }
    return found;
  }

  const post = async (target: RoomInterface, text: string, mention?: ContactInterface): Promise<void> => {
    const budget = deps.maxChars - (mention ? mention.name().length + 2 : 0);
    await sender.send((part) => (mention ? target.say(part, mention) : target.say(part)), splitMessage(text, budget));
  };

  async function act(no: number, officer: Officer, body: string): Promise<string> {
    if (CLAIM_RE.test(body)) {
      await tickets.claim(no, officer);
      return `已认领工单 #${no}（${officer.name}）。`;
    }
    // Replying to a queued ticket claims it first, as the console's reply would require.
    const current = (await tickets.get(no))?.ticket;
    const claimed = current?.state === 'queued';
    if (claimed) await tickets.claim(no, officer, current.version);
    await tickets.reply(no, officer, body);
    return `${claimed ? '已认领并' : '已'}回复工单 #${no}，正在发送给提问人。`;
  }

  return {
    async isOfficerRoom(candidate) {
      if (!topic) return false;
      if (found && found.id === candidate.id) return true;
      if ((await candidate.topic()) !== topic) return false;
      found = candidate;
      return true;
    },

    async handle(target, talker, text) {
      const command = text.trim();
      const ticketCmd = TICKET_CMD_RE.exec(command);
      const link = /^(确认绑定|绑定)\s+(\S+)(?:\s+(\d{6}))?$/u.exec(command);
      const isUnlink = /^解绑[。.!！]?$/u.test(command);
      const isHelp = /^(帮助|help)[。.!！?？]?$/iu.test(command);
      if (!ticketCmd && !link && !isUnlink && !isHelp) return;
      const stableId = await identities.resolve(talker);
      const officer = (await officers.byWechat(stableId)) ?? (await officers.byWechat(talker.id));
      if (isHelp) return post(target, OFFICER_HELP_TEXT, talker);
      if (isUnlink) return post(target, await links.unlink(officer), talker);
      if (link) {
        const login = link[2] ?? '';
        return post(target, link[1] === '绑定' ? await links.request(login, stableId, talker.name(), link[3]) : await links.confirm(login, officer), talker);
      }
      if (!ticketCmd) return;
      if (!officer) {
        logger.warn('wechat ticket command refused: sender is no linked officer', { stableId });
        return post(target, NOT_OFFICER_TEXT, talker);
      }
      const no = Number(ticketCmd[1]);
      const body = (ticketCmd[2] ?? '').trim();
      if (body === '') return post(target, `用法：#${no} 回复内容，或 #${no} 认领`, talker);
      let answer: string;
      try {
        answer = await act(no, officer, body);
        logger.info('wechat officer action', { ticketNo: no, login: officer.login, action: CLAIM_RE.test(body) ? 'claim' : 'reply' });
      } catch (err) {
        const explained = failureText(no, CLAIM_RE.test(body) ? '认领' : '回复', err);
        if (!explained) logger.error('wechat officer action failed', { ticketNo: no, login: officer.login, error: (err as Error).message });
        answer = explained ?? `处理工单 #${no} 时出错，请稍后在控制台重试。`;
      }
      await post(target, answer, talker);
    },

    async notify(notice) {
      if (notice.kind !== 'created' && notice.kind !== 'escalated') return;
      const target = await room();
      if (!target) return;
      const t = notice.ticket;
      const allLeads = t.assignee === undefined && notice.kind === 'created' ? (await officers.all()).filter((o) => o.role === 'lead') : [];
      const teamLeads = allLeads.filter((o) => o.team === t.team);
      await post(target, ticketNoticeText(notice.kind, t, deps.consoleUrl, (teamLeads.length > 0 ? teamLeads : allLeads).map((o) => o.name)));
    },

    reset() {
      found = undefined;
      missingLogged = false;
    },
  };
}
