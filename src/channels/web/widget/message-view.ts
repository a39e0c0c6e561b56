import type { ChatMessage, Citation } from './api-types.js';
import { linkCitations } from './citation-links.js';
import { el } from './dom.js';
import { createFeedbackBar, type FeedbackBar } from './feedback-bar.js';
import { EN_MARKDOWN_LABELS, ZH_MARKDOWN_LABELS } from './markdown-decorate.js';
import { renderMarkdown } from './render-markdown.js';
import { renderSources } from './source-cards.js';
import type { WidgetLang, WidgetStrings } from './strings.js';

/** What message views need from the widget. */
export interface ViewContext {
  /** UI strings. */
  strings: WidgetStrings;
  /** The bot's display name (the widget title). */
  botName: string;
  /** UI language (names of verdict marks and citation links). */
  lang: WidgetLang;
  /** Sends feedback on a bot message. */
  sendFeedback(messageId: string, rating: 'up' | 'down', comment?: string): Promise<void>;
  /** Registers a feedback bar (so a pending 👎 can be flushed). */
  trackFeedback(bar: FeedbackBar): void;
}

/** A bot answer being streamed. */
export interface StreamingReply {
  /** The message element. */
  root: HTMLElement;
  /** Appends the next piece of Markdown. */
  append(delta: string): void;
  /** Sources announced before `done`. */
  setCitations(citations: Citation[]): void;
  /** Replaces the streamed text with the stored message. */
  finish(message: ChatMessage): void;
  /** Shows (or hides) that the answer is still being worked on after a pause. */
  setSlow(slow: boolean): void;
}

function shell(role: ChatMessage['role'], attrs: Record<string, string> = {}): HTMLElement {
  return el('div', { class: `msg msg-${role}`, 'data-testid': 'qxz-message', 'data-role': role, ...attrs });
}

function authorLabel(role: 'bot' | 'officer', ctx: ViewContext, curated: boolean): HTMLElement {
  const label = el('div', { class: 'label' }, [
    role === 'officer'
      ? el('span', { 'data-testid': 'qxz-officer-label' }, [ctx.strings.officerLabel])
      : el('span', {}, [ctx.botName]),
  ]);
  if (curated) label.append(el('span', { class: 'badge badge-curated' }, [ctx.strings.curated]));
  return label;
}

const md = (text: string, ctx: ViewContext): DocumentFragment => renderMarkdown(text, document, ctx.lang === 'en' ? EN_MARKDOWN_LABELS : ZH_MARKDOWN_LABELS);

function markdownBubble(text: string, ctx: ViewContext): HTMLElement {
  const bubble = el('div', { class: 'bubble md', 'data-testid': 'qxz-message-text' });
  bubble.append(md(text, ctx));
  return bubble;
}

function plainBubble(text: string, srPrefix: string): HTMLElement {
  return el('div', { class: 'bubble', 'data-testid': 'qxz-message-text' }, [el('span', { class: 'sr-only' }, [srPrefix]), text]);
}

function addAnswerParts(root: HTMLElement, bubble: HTMLElement, message: ChatMessage, citations: readonly Citation[], ctx: ViewContext): void {
  if (citations.length > 0) {
    const sources = renderSources(citations, ctx.strings);
    root.append(sources);
    const cards = [...sources.querySelectorAll<HTMLDetailsElement>('details[data-key]')];
    linkCitations(bubble, citations, ctx.lang, (key) => cards.find((c) => c.getAttribute('data-key') === key));
  }
  // A handoff confirmation is procedure, not an answer to rate (and a 👎 there would count towards another handoff).
  if (message.role === 'bot' && message.id && !message.handoff) {
    const bar = createFeedbackBar(ctx.strings, (rating, comment) => ctx.sendFeedback(message.id, rating, comment));
    ctx.trackFeedback(bar);
    root.append(bar.root);
  }
}

/** The element of a stored message. */
export function renderMessage(message: ChatMessage, ctx: ViewContext): HTMLElement {
  const root = shell(message.role, { 'data-message-id': message.id, 'data-seq': String(message.seq) });
  if (message.role === 'user') root.append(plainBubble(message.text, ctx.strings.authorUser));
  else if (message.role === 'system') root.append(plainBubble(message.text, ctx.strings.authorSystem));
  else {
    const bubble = markdownBubble(message.text, ctx);
    root.append(authorLabel(message.role, ctx, message.curated === true), bubble);
    addAnswerParts(root, bubble, message, message.citations, ctx);
  }
  return root;
}

/** A visitor's message shown before the server has confirmed it. */
export function renderPendingUserMessage(text: string, ctx: ViewContext): HTMLElement {
  const root = shell('user', { 'data-pending': 'true' });
  root.append(plainBubble(text, ctx.strings.authorUser));
  return root;
}

/** A bot answer that fills in as deltas arrive; the accumulated Markdown is re-rendered (sanitized) each frame. */
export function createStreamingReply(ctx: ViewContext): StreamingReply {
  const typing = el('span', { class: 'typing', 'data-testid': 'qxz-typing' }, [
    el('span', { class: 'dots', 'aria-hidden': 'true' }, [el('span'), el('span'), el('span')]),
    ctx.strings.thinking,
  ]);
  const bubble = el('div', { class: 'bubble md', 'data-testid': 'qxz-message-text' }, [typing]);
  // aria-busy keeps screen readers from reading every intermediate state of the answer.
  const root = shell('bot', { 'data-streaming': 'true', 'aria-busy': 'true' });
  const slowNote = el('p', { class: 'slow-note', role: 'status', 'data-testid': 'qxz-still-working', hidden: true }, [ctx.strings.stillWorking]);
  root.append(authorLabel('bot', ctx, false), bubble, slowNote);
  let text = '';
  let citations: Citation[] = [];
  let frame: number | undefined;
  let finished = false;

  const paint = (): void => {
    frame = undefined;
    if (!finished) bubble.replaceChildren(md(text, ctx));
  };

  return {
    root,
    append(delta) {
      if (finished) return;
      text += delta;
      if (frame === undefined) frame = requestAnimationFrame(paint);
    },
    setCitations(list) {
      citations = list;
    },
    setSlow(slow) {
      if (!finished) slowNote.hidden = !slow;
    },
    finish(message) {
      finished = true;
      slowNote.remove();
      if (frame !== undefined) cancelAnimationFrame(frame);
      root.removeAttribute('data-streaming');
      root.setAttribute('aria-busy', 'false');
      root.setAttribute('data-message-id', message.id);
      root.setAttribute('data-seq', String(message.seq));
      // A turn the bot stays silent on (an officer has the conversation) leaves no empty bubble.
      if (message.role === 'bot' && message.text.trim() === '') return void root.remove();
      if (message.curated) root.replaceChildren(authorLabel('bot', ctx, true), bubble);
      bubble.replaceChildren(md(message.text, ctx));
      addAnswerParts(root, bubble, message, message.citations.length > 0 ? message.citations : citations, ctx);
    },
  };
}
