import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import { AppError } from '../../../core/errors.js';
import type { Officer } from '../../../handoff/types.js';
import { MAX_UPLOAD_BYTES } from '../../../library/file-type.js';
import { ruleImpacts } from '../../../library/impact.js';
import type { DraftMetaEdit, DraftView, LibraryService } from '../../../library/library-service.js';
import type { Rule } from '../../../core/eligibility/rule.js';
import type { Chunk } from '../../../knowledge/types.js';
import { officerActor } from './audit.js';
import { formBoundary, parseMultipart, readBody } from './multipart-form.js';
import { parse, requireLead } from './route-helpers.js';

/** What the library routes need. */
export interface LibraryRouteContext {
  library: LibraryService;
  /** The signed-in officer of a request. */
  me: (res: Response) => Officer;
  /** Rules in use and the live chunks, for the rules view. */
  rules: () => readonly Rule[];
  liveChunks: () => readonly Chunk[];
}

const DRAFT_ID_RE = /^[0-9a-f-]{36}$/u;
const DOC_ID_RE = /^[a-z0-9][a-z0-9_-]{0,40}$/u;
const rollbackBody = z.object({ version: z.number().int().positive() }).strict();
const statusBody = z.object({
  status: z.enum(['current', 'superseded']).optional(),
  supersededBy: z.string().regex(DOC_ID_RE).nullable().optional(),
  expires: z.string().regex(/^\d{4}-\d{2}-\d{2}$/u).nullable().optional(),
}).strict();

const DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/u);
const metaBody = z.object({
  title: z.string().min(1).max(200).optional(),
  shortName: z.string().min(1).max(60).optional(),
  issuer: z.string().min(1).max(200).optional(),
  status: z.enum(['current', 'superseded']).optional(),
  effective: DATE.optional(),
  expires: DATE.optional(),
  supersededBy: z.string().regex(DOC_ID_RE).optional(),
  kind: z.enum(['policy', 'guide']).optional(),
  basis: z.array(z.string().regex(/^[a-z0-9][\w-]{0,40}$/u)).max(50).optional(),
}).strict();

function draftId(req: Request): string {
  const id = String(req.params['id'] ?? '');
  if (!DRAFT_ID_RE.test(id)) throw new AppError('not_found', `No draft ${id}`);
  return id;
}

function documentId(req: Request): string {
  const id = String(req.params['id'] ?? '');
  if (!DOC_ID_RE.test(id)) throw new AppError('not_found', `No document ${id}`);
  return id;
}

const draftJson = ({ draft, chunks }: DraftView) => ({
  id: draft.id, documentId: draft.documentId, baseVersion: draft.baseVersion ?? null, fileName: draft.fileName, meta: draft.meta,
  chunks: chunks.map((c) => ({ key: c.key, heading: c.heading, part: c.part, parts: c.parts, text: c.text })),
  warnings: draft.warnings, createdBy: draft.createdBy, createdAt: draft.createdAt, publishedVersion: draft.publishedVersion ?? null,
});

/**
 * The policy library (政策库): any officer views documents, drafts, diffs, impact and runs hit tests;
 * only leads upload, publish, roll back and change a document's status. Writes carry the CSRF header
 * (checked by the officer router before these run).
 */
export function registerLibraryRoutes(router: Router, ctx: LibraryRouteContext): void {
  const { library, me } = ctx;
  const actor = (res: Response): string => officerActor(me(res).login);

  router.get('/library', async (_req, res) => {
    res.json({ documents: await library.list() });
  });

  router.get('/library/rules', (_req, res) => {
    const chunks = ctx.liveChunks();
    const flags = ruleImpacts(ctx.rules(), chunks, []);
    res.json({
      rules: ctx.rules().map((r) => ({
        id: r.id, benefit: r.benefit, key: r.key, article: chunks.find((c) => c.key === r.key)?.heading ?? null,
        flags: flags.filter((f) => f.ruleId === r.id).map((f) => ({ key: f.key, reason: f.reason, ...(f.figures ? { figures: f.figures } : {}) })),
      })),
    });
  });

  router.get('/library/documents/:id', async (req, res) => {
    const id = documentId(req);
    const versions = await library.history(id);
    if (versions.length === 0) throw new AppError('not_found', `No document ${id}`);
    const document = (await library.list()).find((d) => d.id === id);
    res.json({ document, versions: versions.map(({ body: _body, ...v }) => v) });
  });

  router.post('/library/drafts', async (req, res) => {
    requireLead(me(res));
    const form = parseMultipart(await readBody(req, MAX_UPLOAD_BYTES + 64 * 1024), formBoundary(req.get('content-type')), { fileBytes: MAX_UPLOAD_BYTES });
    if (!form.file) throw new AppError('bad_request', 'The form has no file (field "file")');
    const target = form.fields['documentId']?.trim();
    if (target !== undefined && target !== '' && !DOC_ID_RE.test(target)) throw new AppError('bad_request', `Invalid documentId ${target}`);
    const view = await library.upload({ data: form.file.data, fileName: form.file.fileName, ...(target ? { documentId: target } : {}), actor: actor(res) });
    res.status(201).json({ draft: draftJson(view) });
  });

  router.get('/library/drafts/:id', async (req, res) => {
    res.json({ draft: draftJson(await library.draft(draftId(req))) });
  });

  router.post('/library/drafts/:id/meta', async (req, res) => {
    requireLead(me(res));
    const edit = parse(metaBody, req.body);
    const clean = Object.fromEntries(Object.entries(edit).filter(([, v]) => v !== undefined)) as DraftMetaEdit;
    res.json({ draft: draftJson(await library.editDraft(draftId(req), clean, actor(res))) });
  });

  router.get('/library/drafts/:id/diff', async (req, res) => {
    const articles = await library.diff(draftId(req));
    res.json({ articles: articles.map((a) => ({ ...a, figures: a.figures.map((f) => ({ label: f.label, before: f.before, after: f.after })) })) });
  });

  router.get('/library/drafts/:id/impact', async (req, res) => {
    res.json(await library.impact(draftId(req)));
  });

  router.get('/library/drafts/:id/hits', async (req, res) => {
    const raw = req.query['q'];
    const questions = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map((q) => String(q).trim()).filter((q) => q !== '');
    if (questions.length > 10 || questions.some((q) => q.length > 500)) throw new AppError('bad_request', 'At most 10 questions of at most 500 characters');
    // eval=0: only the typed questions (quick), without the dev evaluation set.
    const withEval = req.query['eval'] !== '0' && req.query['eval'] !== 'false';
    res.json(await library.hits(draftId(req), questions, { eval: withEval }));
  });

  router.post('/library/drafts/:id/publish', async (req, res) => {
    requireLead(me(res));
    res.json(await library.publish(draftId(req), actor(res)));
  });

  router.post('/library/documents/:id/rollback', async (req, res) => {
    requireLead(me(res));
    const { version } = parse(rollbackBody, req.body);
    res.json(await library.rollback(documentId(req), version, actor(res)));
  });

  router.post('/library/documents/:id/status', async (req, res) => {
    requireLead(me(res));
    const body = parse(statusBody, req.body);
    const change = {
      ...(body.status !== undefined ? { status: body.status } : {}),
      ...(body.supersededBy !== undefined ? { supersededBy: body.supersededBy } : {}),
      ...(body.expires !== undefined ? { expires: body.expires } : {}),
    };
    if (Object.keys(change).length === 0) throw new AppError('bad_request', 'Nothing to change');
    res.json(await library.amend(documentId(req), change, actor(res)));
  });
}
