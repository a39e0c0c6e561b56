import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';

const STATUS: Record<string, number> = {
  bad_request: 400,
  message_empty: 400,
  message_too_long: 413,
  invalid_json: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  conversation_busy: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
};

/** Whether an error code is one a client is meant to see (with its message). */
export function isClientError(code: string): boolean {
  return STATUS[code] !== undefined;
}

/** Sends a JSON error; never a stack trace. A 429 always says when to come back (`retryAfterSeconds`, default 60). */
export function sendError(res: Response, status: number, code: string, message: string, retryAfterSeconds?: number): void {
  if (res.headersSent) return;
  if (status === 429 && (retryAfterSeconds !== undefined || !res.hasHeader('Retry-After'))) res.set('Retry-After', String(Math.max(1, Math.ceil(retryAfterSeconds ?? 60))));
  res.status(status).json({ error: { code, message } });
}

/**
 * Makes the errors Node answers itself, before express runs (a request line or headers over the
 * size limit, a malformed request, a header timeout), JSON like every other error, instead of an
 * empty body. The connection is closed after the answer: its framing can no longer be trusted.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, code, message] =
      err.code === 'HPE_HEADER_OVERFLOW' ? [431, 'headers_too_large', 'The request line or headers are too large']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'request_timeout', 'The request took too long to arrive']
      : [400, 'bad_request', 'Malformed HTTP request'];
    const body = JSON.stringify({ error: { code, message } });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}

/**
 * The last middleware: AppErrors map to their status by code; body-parser's own errors (malformed
 * JSON, too large, wrong type) to 400/413/415; anything else is logged and answered with a bare 500.
 */
export function errorHandler(logger: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    // Only the codes meant for clients carry their message; any other AppError is an internal failure.
    if (AppError.isInstance(err) && STATUS[err.code] !== undefined) {
      const retryAfter = err.details?.['retryAfterSeconds'];
      sendError(res, STATUS[err.code] ?? 400, err.code, err.message, typeof retryAfter === 'number' ? retryAfter : undefined);
      return;
    }
    const e = err as { type?: string; status?: number; message?: string };
    if (e.type === 'entity.parse.failed') return sendError(res, 400, 'invalid_json', 'The request body is not valid JSON');
    if (e.type === 'entity.too.large') return sendError(res, 413, 'payload_too_large', 'The request body is too large');
    if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') return sendError(res, 415, 'unsupported_media_type', 'Unsupported body encoding');
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) return sendError(res, e.status, 'bad_request', 'Bad request');
    logger.error('request failed', { method: req.method, path: req.path, error: e.message ?? String(err) });
    sendError(res, 500, 'internal', 'Something went wrong; please try again');
  };
}
