import type { WidgetLang } from './strings.js';

/** What the embedding <script> tag asks for. */
export interface WidgetConfig {
  /** API base URL (origin, optionally with a path prefix), without a trailing slash. */
  apiBase: string;
  /** Panel title (data-title), or undefined for the language's default. */
  title: string | undefined;
  /** UI language (data-lang). */
  lang: WidgetLang;
  /** Open the panel at load (data-open="true"; never on a phone-sized screen). */
  openAtLoad: boolean;
  /** How long to wait for an answer before giving up with a retry (data-timeout, seconds; default 45). */
  answerTimeoutMs: number;
}

/** The data-* attributes read from the script tag. */
export interface ScriptAttributes {
  /** data-api. */
  api?: string | undefined;
  /** data-title. */
  title?: string | undefined;
  /** data-lang. */
  lang?: string | undefined;
  /** data-open. */
  open?: string | undefined;
  /** data-timeout. */
  timeout?: string | undefined;
}

/** Default answer timeout. */
export const DEFAULT_ANSWER_TIMEOUT_MS = 45_000;

/** data-timeout in seconds (1–600), else the default. */
function answerTimeout(raw: string | undefined): number {
  const seconds = Number(raw?.trim());
  if (raw === undefined || raw.trim() === '' || !Number.isFinite(seconds)) return DEFAULT_ANSWER_TIMEOUT_MS;
  return Math.round(Math.min(600, Math.max(1, seconds)) * 1000);
}

const httpBase = (raw: string, relativeTo: string): string | undefined => {
  try {
    const url = new URL(raw, relativeTo);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  } catch {
    return undefined;
  }
};

/** Turns the script tag's attributes into a config. API base: data-api, else the script's own origin, else the page's. */
export function parseWidgetConfig(attrs: ScriptAttributes, scriptSrc: string | undefined, pageHref: string): WidgetConfig {
  const fromApi = attrs.api ? httpBase(attrs.api, pageHref) : undefined;
  let fromScript: string | undefined;
  if (scriptSrc) {
    try {
      const url = new URL(scriptSrc, pageHref);
      if (url.protocol === 'http:' || url.protocol === 'https:') fromScript = url.origin;
    } catch {
      fromScript = undefined;
    }
  }
  const title = attrs.title?.trim().slice(0, 40);
  return {
    apiBase: fromApi ?? fromScript ?? new URL(pageHref).origin,
    title: title ? title : undefined,
    lang: attrs.lang?.trim().toLowerCase().startsWith('en') ? 'en' : 'zh',
    openAtLoad: ['true', '1', 'yes', 'open', ''].includes((attrs.open ?? 'false').trim().toLowerCase()),
    answerTimeoutMs: answerTimeout(attrs.timeout),
  };
}

/** The script element that loaded the widget (currentScript works for classic async scripts too). */
export function findWidgetScript(doc: Document): HTMLScriptElement | undefined {
  const current = doc.currentScript;
  if (current instanceof HTMLScriptElement) return current;
  const candidates = [...doc.querySelectorAll<HTMLScriptElement>('script[src]')].filter((s) => /\/widget(?:\.min)?\.js(?:[?#]|$)/.test(s.src));
  return candidates[candidates.length - 1];
}
