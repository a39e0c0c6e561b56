import type { HandoffSummary } from '../core/ports/handoff-port.js';
import type { Channel, HandoffReason } from '../core/types.js';

/** Where a ticket is in its life. */
export type TicketState = 'queued' | 'assigned' | 'waiting_user' | 'resolved' | 'closed';

/** Policy areas tickets are routed by. */
export const TEAMS = ['人才认定', '补贴兑现', '安居落户', '海外人才', '项目申报', '综合'] as const;
/** A policy-area team. */
export type Team = (typeof TEAMS)[number];

/** Ticket priority, lowest first. */
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
/** A ticket priority. */
export type Priority = (typeof PRIORITIES)[number];

/** A case handed to helper officers. */
export interface Ticket {
  /** Ticket number shown to the person and officers. */
  no: number;
  /** Conversation it came from. */
  conversationId: string;
  /** Channel the person asked from (replies go back there). */
  channel: Channel;
  /** Channel user id. */
  channelUserId: string;
  /** Team responsible. */
  team: Team;
  /** Priority. */
  priority: Priority;
  /** Why the bot handed it over. */
  reason: HandoffReason;
  /** The bot's summary. */
  summary: HandoffSummary;
  /** Free tags. */
  tags: string[];
  /** State. */
  state: TicketState;
  /** Login of the officer who has it. */
  assignee?: string;
  /** ISO time the first officer response is due. */
  firstResponseDue: string;
  /** ISO time the resolution is due. */
  resolutionDue: string;
  /** ISO time of the first officer reply. */
  firstRespondedAt?: string;
  /** ISO time it was resolved. */
  resolvedAt?: string;
  /** ISO time it was escalated last. */
  escalatedAt?: string;
  /** The person's 1–5 rating after resolution. */
  rating?: number;
  /** True when a reply could not be delivered after all retries. */
  deliveryFailed: boolean;
  /** ISO creation time. */
  createdAt: string;
  /** ISO time of the last change. */
  updatedAt: string;
  /** Incremented on every change: claims compare and set it. */
  version: number;
}

/** Kinds of ticket events (the append-only log). */
export type TicketEventType =
  | 'created' | 'assigned' | 'claimed' | 'replied' | 'noted' | 'transferred' | 'resolved' | 'closed'
  | 'priority_changed' | 'escalated' | 'person_message' | 'delivered' | 'delivery_failed' | 'rated' | 'reopened_to_bot' | 'taken_over';

/** One entry of a ticket's event log. */
export interface TicketEvent {
  /** Event id. */
  id: number;
  /** Ticket number. */
  ticketNo: number;
  /** ISO time. */
  at: string;
  /** Who: `bot`, `person`, `system` or `officer:<login>`. */
  actor: string;
  /** What happened. */
  type: TicketEventType;
  /** Details (reply text, note text, from/to team …). */
  data: Record<string, unknown>;
}

/** A helper officer. */
export interface Officer {
  /** Login name. */
  login: string;
  /** Display name. */
  name: string;
  /** Team. */
  team: Team;
  /** officer or lead (a lead sees all teams and approves curated answers). */
  role: 'officer' | 'lead';
  /** Whether routing may assign new tickets to them. */
  onDuty: boolean;
  /** Open tickets routing may give them at most. */
  maxOpen: number;
  /** Linked WeChat contact (for replies from the officers' room). */
  wechatId?: string;
}
