import path from 'node:path';
import { AppError } from '../core/errors.js';
import { isSupported, SUPPORTED_EXTENSIONS } from '../knowledge/loaders/load-document.js';

/** Largest upload the library takes (a long policy PDF is a few MB). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

const TEXT_EXTENSIONS = new Set(['.md', '.markdown', '.txt', '.html', '.htm']);

function startsWith(data: Buffer, magic: string): boolean {
  return data.subarray(0, magic.length).toString('latin1') === magic;
}

/**
 * Checks that a file's bytes are what its name says: DOCX is a zip, PDF starts with %PDF-, and
 * HTML, Markdown and text are UTF-8 text without NUL bytes. Returns the extension (lower case).
 * Throws unsupported_media_type otherwise, payload_too_large over the cap.
 */
export function checkFileType(data: Buffer, fileName: string): string {
  const ext = path.extname(fileName).toLowerCase();
  if (!isSupported(fileName)) throw new AppError('unsupported_media_type', `Unsupported file type "${ext || '(none)'}"; supported: ${SUPPORTED_EXTENSIONS.join(' ')}`);
  if (data.length > MAX_UPLOAD_BYTES) throw new AppError('payload_too_large', `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);
  if (data.length === 0) throw new AppError('bad_request', 'The file is empty');
  const ok =
    ext === '.docx' ? startsWith(data, 'PK\u0003\u0004')
    : ext === '.pdf' ? data.subarray(0, 1024).includes('%PDF-')
    : TEXT_EXTENSIONS.has(ext) ? isText(data)
    : false;
  if (!ok) throw new AppError('unsupported_media_type', `The content of ${fileName} is not a ${ext.slice(1).toUpperCase()} file`);
  return ext;
}

function isText(data: Buffer): boolean {
  if ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff)) return data.length % 2 === 0;
  if (data.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(data);
    return true;
  } catch {
    // GB18030 texts from older office systems are text too (the loaders decode them).
    try {
      new TextDecoder('gb18030', { fatal: true }).decode(data);
      return true;
    } catch {
      return false;
    }
  }
}
