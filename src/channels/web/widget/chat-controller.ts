import type { ChatMessage, ConversationRef } from './api-types.js';
import { ApiError, type ChatClient } from './chat-client.js';
import { el } from './dom.js';
import type { FeedbackBar } from './feedback-bar.js';
import { startLiveEvents, type LiveEvents } from './live-events.js';
import { createStreamingReply, renderMessage, renderPendingUserMessage, type ViewContext } from './message-view.js';
import { SeqTracker } from './seq-tracker.js';
import type { ConversationStorage } from './storage.js';
import type { WidgetLang, WidgetStrings } from './strings.js';
import type { WidgetView } from './widget-view.js';

const MAX_CHARS = 1000;

/** The controller's dependencies. */
export interface ControllerDeps {
  /** The DOM. */
  view: WidgetView;
  /** API client. */
  client: ChatClient;
  /** Where {id, token} is kept. */
  storage: ConversationStorage;
  /** UI strings. */
  strings: WidgetStrings;
  /** UI / conversation language. */
  lang: WidgetLang;
  /** Bot display name. */
  title: string;
}

/** The widget's behaviour: open/close, resume, send with streaming, live officer replies, errors. */
export class ChatController {
  private conv: ConversationRef | undefined;
  private live: LiveEvents | undefined;
  private loading: Promise<void> | undefined;
  private sending = false;
  private isOpen = false;
  private readonly known = new Set<string>();
  private readonly seqs = new SeqTracker();
  private queue: ChatMessage[] = [];
  private unconfirmed: { el: HTMLElement; text: string }[] = [];
  private readonly feedbackBars = new Set<FeedbackBar>();
  private readonly ctx: ViewContext;

  constructor(private readonly deps: ControllerDeps) {
    this.ctx = {
      strings: deps.strings,
      botName: deps.title,
      sendFeedback: async (messageId, rating, comment) => {
        if (!this.conv) throw new ApiError(0, 'no_conversation', 'no conversation');
        await deps.client.sendFeedback(this.conv, messageId, rating, comment);
      },
      trackFeedback: (bar) => this.feedbackBars.add(bar),
    };
    this.wire();
  }

  /** Resumes a stored conversation (thread + live updates) in the background. */
  start(): void {
    if (this.deps.storage.load()) this.loading = this.resume();
    else this.showChipsIfEmpty();
  }

  /** Opens the panel; `focus` moves keyboard focus into it. */
  open(focus = true): void {
    const { view } = this.deps;
    this.isOpen = true;
    view.panel.hidden = false;
    view.root.setAttribute('data-open', 'true');
    view.launcher.setAttribute('aria-expanded', 'true');
    this.setUnread(false);
    this.scrollToEnd();
    if (focus) view.input.focus();
  }

  /** Closes the panel and gives focus back to the launcher. */
  close(): void {
    const { view } = this.deps;
    if (!this.isOpen) return;
    this.flushFeedback();
    this.isOpen = false;
    view.panel.hidden = true;
    view.root.setAttribute('data-open', 'false');
    view.launcher.setAttribute('aria-expanded', 'false');
    view.launcher.focus();
  }

  /** Opens the panel and asks `text` (or leaves it in the input while an answer is streaming). */
  ask(text: string): void {
    this.open();
    const clean = String(text ?? '').trim();
    if (!clean) return;
    if (this.sending) {
      this.deps.view.input.value = clean.slice(0, MAX_CHARS);
      this.autosize();
      return;
    }
    void this.send(clean);
  }

