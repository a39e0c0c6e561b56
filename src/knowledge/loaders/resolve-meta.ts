import { z } from 'zod';
import { AppError } from '../../core/errors.js';
import type { DocumentKind, DocumentMeta } from '../types.js';

const ID = /^[a-z0-9][a-z0-9-]*$/;
// A PDF whose text has no line breaks would otherwise make its whole body the title.
const MAX_DERIVED_TITLE = 100;

/** An id derived from a file name: lower-case stem, other characters → '-', runs collapsed. */
export function idFromFileName(fileName: string): string {
  const stem = fileName.replace(/\.[^.]*$/, '');
  return stem.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-{2,}/g, '-').replace(/^-|-$/g, '');
}

/** A title cleaned of Markdown heading marks and book-title marks 《》. */
export function cleanTitle(raw: string): string {
  return raw.replace(/^\s*#+\s*/, '').replace(/[《》]/g, '').trim();
}

/** The first non-empty line of a body, cleaned as a title. */
export function titleFromBody(body: string): string | undefined {
  for (const line of body.split('\n')) {
    const title = cleanTitle(line);
    if (title !== '') return title.slice(0, MAX_DERIVED_TITLE);
  }
  return undefined;
}

/** guide when the title says it is a (service) guide, else policy. */
export function kindFromTitle(title: string): DocumentKind {
  return title.includes('指南') ? 'guide' : 'policy';
}

// YAML turns an unquoted 2024-05-01 into a Date at UTC midnight; operators also write 2024年5月1日.
function toIsoDate(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'invalid' : value.toISOString().slice(0, 10);
  if (typeof value !== 'string') return value;
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(value.trim());
  return m ? `${m[1]}-${m[2]?.padStart(2, '0')}-${m[3]?.padStart(2, '0')}` : value;
}

const isoDate = z.preprocess(
  toIsoDate,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date like 2024-05-01')
    .refine((s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
    }, 'not a calendar date'),
);
const numberAsString = (v: unknown): unknown => (typeof v === 'number' ? String(v) : v);
const id = z.preprocess(numberAsString, z.string().regex(ID, 'expected lower-case letters, digits and -'));
const text = z.preprocess(numberAsString, z.string().trim().min(1));

const MetaSchema = z
  .object({
    id: z.preprocess(
      numberAsString,
      z
        .string({ error: (iss) => (iss.input === undefined ? 'missing; the file name has no [a-z0-9] characters, so set id in front matter or a .meta.yaml sidecar' : undefined) })
        .regex(ID, 'expected lower-case letters, digits and -'),
    ),
    title: z.preprocess(numberAsString, z.string().transform(cleanTitle).pipe(z.string().min(1, 'empty'))),
    shortName: text.optional(),
    issuer: text.optional(),
    kind: z.enum(['policy', 'guide']).optional(),
    status: z.enum(['current', 'superseded']).default('current'),
    effective: isoDate.optional(),
    expires: isoDate.optional(),
    supersededBy: id.optional(),
    basis: z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(z.string().trim().min(1))).optional(),
  })
  .refine((m) => !m.effective || !m.expires || m.effective <= m.expires, {
    message: 'expires is before effective',
    path: ['expires'],
  });

/** Where metadata may come from, lowest priority first after the derived defaults. */
export interface MetaSources {
  /** The file name, for the derived id. */
  fileName: string;
  /** Path shown in error messages. */
  path: string;
  /** Normalised body, for the derived title. */
  body: string;
  /** Title declared by the format (HTML `<title>`). */
  formatTitle?: string;
  frontMatter?: Record<string, unknown>;
  sidecar?: Record<string, unknown>;
}

// YAML `key:` with no value is null; treat it as not given, so a lower layer or default applies.
function present(layer: Record<string, unknown> | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(layer ?? {}).filter(([, v]) => v !== null && v !== undefined));
}

/** Merges derived defaults, front matter and sidecar (later wins) and validates the result. */
export function resolveMeta(src: MetaSources): DocumentMeta {
  const given = { ...present(src.frontMatter), ...present(src.sidecar) };
  const derivedId = idFromFileName(src.fileName);
  const merged = {
    id: derivedId === '' ? undefined : derivedId,
    title: src.formatTitle ?? titleFromBody(src.body),
    ...given,
  };
  const result = MetaSchema.safeParse(merged);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.join('.') || '(root)';
    throw new AppError('invalid_metadata', `${src.path}: invalid metadata field "${field}": ${issue?.message ?? 'invalid'}`, {
      details: { path: src.path, field, issues: result.error.issues },
    });
  }
  const { kind, ...rest } = result.data;
  const meta: DocumentMeta = { ...rest, kind: kind ?? kindFromTitle(rest.title) };
  // Drop keys zod left as undefined so metas compare and serialise cleanly.
  return Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined)) as DocumentMeta;
}
