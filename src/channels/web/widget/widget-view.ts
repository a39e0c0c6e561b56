import { ICONS, el, icon } from './dom.js';
import type { WidgetLang, WidgetStrings } from './strings.js';
import { WIDGET_CSS } from './styles.js';

/** The widget's elements, inside an open shadow root. */
export interface WidgetView {
  /** The light-DOM host element appended to <body>. */
  host: HTMLElement;
  /** Its shadow root (open, so tests and assistive tooling can reach in). */
  shadow: ShadowRoot;
  /** Wrapper carrying data-open. */
  root: HTMLElement;
  /** The round floating button. */
  launcher: HTMLButtonElement;
  /** Unread dot on the launcher. */
  unread: HTMLElement;
  /** The chat panel (role=dialog). */
  panel: HTMLElement;
  /** Close button in the header. */
  closeButton: HTMLButtonElement;
  /** Handoff / officer notice under the header. */
  notice: HTMLElement;
  /** The message list (aria-live). */
  messages: HTMLElement;
  /** Quick-question chips. */
  chips: HTMLElement;
  /** The question input. */
  input: HTMLTextAreaElement;
  /** Send button. */
  send: HTMLButtonElement;
  /** 转人工 button. */
  handoffButton: HTMLButtonElement;
}

/** Builds the widget's DOM and styles (not yet attached to the page). */
export function buildWidgetView(opts: { title: string; lang: WidgetLang; strings: WidgetStrings }): WidgetView {
  const s = opts.strings;
  const host = document.createElement('qianxiaozhi-widget');
  host.setAttribute('data-testid', 'qxz-host');
  const shadow = host.attachShadow({ mode: 'open' });
  applyStyles(shadow);

  const unread = el('span', { class: 'unread', 'data-testid': 'qxz-unread', hidden: true });
  const launcher = el(
    'button',
    { type: 'button', class: 'launcher', 'data-testid': 'qxz-launcher', 'aria-label': s.openLabel, 'aria-expanded': 'false', 'aria-controls': 'qxz-panel', 'aria-haspopup': 'dialog' },
    [icon(ICONS.chat), unread],
  );
  const closeButton = el('button', { type: 'button', class: 'icon-button', 'data-testid': 'qxz-close', 'aria-label': s.closeLabel, title: s.closeLabel }, [icon(ICONS.close)]);
  const header = el('div', { class: 'header' }, [
    el('div', { class: 'avatar', 'aria-hidden': 'true' }, [icon(ICONS.spark)]),
    el('div', { class: 'heading' }, [el('h2', { class: 'title', id: 'qxz-title' }, [opts.title]), el('p', { class: 'subtitle' }, [s.subtitle])]),
    closeButton,
  ]);
  const notice = el('p', { class: 'handoff-notice', role: 'status', 'data-testid': 'qxz-handoff-notice', hidden: true });

  const chipButtons = s.quickQuestions.map((q) => el('li', {}, [el('button', { type: 'button', class: 'chip', 'data-testid': 'qxz-chip', 'data-question': q }, [q])]));
  const chips = el('div', { class: 'chips', 'data-testid': 'qxz-chips', hidden: true }, [
    el('p', { class: 'chips-label', id: 'qxz-chips-label' }, [s.chipsLabel]),
    el('ul', { class: 'chip-list', 'aria-labelledby': 'qxz-chips-label' }, chipButtons),
  ]);
  const messages = el(
    'div',
    { class: 'messages', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions text', 'aria-label': s.messagesLabel, 'data-testid': 'qxz-messages', tabindex: '0' },
    [el('p', { class: 'welcome', 'data-testid': 'qxz-welcome' }, [s.welcome]), chips],
  );

  const input = el('textarea', { id: 'qxz-input', class: 'input', 'data-testid': 'qxz-input', rows: '1', maxlength: '1000', placeholder: s.placeholder, enterkeyhint: 'send', autocomplete: 'off' });
  const send = el('button', { type: 'button', class: 'send', 'data-testid': 'qxz-send' }, [s.send]);
  const handoffButton = el('button', { type: 'button', class: 'handoff-button', 'data-testid': 'qxz-handoff', 'aria-label': s.handoffButtonLabel }, [s.handoffButton]);
  const composer = el('div', { class: 'composer' }, [
    el('div', { class: 'composer-row' }, [el('label', { class: 'sr-only', for: 'qxz-input' }, [s.inputLabel]), input, send]),
    el('div', { class: 'tools' }, [handoffButton, el('p', { class: 'disclaimer' }, [s.disclaimer])]),
  ]);

  const panel = el('div', { class: 'panel', id: 'qxz-panel', role: 'dialog', 'aria-labelledby': 'qxz-title', 'data-testid': 'qxz-panel', hidden: true }, [header, notice, messages, composer]);
  const root = el('div', { class: 'root', lang: opts.lang === 'zh' ? 'zh-CN' : 'en', 'data-open': 'false' }, [panel, launcher]);
  shadow.append(root);
  return { host, shadow, root, launcher, unread, panel, closeButton, notice, messages, chips, input, send, handoffButton };
}

/** A constructable stylesheet where supported (no inline style for a CSP to allow), else a <style>. */
function applyStyles(shadow: ShadowRoot): void {
  try {
    if ('adoptedStyleSheets' in shadow && typeof CSSStyleSheet !== 'undefined' && 'replaceSync' in CSSStyleSheet.prototype) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(WIDGET_CSS);
      shadow.adoptedStyleSheets = [sheet];
      return;
    }
  } catch {
    // Fall through to the <style> element.
  }
  const style = document.createElement('style');
  style.textContent = WIDGET_CSS;
  shadow.append(style);
}
