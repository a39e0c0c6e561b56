import { ICONS, el, icon } from './dom.js';
import type { WidgetStrings } from './strings.js';

/** 👍/👎 (drawn as SVG thumbs: no emoji font needed) under one bot answer. */
export interface FeedbackBar {
  /** The bar's element. */
  root: HTMLElement;
  /** Sends a 👎 whose optional comment box is still open (the visitor moved on without submitting). */
  flush(): void;
}

/**
 * Builds the bar. 👍 is sent at once. 👎 opens an optional comment box and is sent once, with or
 * without the comment, on submit, skip, Esc, or flush — the server counts each 👎 towards a handoff,
 * so it must not be sent twice.
 */
export function createFeedbackBar(strings: WidgetStrings, send: (rating: 'up' | 'down', comment?: string) => Promise<void>): FeedbackBar {
  const up = el('button', { type: 'button', class: 'fb-button', 'data-testid': 'qxz-feedback-up', 'aria-label': strings.helpful, 'aria-pressed': 'false', title: strings.helpful }, [icon(ICONS.thumbUp)]);
  const down = el('button', { type: 'button', class: 'fb-button', 'data-testid': 'qxz-feedback-down', 'aria-label': strings.notHelpful, 'aria-pressed': 'false', title: strings.notHelpful }, [icon(ICONS.thumbDown)]);
  const status = el('span', { role: 'status', 'data-testid': 'qxz-feedback-status' });
  const root = el('div', { class: 'feedback', 'data-testid': 'qxz-feedback' }, [up, down, status]);
  let comment: { box: HTMLElement; input: HTMLTextAreaElement } | undefined;

  const setButtons = (disabled: boolean): void => {
    up.disabled = disabled;
    down.disabled = disabled;
  };

  async function submit(rating: 'up' | 'down', text?: string): Promise<void> {
    setButtons(true);
    status.textContent = '';
    try {
      await send(rating, text);
      status.setAttribute('data-testid', 'qxz-feedback-thanks');
      status.textContent = strings.thanks;
    } catch {
      status.setAttribute('data-testid', 'qxz-feedback-status');
      status.textContent = strings.feedbackFailed;
      up.setAttribute('aria-pressed', 'false');
      down.setAttribute('aria-pressed', 'false');
      setButtons(false);
    }
  }

  function closeComment(withText: boolean, refocus: boolean): void {
    if (!comment) return;
    const text = withText ? comment.input.value.trim().slice(0, 500) : '';
    comment.box.remove();
    comment = undefined;
    void submit('down', text || undefined);
    if (refocus) down.focus();
  }

  up.addEventListener('click', () => {
    up.setAttribute('aria-pressed', 'true');
    void submit('up');
  });
  down.addEventListener('click', () => {
    if (comment) return;
    down.setAttribute('aria-pressed', 'true');
    setButtons(true);
    const input = el('textarea', { 'data-testid': 'qxz-feedback-comment-input', placeholder: strings.commentPlaceholder, maxlength: '500', rows: '2' });
    const id = `qxz-fb-${Math.random().toString(36).slice(2, 10)}`;
    input.id = id;
    const submitButton = el('button', { type: 'button', class: 'small-button primary', 'data-testid': 'qxz-feedback-comment-submit' }, [strings.commentSubmit]);
    const skipButton = el('button', { type: 'button', class: 'small-button', 'data-testid': 'qxz-feedback-comment-skip' }, [strings.commentSkip]);
    const box = el('div', { class: 'fb-comment', 'data-testid': 'qxz-feedback-comment' }, [
      el('label', { for: id }, [strings.commentLabel]),
      input,
      el('div', { class: 'fb-actions' }, [submitButton, skipButton]),
    ]);
    submitButton.addEventListener('click', () => closeComment(true, true));
    skipButton.addEventListener('click', () => closeComment(false, true));
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        // Esc leaves the comment box, not the whole panel.
        e.preventDefault();
        e.stopPropagation();
        closeComment(false, true);
      }
    });
    comment = { box, input };
    root.append(box);
    input.focus();
  });

  return {
    root,
    flush() {
      closeComment(true, false);
    },
  };
}
