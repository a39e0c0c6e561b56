import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Request, RequestHandler, Response } from 'express';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** A script built and compressed once, served by encoding with an ETag. */
export interface PrecompressedAsset {
  /** The uncompressed body. */
  identity: Buffer;
  /** Brotli at quality 11. */
  br: Buffer;
  /** Gzip at level 9. */
  gzip: Buffer;
  /** Strong ETag of the content (the same for every encoding's representation plus a suffix). */
  etag: string;
}

/** Compresses `text` both ways, once. */
export async function precompress(text: string): Promise<PrecompressedAsset> {
  const identity = Buffer.from(text, 'utf8');
  const [br, gzipped] = await Promise.all([
    brotli(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } }),
    gz(identity, { level: 9 }),
  ]);
  const hash = createHash('sha256').update(identity).digest('base64url').slice(0, 27);
  return { identity, br, gzip: gzipped, etag: `"${hash}"` };
}

/** The encoding to send for an Accept-Encoding header: br, then gzip, else none. */
export function pickEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | 'identity' {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/u.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const ok = (name: string): boolean => (accepted.get(name) ?? (accepted.has(name) ? 0 : accepted.get('*') ?? 0)) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return 'identity';
}

// Each encoding is its own representation: its ETag differs, so a cache never mixes them up.
const etagFor = (asset: PrecompressedAsset, encoding: 'br' | 'gzip' | 'identity'): string => (encoding === 'identity' ? asset.etag : `${asset.etag.slice(0, -1)}-${encoding}"`);

function matches(ifNoneMatch: string | undefined, etags: string[]): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  // Weak comparison (RFC 9110 §13.1.2): proxies may weaken the tag.
  return ifNoneMatch.split(',').map((t) => t.trim().replace(/^W\//u, '')).some((t) => etags.includes(t));
}

/**
 * A route handler for a script built at start: `ready` starts now (not on the first request); a
 * failed build is retried on the next request. 304 on If-None-Match; Vary: Accept-Encoding.
 */
export function servePrecompressed(build: () => Promise<string>, options: { type: string; cacheControl: string }): { handler: RequestHandler; ready: () => Promise<PrecompressedAsset> } {
  let pending: Promise<PrecompressedAsset> | undefined;
  const ready = (): Promise<PrecompressedAsset> => {
    pending ??= build().then(precompress).catch((err: unknown) => {
      pending = undefined;
      throw err;
    });
    return pending;
  };
  // Built at once; a failure here is reported by the first request, which retries.
  ready().catch(() => undefined);
  const handler = async (req: Request, res: Response): Promise<void> => {
    const asset = await ready();
    const encoding = pickEncoding(req.get('accept-encoding'));
    const etag = etagFor(asset, encoding);
    res.set({ 'Content-Type': options.type, 'Cache-Control': options.cacheControl, Vary: 'Accept-Encoding', ETag: etag });
    if (matches(req.get('if-none-match'), [etag, asset.etag])) {
      res.status(304).end();
      return;
    }
    if (encoding !== 'identity') res.set('Content-Encoding', encoding);
    const body = encoding === 'br' ? asset.br : encoding === 'gzip' ? asset.gzip : asset.identity;
    res.set('Content-Length', String(body.length));
    if (req.method === 'HEAD') res.end();
    else res.end(body);
  };
  return { handler, ready };
}
