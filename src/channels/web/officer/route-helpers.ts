import type { Request } from 'express';
import type { z } from 'zod';
import { AppError } from '../../../core/errors.js';
import type { Officer, Ticket } from '../../../handoff/types.js';

/** Validates a body or query; a mismatch is AppError('bad_request') naming the field. */
export function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new AppError('bad_request', `Invalid request${issue?.path.length ? ` at ${issue.path.join('.')}` : ''}: ${issue?.message ?? ''}`);
  }
  return r.data;
}

/** The ticket number of a route, or not_found for anything that is not one. */
export function ticketNo(req: Request): number {
  const raw = String(req.params['no'] ?? '');
  if (!/^\d{1,9}$/u.test(raw)) throw new AppError('not_found', `No ticket ${raw}`);
  return Number(raw);
}

/** Refuses anyone but a lead. */
export function requireLead(officer: Officer): void {
  if (officer.role !== 'lead') throw new AppError('forbidden', 'Only a team lead may do this');
}

/** Whether an officer may see a ticket: leads all, others their team's and their own. */
export function canSee(officer: Officer, ticket: Ticket): boolean {
  return officer.role === 'lead' || ticket.team === officer.team || ticket.assignee === officer.login;
}
