import type { Request } from 'express';
import { AppError } from '../../../core/errors.js';

/** An uploaded file of a form. */
export interface FormFile {
  /** The file name the browser sent (path parts removed). */
  fileName: string;
  /** The declared content type (not trusted; the library checks the bytes). */
  contentType: string;
  data: Buffer;
}

/** A parsed multipart/form-data body: at most one file, a few short text fields. */
export interface MultipartForm {
  file?: FormFile;
  fields: Record<string, string>;
}

/** Limits of one form. */
export interface MultipartLimits {
  /** Largest file (bytes). */
  fileBytes: number;
  /** Largest text field (bytes). */
  fieldBytes: number;
  /** Most parts. */
  parts: number;
}

const DEFAULT_LIMITS: MultipartLimits = { fileBytes: 10 * 1024 * 1024, fieldBytes: 4096, parts: 8 };
const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** The boundary of a multipart/form-data content type; unsupported_media_type otherwise. */
export function formBoundary(contentType: string | undefined): string {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'multipart/form-data') throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data');
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/iu.exec(contentType ?? '');
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) throw new AppError('bad_request', 'multipart/form-data without a boundary');
  return boundary;
}

/** Reads a request body up to `maxBytes`; payload_too_large past it (the rest is not read). */
export async function readBody(req: Request, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw new AppError('payload_too_large', `The upload is larger than ${Math.floor(maxBytes / 1024 / 1024)} MB`);
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      req.unpipe();
      req.resume();
      throw new AppError('payload_too_large', `The upload is larger than ${Math.floor(maxBytes / 1024 / 1024)} MB`);
    }
    parts.push(chunk);
  }
  return Buffer.concat(parts, size);
}

function headerParams(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  // Browsers percent-encode a quote in a file name and send backslashes as they are (a Windows path).
  for (const m of value.matchAll(/;\s*([a-z*]+)=(?:"([^"]*)"|([^;\s]*))/giu)) {
    out[(m[1] ?? '').toLowerCase()] = m[2] ?? m[3] ?? '';
  }
  return out;
}

/**
 * Parses a multipart/form-data body strictly: every part needs a form-data name, at most one part is
 * a file, text fields and the file are size-capped, and a body without its closing boundary is rejected.
 */
export function parseMultipart(body: Buffer, boundary: string, limits: Partial<MultipartLimits> = {}): MultipartForm {
  const lim = { ...DEFAULT_LIMITS, ...limits };
  const delimiter = Buffer.from(`--${boundary}`);
  const form: MultipartForm = { fields: {} };
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new AppError('bad_request', 'The form has no parts');
  let count = 0;
  for (;;) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString('latin1') === '--') return form;
    if (!body.subarray(pos, pos + 2).equals(CRLF)) throw new AppError('bad_request', 'Malformed multipart boundary line');
    pos += 2;
    const headerEnd = body.indexOf(HEADER_END, pos);
    if (headerEnd < 0 || headerEnd - pos > 2048) throw new AppError('bad_request', 'Malformed or truncated part headers');
    // Browsers send UTF-8 file names as raw bytes in the header.
    const headers = body.subarray(pos, headerEnd).toString('utf8').split('\r\n');
    const next = body.indexOf(Buffer.concat([CRLF, delimiter]), headerEnd + 4);
    if (next < 0) throw new AppError('bad_request', 'Truncated form: the closing boundary is missing');
    const content = body.subarray(headerEnd + 4, next);
    pos = next + 2;
    if (++count > lim.parts) throw new AppError('bad_request', `More than ${lim.parts} form parts`);
    const disposition = headers.find((h) => /^content-disposition:/iu.test(h));
    if (!disposition || !/^content-disposition:\s*form-data/iu.test(disposition)) throw new AppError('bad_request', 'A form part without Content-Disposition: form-data');
    const params = headerParams(disposition.slice(disposition.indexOf(':') + 1));
    const name = params['name'];
    if (!name) throw new AppError('bad_request', 'A form part without a name');
    if (params['filename'] !== undefined) {
      if (form.file) throw new AppError('bad_request', 'Only one file per upload');
      if (content.length > lim.fileBytes) throw new AppError('payload_too_large', `The file is larger than ${Math.floor(lim.fileBytes / 1024 / 1024)} MB`);
      const type = headers.find((h) => /^content-type:/iu.test(h))?.slice(13).trim() ?? 'application/octet-stream';
      const fileName = (params['filename'].split(/[\\/]/u).pop() ?? '').trim();
      if (name !== 'file') throw new AppError('bad_request', `Unexpected file field "${name}"; the file goes in "file"`);
      if (fileName === '') throw new AppError('bad_request', 'The file has no name');
      form.file = { fileName, contentType: type, data: Buffer.from(content) };
    } else {
      if (content.length > lim.fieldBytes) throw new AppError('bad_request', `Form field "${name}" is too long`);
      form.fields[name] = content.toString('utf8');
    }
  }
}