  private wire(): void {
    const { view, strings } = this.deps;
    view.launcher.addEventListener('click', () => (this.isOpen ? this.close() : this.open()));
    view.closeButton.addEventListener('click', () => this.close());
    view.panel.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && !e.defaultPrevented) {
        e.preventDefault();
        this.close();
      }
    });
    view.input.addEventListener('keydown', (e) => {
      // keyCode 229: an IME (pinyin) is composing — Enter picks a candidate and must not send.
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
        e.preventDefault();
        this.submitInput();
      }
    });
    view.input.addEventListener('input', () => this.autosize());
    view.send.addEventListener('click', () => this.submitInput());
    view.handoffButton.addEventListener('click', () => {
      if (!this.sending) void this.send(strings.handoffMessage);
    });
    view.chips.addEventListener('click', (e) => {
      const chip = (e.target as Element | null)?.closest?.('[data-question]');
      const question = chip?.getAttribute('data-question');
      if (question && !this.sending) void this.send(question);
    });
  }

  private submitInput(): void {
    const { input } = this.deps.view;
    const text = input.value.trim();
    if (!text || this.sending) return;
    if ([...text].length > MAX_CHARS) {
      this.showError(this.deps.strings.errorTooLong);
      return;
    }
    input.value = '';
    this.autosize();
    void this.send(text);
  }

  private autosize(): void {
    const { input } = this.deps.view;
    // CSSOM writes are not inline-style markup: a CSP without 'unsafe-inline' allows them.
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight, 120)}px`;
  }

  private async send(text: string): Promise<void> {
    if (this.sending) return;
    this.setSending(true);
    this.flushFeedback();
    await this.loading?.catch(() => undefined);
    this.deps.view.chips.hidden = true;
    const userEl = renderPendingUserMessage(text, this.ctx);
    this.unconfirmed.push({ el: userEl, text });
    this.append(userEl, true);
    await this.deliver(text, false);
  }

  private async deliver(text: string, recovered: boolean): Promise<void> {
    const { client, strings } = this.deps;
    this.setSending(true);
    const reply = createStreamingReply(this.ctx);
    this.append(reply.root, true);
    try {
      const conv = await this.ensureConversation();
      const message = await client.sendMessage(conv, text, {
        onDelta: (delta) => {
          const pinned = this.isPinned();
          reply.append(delta);
          if (pinned) requestAnimationFrame(() => this.scrollToEnd());
        },
        onCitations: (citations) => reply.setCitations(citations),
        onHandoff: (handoff) => this.showHandoff(handoff.ticketNo),
      });
      this.known.add(message.id);
      this.seqs.see(message.seq);
      reply.finish(message);
      if (message.handoff) this.showHandoff(message.handoff.ticketNo);
      this.scrollToEnd();
    } catch (err) {
      reply.root.remove();
      if (err instanceof ApiError && (err.status === 404 || err.status === 401) && !recovered) {
        // The stored conversation is gone (expired, or another server): start a new one once.
        this.forgetConversation();
        await this.deliver(text, true);
        return;
      }
      const tooLong = err instanceof ApiError && (err.code === 'message_too_long' || err.status === 413);
      const message = tooLong ? strings.errorTooLong : this.errorText(err);
      this.showError(message, tooLong ? undefined : () => void this.deliver(text, true));
    } finally {
      this.setSending(false);
      this.flushQueue();
    }
  }

  private async ensureConversation(): Promise<ConversationRef> {
    if (this.conv) return this.conv;
    const conv = await this.deps.client.createConversation(this.deps.lang);
    this.deps.storage.save(conv);
    this.conv = conv;
    this.startLive();
    return conv;
  }

  private async resume(): Promise<void> {
    const { client, storage, strings } = this.deps;
    const stored = storage.load();
    if (!stored) return;
    const status = el('p', { class: 'status', 'data-testid': 'qxz-loading' }, [strings.loading]);
    this.append(status, false);
    try {
      const messages = await client.getMessages(stored);
      this.conv = stored;
      for (const m of messages) this.addMessage(m, false);
      this.seqs.seeAll(messages.map((m) => m.seq));
      this.startLive();
    } catch (err) {
      if (err instanceof ApiError && (err.status === 404 || err.status === 401 || err.status === 403)) this.forgetConversation();
      else this.showError(`${strings.errorLoad}${this.errorText(err)}`, () => void (this.loading = this.resume()));
    } finally {
      status.remove();
      this.showChipsIfEmpty();
      this.scrollToEnd();
    }
  }

  private startLive(): void {
    this.live?.stop();
    const conv = this.conv;
    if (!conv) return;
    this.live = startLiveEvents({
      client: this.deps.client,
      conv,
      resumeFrom: () => this.seqs.resumeFrom(),
      onMessage: (m) => this.onLiveMessage(m),
      onGone: () => {
        if (this.conv === conv) this.forgetConversation();
      },
    });
  }

  private forgetConversation(): void {
    this.live?.stop();
    this.live = undefined;
    this.conv = undefined;
    this.deps.storage.clear();
  }

  private onLiveMessage(m: ChatMessage): void {
    if (this.known.has(m.id)) return;
    // While an answer streams, the same bot message may also come down /events: hold live messages
    // until `done` has told us its id, then drop the duplicates.
    if (this.sending) {
      this.queue.push(m);
      return;
    }
    this.addMessage(m, true);
  }

  private flushQueue(): void {
    const queued = this.queue;
    this.queue = [];
    for (const m of queued) if (!this.known.has(m.id)) this.addMessage(m, true);
  }

  private addMessage(m: ChatMessage, live: boolean): void {
    if (this.known.has(m.id)) return;
    this.known.add(m.id);
    this.seqs.see(m.seq);
    if (m.role === 'user') {
      const i = this.unconfirmed.findIndex((u) => u.text === m.text.trim());
      const local = i >= 0 ? this.unconfirmed.splice(i, 1)[0] : undefined;
      if (local) {
        local.el.removeAttribute('data-pending');
        local.el.setAttribute('data-message-id', m.id);
        local.el.setAttribute('data-seq', String(m.seq));
        return;
      }
    }
    const pinned = this.isPinned();
    this.deps.view.chips.hidden = true;
    this.append(renderMessage(m, this.ctx), pinned);
    if (m.handoff) this.showHandoff(m.handoff.ticketNo);
    if (m.role === 'system') this.showNotice(m.text, 'joined');
    if (m.role === 'officer' && this.deps.view.notice.getAttribute('data-state') !== 'joined') this.showNotice(this.deps.strings.officerJoined, 'joined');
    if (live && !this.isOpen && m.role !== 'user') this.setUnread(true);
  }

  private showHandoff(ticketNo: number | undefined): void {
    const { notice } = this.deps.view;
    if (notice.getAttribute('data-state') === 'joined') return;
    if (ticketNo !== undefined) notice.setAttribute('data-ticket', String(ticketNo));
    this.showNotice(this.deps.strings.handoffRequested(ticketNo), 'requested');
  }

  private showNotice(text: string, state: 'requested' | 'joined'): void {
    const { notice } = this.deps.view;
    notice.textContent = text;
    notice.setAttribute('data-state', state);
    notice.hidden = false;
  }

  private showError(message: string, retry?: () => void): void {
    const { strings } = this.deps;
    const box = el('div', { class: 'error', role: 'alert', 'data-testid': 'qxz-error' }, [el('span', {}, [message])]);
    if (retry) {
      const button = el('button', { type: 'button', class: 'small-button', 'data-testid': 'qxz-retry' }, [strings.retry]);
      button.addEventListener('click', () => {
        box.remove();
        retry();
      });
      box.append(button);
    }
    this.append(box, true);
  }

  private errorText(err: unknown): string {
    const { strings } = this.deps;
    if (err instanceof ApiError) {
      if (err.status === 0 && err.code === 'network') return strings.errorNetwork;
      if (err.status === 429) return strings.errorRateLimited;
    }
    return strings.errorGeneric;
  }

  private setSending(sending: boolean): void {
    const { view } = this.deps;
    this.sending = sending;
    view.send.disabled = sending;
    view.handoffButton.disabled = sending;
    for (const chip of view.chips.querySelectorAll('button')) chip.disabled = sending;
  }

  private setUnread(on: boolean): void {
    const { view, strings } = this.deps;
    view.unread.hidden = !on;
    view.launcher.setAttribute('aria-label', on ? `${strings.openLabel}（${strings.unread}）` : strings.openLabel);
  }

  private showChipsIfEmpty(): void {
    const { view } = this.deps;
    view.chips.hidden = view.messages.querySelector('[data-role="user"]') !== null;
  }

  private flushFeedback(): void {
    for (const bar of this.feedbackBars) bar.flush();
  }

  private append(node: HTMLElement, scroll: boolean): void {
    this.deps.view.messages.append(node);
    if (scroll) this.scrollToEnd();
  }

  private isPinned(): boolean {
    const m = this.deps.view.messages;
    return m.scrollHeight - m.scrollTop - m.clientHeight < 48;
  }

  private scrollToEnd(): void {
    const m = this.deps.view.messages;
    m.scrollTop = m.scrollHeight;
  }
}
