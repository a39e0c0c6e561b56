import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.js';
import { canDo, isOpen, nextState, type TicketAction } from '../../src/handoff/state-machine.js';
import type { TicketState } from '../../src/handoff/types.js';

const STATES: TicketState[] = ['queued', 'assigned', 'waiting_user', 'resolved', 'closed'];
const ACTIONS: TicketAction[] = ['claim', 'assign', 'reply', 'person_writes', 'transfer', 'resolve', 'close'];

// The documented life of a ticket: queued → assigned ⇄ waiting_user → resolved → closed; a transfer
// puts an open ticket back in a queue; what the person writes wakes a waiting ticket up.
const ALLOWED: Record<TicketAction, Partial<Record<TicketState, TicketState>>> = {
  claim: { queued: 'assigned' },
  assign: { queued: 'assigned' },
  reply: { assigned: 'waiting_user', waiting_user: 'waiting_user' },
  person_writes: { queued: 'queued', assigned: 'assigned', waiting_user: 'assigned' },
  transfer: { queued: 'queued', assigned: 'queued', waiting_user: 'queued' },
  resolve: { assigned: 'resolved', waiting_user: 'resolved' },
  close: { resolved: 'closed' },
};

const cases = ACTIONS.flatMap((action) => STATES.map((state) => ({ action, state, next: ALLOWED[action][state] })));
const allowed = cases.filter((c) => c.next !== undefined);
const forbidden = cases.filter((c) => c.next === undefined);

describe('nextState', () => {
  it('covers every action × state pair (35), 13 allowed and 22 forbidden', () => {
    expect(cases).toHaveLength(35);
    expect(allowed).toHaveLength(13);
    expect(forbidden).toHaveLength(22);
  });

  it.each(allowed)('$action on a $state ticket → $next', ({ action, state, next }) => {
    expect(nextState(state, action)).toBe(next);
    expect(canDo(state, action)).toBe(true);
  });

  it.each(forbidden)('$action on a $state ticket is a conflict', ({ action, state }) => {
    let error: unknown;
    try {
      nextState(state, action);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ name: 'AppError', code: 'conflict', details: { state, action } });
    expect(canDo(state, action)).toBe(false);
  });

  it('names the state and the action in the conflict message', () => {
    expect(() => nextState('closed', 'reply')).toThrow(/closed.*reply/u);
    expect(() => nextState('resolved', 'person_writes')).toThrow(/resolved ticket cannot be written to/u);
  });

  it('a closed ticket allows nothing', () => {
    for (const action of ACTIONS) expect(canDo('closed', action)).toBe(false);
  });
});

describe('isOpen', () => {
  it.each([
    ['queued', true],
    ['assigned', true],
    ['waiting_user', true],
    ['resolved', false],
    ['closed', false],
  ] as const)('%s → %s', (state, open) => {
    expect(isOpen(state)).toBe(open);
  });
});
