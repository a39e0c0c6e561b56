import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import { AppError } from '../../../core/errors.js';
import type { TicketService } from '../../../handoff/ticket-service.js';
import type { Officer } from '../../../handoff/types.js';
import type { SqlDb } from '../../../storage/sql-db.js';
import { cleanText } from '../chat-routes.js';
import { officerActor, type AuditLog } from './audit.js';
import type { ApprovedCurated } from './officer-routes.js';
import { canSee, parse, requireLead, ticketNo } from './route-helpers.js';

const curateBody = z.object({
  question: z.string().min(1).max(500),
  answer: z.string().min(1).max(4000),
  keys: z.array(z.string().regex(/^[A-Za-z0-9][\w-]{0,40}$/u)).max(20),
  lang: z.enum(['zh', 'en']).optional(),
}).strict();

interface ProposalRow {
  id: number;
  ticket_no: number | null;
  question: string;
  answer: string;
  keys_json: string;
  lang: 'zh' | 'en';
  status: 'pending' | 'approved' | 'rejected';
  proposed_by: string;
  decided_by: string | null;
  created_at: string;
  decided_at: string | null;
}

const toProposal = (r: ProposalRow) => ({
  id: r.id, ticketNo: r.ticket_no, question: r.question, answer: r.answer, keys: JSON.parse(r.keys_json) as string[], lang: r.lang,
  status: r.status, proposedBy: r.proposed_by, decidedBy: r.decided_by, createdAt: r.created_at, decidedAt: r.decided_at,
});

/** What the curation routes share with the rest of the officer API. */
export interface CuratedRouteContext {
  db: SqlDb;
  tickets: TicketService;
  audit: AuditLog;
  now: () => string;
  me: (res: Response) => Officer;
  onCuratedApproved: (p: ApprovedCurated) => void;
  /** Called after the approval is committed (other instances are told then). */
  afterCuratedApproved?: () => void;
}

/**
 * Curation: an officer proposes a question and answer from a ticket; a lead approves or rejects it;
 * an approved one joins the assistant's curated answers (through onCuratedApproved).
 */
export function registerCuratedRoutes(router: Router, ctx: CuratedRouteContext): void {
  const { db, tickets, audit, now, me } = ctx;
  const selectProposal = async (id: number): Promise<ProposalRow | undefined> => db.get<ProposalRow>('SELECT * FROM curated_proposals WHERE id = ?', [id]);

  router.post('/tickets/:no/curate', async (req, res) => {
    const officer = me(res);
    const no = ticketNo(req);
    const found = await tickets.get(no);
    if (!found) throw new AppError('not_found', `No ticket #${no}`);
    if (!canSee(officer, found.ticket)) throw new AppError('forbidden', `Ticket #${no} belongs to team ${found.ticket.team}`);
    const body = parse(curateBody, req.body);
    const question = cleanText(body.question);
    const answer = cleanText(body.answer);
    if (question === '' || answer === '') throw new AppError('bad_request', 'Question and answer must not be empty');
    const inserted = await db.get<ProposalRow>(
      `INSERT INTO curated_proposals (ticket_no, question, answer, keys_json, lang, status, proposed_by, created_at)
       VALUES (?, ?, ?, ?, ?, 'pending', ?, ?) RETURNING *`,
      [no, question, answer, JSON.stringify(body.keys), body.lang ?? 'zh', officer.login, now()],
    );
    await audit.record(officerActor(officer.login), 'ticket.curate', { ticketNo: no, proposalId: inserted!.id });
    res.status(201).json({ proposal: toProposal(inserted!) });
  });

  router.get('/curated', async (req, res) => {
    requireLead(me(res));
    const status = parse(z.enum(['pending', 'approved', 'rejected', 'all']).optional(), req.query['status']) ?? 'pending';
    const rows = status === 'all'
      ? await db.all<ProposalRow>('SELECT * FROM curated_proposals ORDER BY id DESC LIMIT 200')
      : await db.all<ProposalRow>('SELECT * FROM curated_proposals WHERE status = ? ORDER BY id DESC LIMIT 200', [status]);
    res.json({ proposals: rows.map(toProposal) });
  });

  const decideRoute = (verdict: 'approved' | 'rejected') => async (req: Request, res: Response): Promise<void> => {
    const officer = me(res);
    requireLead(officer);
    const raw = String(req.params['id'] ?? '');
    const row = /^\d{1,9}$/u.test(raw) ? await selectProposal(Number(raw)) : undefined;
    if (!row) throw new AppError('not_found', `No proposal ${raw}`);
    await db.transaction(async (tx) => {
      const { changes } = await tx.run("UPDATE curated_proposals SET status = ?, decided_by = ?, decided_at = ? WHERE id = ? AND status = 'pending'", [verdict, officer.login, now(), row.id]);
      if (changes !== 1) throw new AppError('conflict', `Proposal ${row.id} was already decided`);
      // Inside the transaction: if the assistant cannot take the answer, the proposal stays pending.
      if (verdict === 'approved') ctx.onCuratedApproved({ question: row.question, answer: row.answer, keys: JSON.parse(row.keys_json) as string[], lang: row.lang });
    });
    if (verdict === 'approved') ctx.afterCuratedApproved?.();
    await audit.record(officerActor(officer.login), verdict === 'approved' ? 'curated.approve' : 'curated.reject', { proposalId: row.id, ticketNo: row.ticket_no });
    res.json({ proposal: toProposal((await selectProposal(row.id))!) });
  };
  router.post('/curated/:id/approve', decideRoute('approved'));
  router.post('/curated/:id/reject', decideRoute('rejected'));
}
