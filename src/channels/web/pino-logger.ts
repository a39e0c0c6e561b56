import pino from 'pino';
import type { Logger } from '../../core/logger.js';

// 18-digit resident ID numbers (last may be X) and mainland mobile numbers.
const ID_CARD_RE = /(?<!\d)\d{17}[\dXx](?!\d)/gu;
const MOBILE_RE = /(?<!\d)(?:\+?86[-\s]?)?1[3-9]\d{9}(?!\d)/gu;

/** Masks 身份证号 and mobile numbers in any string. */
export function redact(text: string): string {
  return text
    .replace(ID_CARD_RE, (m) => `${m.slice(0, 3)}***********${m.slice(-4)}`)
    .replace(MOBILE_RE, (m) => `${m.slice(0, -11)}${m.slice(-11, -8)}****${m.slice(-4)}`);
}

function redactDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redact(value);
  if (value === null || typeof value !== 'object') return value;
  // Past a few levels, the rest is logged as redacted JSON text rather than unmasked.
  if (depth > 5) return redact(JSON.stringify(value));
  if (value instanceof Error) return { name: value.name, message: redact(value.message) };
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, depth + 1)]));
}

/** A pino-backed Logger writing JSON lines, with personal numbers masked in messages and data. */
export function createPinoLogger(level: string, destination?: pino.DestinationStream): Logger & { pino: pino.Logger } {
  const base = destination ? pino({ level }, destination) : pino({ level });
  const at = (fn: 'info' | 'warn' | 'error') => (message: string, data?: Record<string, unknown>) => {
    if (data) base[fn](redactDeep(data) as object, redact(message));
    else base[fn](redact(message));
  };
  return { pino: base, info: at('info'), warn: at('warn'), error: at('error') };
}
