// Entry of /widget.js: `<script src="https://HOST/widget.js" data-title="钱小智" data-lang="zh" async></script>`
// mounts the chat widget in a shadow root and exposes window.QianXiaoZhi = { open, close, ask }.
import { ChatController } from './chat-controller.js';
import { createChatClient } from './chat-client.js';
import { findWidgetScript, parseWidgetConfig } from './script-config.js';
import { createConversationStorage } from './storage.js';
import { stringsFor } from './strings.js';
import { buildWidgetView } from './widget-view.js';

/** The page-facing API on window.QianXiaoZhi. */
export interface QianXiaoZhiApi {
  /** Opens the panel and moves focus into it. */
  open(): void;
  /** Closes the panel. */
  close(): void;
  /** Opens the panel and asks a question. */
  ask(text: string): void;
  /** Widget version. */
  readonly version: string;
}

const VERSION = '0.1.0';

/** The width at which the panel goes full screen (styles.ts, @media max-width:480px). */
const coversPage = (): boolean => typeof matchMedia === 'function' && matchMedia('(max-width: 480px)').matches;
type WidgetWindow = Window & { QianXiaoZhi?: QianXiaoZhiApi };

function mount(script: HTMLScriptElement | undefined): void {
  const w = window as WidgetWindow;
  if (w.QianXiaoZhi) return; // Embedded twice: the first copy wins.
  const ds = script?.dataset ?? {};
  const config = parseWidgetConfig({ api: ds['api'], title: ds['title'], lang: ds['lang'], open: ds['open'], timeout: ds['timeout'] }, script?.src, location.href);
  const strings = stringsFor(config.lang);
  const title = config.title ?? strings.defaultTitle;
  const view = buildWidgetView({ title, lang: config.lang, strings });
  const controller = new ChatController({
    view,
    client: createChatClient(config.apiBase),
    storage: createConversationStorage(config.apiBase),
    strings,
    lang: config.lang,
    title,
    answerTimeoutMs: config.answerTimeoutMs,
  });
  document.body.append(view.host);
  controller.start();
  // Opened at load the panel does not take focus: the page's own focus order stays intact. On a
  // phone the open panel covers the whole page, so there it waits for the visitor's tap.
  if (config.openAtLoad && !coversPage()) controller.open(false);
  w.QianXiaoZhi = Object.freeze({
    open: () => controller.open(),
    close: () => controller.close(),
    ask: (text: string) => controller.ask(text),
    version: VERSION,
  });
  window.dispatchEvent(new CustomEvent('qianxiaozhi:ready'));
}

// currentScript is only set while this script first runs: capture it before waiting for <body>.
const script = findWidgetScript(document);
if (document.body) mount(script);
else document.addEventListener('DOMContentLoaded', () => mount(script), { once: true });
