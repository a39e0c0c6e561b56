import type { ChatMessage } from './api-types.js';
import { el } from './dom.js';
import { createStreamingReply, renderMessage, renderPendingUserMessage, type StreamingReply, type ViewContext } from './message-view.js';
import { SeqTracker } from './seq-tracker.js';
import type { WidgetView } from './widget-view.js';

/** The message list: what is shown, without duplicates, plus notices, errors and scrolling. */
export class MessageList {
  /** Seqs shown, for the live stream's Last-Event-ID. */
  readonly seqs = new SeqTracker();
  private readonly known = new Set<string>();
  private unconfirmed: { el: HTMLElement; text: string }[] = [];

  constructor(
    private readonly view: WidgetView,
    private readonly ctx: ViewContext,
  ) {}

  /** True when the message is already shown. */
  has(id: string): boolean {
    return this.known.has(id);
  }

  /** Shows the visitor's message at once; it is confirmed when the server's copy comes back. */
  addPendingUser(text: string): void {
    this.view.chips.hidden = true;
    const node = renderPendingUserMessage(text, this.ctx);
    this.unconfirmed.push({ el: node, text });
    this.append(node, true);
  }

  /** Starts a streamed bot answer at the end of the list. */
  startReply(): StreamingReply {
    const reply = createStreamingReply(this.ctx);
    this.append(reply.root, true);
    return reply;
  }

  /** Records the stored message a streamed answer became. */
  confirmReply(message: ChatMessage): void {
    this.known.add(message.id);
    this.seqs.see(message.seq);
    if (message.handoff) this.showHandoff(message.handoff.ticketNo);
    this.scrollToEnd();
  }

  /** Shows a stored message unless already shown; returns whether it was new. */
  add(m: ChatMessage): boolean {
    if (this.known.has(m.id)) return false;
    this.known.add(m.id);
    this.seqs.see(m.seq);
    // The bot says nothing while an officer talks with the person (its turn has an empty text).
    if (m.role === 'bot' && m.text.trim() === '') return false;
    if (m.role === 'user') {
      const i = this.unconfirmed.findIndex((u) => u.text === m.text.trim());
      const local = i >= 0 ? this.unconfirmed.splice(i, 1)[0] : undefined;
      if (local) {
        local.el.removeAttribute('data-pending');
        local.el.setAttribute('data-message-id', m.id);
        local.el.setAttribute('data-seq', String(m.seq));
        return false;
      }
    }
    const pinned = this.isPinned();
    this.view.chips.hidden = true;
    this.append(renderMessage(m, this.ctx), pinned);
    if (m.handoff) this.showHandoff(m.handoff.ticketNo);
    if (m.role === 'system') this.showNotice(m.text, 'joined');
    if (m.role === 'officer' && this.view.notice.getAttribute('data-state') !== 'joined') this.showNotice(this.ctx.strings.officerJoined, 'joined');
    return true;
  }

  /** The handoff notice (unless an officer has already joined). */
  showHandoff(ticketNo: number | undefined): void {
    const { notice } = this.view;
    if (notice.getAttribute('data-state') === 'joined') return;
    if (ticketNo !== undefined) notice.setAttribute('data-ticket', String(ticketNo));
    this.showNotice(this.ctx.strings.handoffRequested(ticketNo), 'requested');
  }

  private showNotice(text: string, state: 'requested' | 'joined'): void {
    const { notice } = this.view;
    notice.textContent = text;
    notice.setAttribute('data-state', state);
    notice.hidden = false;
  }

  /** An inline error, with a retry button when `retry` is given. */
  showError(message: string, retry?: () => void): void {
    const box = el('div', { class: 'error', role: 'alert', 'data-testid': 'qxz-error' }, [el('span', {}, [message])]);
    if (retry) {
      const button = el('button', { type: 'button', class: 'small-button', 'data-testid': 'qxz-retry' }, [this.ctx.strings.retry]);
      button.addEventListener('click', () => {
        box.remove();
        retry();
      });
      box.append(button);
    }
    this.append(box, true);
  }

  /** A transient status line; returns it so the caller can remove it. */
  showStatus(text: string, testId: string): HTMLElement {
    const status = el('p', { class: 'status', 'data-testid': testId }, [text]);
    this.append(status, false);
    return status;
  }

  /** Shows the quick-question chips while the visitor has asked nothing. */
  showChipsIfEmpty(): void {
    this.view.chips.hidden = this.view.messages.querySelector('[data-role="user"]') !== null;
  }

  /** True when the list is scrolled to (near) its end. */
  isPinned(): boolean {
    const m = this.view.messages;
    return m.scrollHeight - m.scrollTop - m.clientHeight < 48;
  }

  /** Scrolls to the newest message. */
  scrollToEnd(): void {
    const m = this.view.messages;
    m.scrollTop = m.scrollHeight;
  }

  private append(node: HTMLElement, scroll: boolean): void {
    this.view.messages.append(node);
    if (scroll) this.scrollToEnd();
  }
}
