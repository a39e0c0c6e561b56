import type { ChatMessage, ConversationRef } from './api-types.js';
import { watchAnswer } from './answer-watch.js';
import { ApiError, type ChatClient } from './chat-client.js';
import type { FeedbackBar } from './feedback-bar.js';
import { startLiveEvents, type LiveEvents } from './live-events.js';
import { MessageList } from './message-list.js';
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
  /** Give up on an answer after this long (the visitor gets a retry). */
  answerTimeoutMs: number;
}

const gone = (err: unknown): boolean => err instanceof ApiError && (err.status === 404 || err.status === 401 || err.status === 403);

/** The widget's behaviour: open/close, keyboard, resume, send with streaming, live officer replies, errors. */
export class ChatController {
  private conv: ConversationRef | undefined;
  private live: LiveEvents | undefined;
  private loading: Promise<void> | undefined;
  private sending = false;
  private isOpen = false;
  private queue: ChatMessage[] = [];
  private readonly feedbackBars = new Set<FeedbackBar>();
  private readonly list: MessageList;

  constructor(private readonly deps: ControllerDeps) {
    this.list = new MessageList(deps.view, {
      strings: deps.strings,
      botName: deps.title,
      lang: deps.lang,
      sendFeedback: async (messageId, rating, comment) => {
        if (!this.conv) throw new ApiError(0, 'no_conversation', 'no conversation');
        await deps.client.sendFeedback(this.conv, messageId, rating, comment);
      },
      trackFeedback: (bar) => this.feedbackBars.add(bar),
    });
    this.wire();
  }

  /** Resumes a stored conversation (thread + live updates) in the background. */
  start(): void {
    if (this.deps.storage.load()) this.loading = this.resume();
    else this.list.showChipsIfEmpty();
  }

  /** Opens the panel; `focus` moves keyboard focus into it. */
  open(focus = true): void {
    const { view } = this.deps;
    this.isOpen = true;
    view.panel.hidden = false;
    view.root.setAttribute('data-open', 'true');
    view.launcher.setAttribute('aria-expanded', 'true');
    this.setUnread(false);
    this.list.scrollToEnd();
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
    const clean = String(text ?? '').trim().slice(0, MAX_CHARS);
    if (!clean) return;
    if (this.sending) {
      this.deps.view.input.value = clean;
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
      if (this.sending) return;
      this.keepFocus();
      void this.send(strings.handoffMessage);
    });
    view.chips.addEventListener('click', (e) => {
      const chip = (e.target as Element | null)?.closest?.('[data-question]');
      const question = chip?.getAttribute('data-question');
      if (!question || this.sending) return;
      this.keepFocus();
      void this.send(question);
    });
  }

  private submitInput(): void {
    const { input } = this.deps.view;
    const text = input.value.trim();
    if (!text || this.sending) return;
    if ([...text].length > MAX_CHARS) {
      this.list.showError(this.deps.strings.errorTooLong);
      return;
    }
    input.value = '';
    this.autosize();
    this.keepFocus();
    void this.send(text);
  }

  /** The clicked control is about to be disabled or hidden: keep focus in the input (not on touch screens, where it pops the keyboard). */
  private keepFocus(): void {
    const coarse = typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches;
    if (!coarse) this.deps.view.input.focus();
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
    this.list.addPendingUser(text);
    await this.deliver(text, false);
  }

  private async deliver(text: string, recovered: boolean): Promise<void> {
    const { client, strings } = this.deps;
    this.setSending(true);
    const reply = this.list.startReply();
    const watch = watchAnswer(this.deps.answerTimeoutMs, (slow) => reply.setSlow(slow));
    try {
      const conv = await this.ensureConversation();
      const message = await client.sendMessage(conv, text, {
        onDelta: (delta) => {
          const pinned = this.list.isPinned();
          watch.activity();
          reply.append(delta);
          if (pinned) requestAnimationFrame(() => this.list.scrollToEnd());
        },
        onCitations: (citations) => reply.setCitations(citations),
        onHandoff: (handoff) => this.list.showHandoff(handoff.ticketNo),
      }, watch.signal);
      reply.finish(message);
      this.list.confirmReply(message);
    } catch (err) {
      reply.root.remove();
      if (watch.timedOut) {
        this.list.showError(strings.errorTimeout, () => void this.deliver(text, true));
        return;
      }
      if (gone(err) && !recovered) {
        // The stored conversation is gone (expired, or another server): start a new one, once.
        this.forgetConversation();
        await this.deliver(text, true);
        return;
      }
      const tooLong = err instanceof ApiError && (err.code === 'message_too_long' || err.status === 413);
      if (tooLong) this.list.showError(strings.errorTooLong);
      else this.list.showError(this.errorText(err), () => void this.deliver(text, true));
    } finally {
      watch.stop();
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
    const status = this.list.showStatus(strings.loading, 'qxz-loading');
    try {
      const messages = await client.getMessages(stored);
      this.conv = stored;
      for (const m of messages) this.list.add(m);
      this.list.seqs.seeAll(messages.map((m) => m.seq));
      this.startLive();
    } catch (err) {
      if (gone(err)) this.forgetConversation();
      else this.list.showError(`${strings.errorLoad}${this.errorText(err)}`, () => void (this.loading = this.resume()));
    } finally {
      status.remove();
      this.list.showChipsIfEmpty();
      this.list.scrollToEnd();
    }
  }

  private startLive(): void {
    this.live?.stop();
    const conv = this.conv;
    if (!conv) return;
    this.live = startLiveEvents({
      client: this.deps.client,
      conv,
      resumeFrom: () => this.list.seqs.resumeFrom(),
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
    if (this.list.has(m.id)) return;
    // While an answer streams, the same bot message may also come down /events: hold live messages
    // until `done` has told us its id, then drop the duplicates.
    if (this.sending) this.queue.push(m);
    else this.showLive(m);
  }

  private flushQueue(): void {
    const queued = this.queue;
    this.queue = [];
    for (const m of queued) this.showLive(m);
  }

  private showLive(m: ChatMessage): void {
    if (this.list.add(m) && !this.isOpen && m.role !== 'user') this.setUnread(true);
  }

  private errorText(err: unknown): string {
    const { strings } = this.deps;
    if (err instanceof ApiError && err.status === 0 && err.code === 'network') return strings.errorNetwork;
    if (err instanceof ApiError && err.status === 429) return strings.errorRateLimited;
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
    view.launcher.setAttribute('aria-label', on ? strings.openLabelUnread : strings.openLabel);
  }

  private flushFeedback(): void {
    for (const bar of this.feedbackBars) bar.flush();
  }
}
