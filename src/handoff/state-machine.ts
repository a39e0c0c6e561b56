import { AppError } from '../core/errors.js';
import type { TicketState } from './types.js';

/** Ticket actions that change state. */
export type TicketAction = 'claim' | 'assign' | 'reply' | 'person_writes' | 'transfer' | 'resolve' | 'close';

// queued → assigned ⇄ waiting_user → resolved → closed; assigned/waiting_user → queued on transfer.
const TRANSITIONS: Record<TicketAction, Partial<Record<TicketState, TicketState>>> = {
  claim: { queued: 'assigned' },
  assign: { queued: 'assigned' },
  reply: { assigned: 'waiting_user', waiting_user: 'waiting_user' },
  person_writes: { waiting_user: 'assigned', assigned: 'assigned', queued: 'queued' },
  transfer: { assigned: 'queued', waiting_user: 'queued', queued: 'queued' },
  resolve: { assigned: 'resolved', waiting_user: 'resolved' },
  close: { resolved: 'closed' },
};

/** The state after an action, or AppError('conflict') when the action is not allowed in that state. */
export function nextState(state: TicketState, action: TicketAction): TicketState {
  const next = TRANSITIONS[action][state];
  if (!next) throw new AppError('conflict', `A ${state} ticket cannot be ${action === 'person_writes' ? 'written to' : `${action}ed`}`, { details: { state, action } });
  return next;
}

/** Whether an action is allowed in a state. */
export function canDo(state: TicketState, action: TicketAction): boolean {
  return TRANSITIONS[action][state] !== undefined;
}

/** Open tickets keep the bot quiet in their conversation. */
export function isOpen(state: TicketState): boolean {
  return state === 'queued' || state === 'assigned' || state === 'waiting_user';
}
