// New-ticket alerts: a short beep (WebAudio) and a title counter, "(1) 新工单".

/** The alert state of the page. */
export interface Alerts {
  /** Counts one new ticket: beep, title and counter. */
  ticketArrived(): void;
  /** Beeps once without counting (e.g. the person wrote on my ticket). */
  beep(): void;
  /** Clears the counter and title. */
  clear(): void;
  /** Allows sound after a user gesture (browsers keep audio suspended until then). */
  unlock(): void;
  /** Number of unseen new tickets. */
  readonly count: number;
}

/** Creates the alerts over the document title and a counter element. */
export function createAlerts(doc: Document, counter: HTMLElement, baseTitle: string): Alerts {
  let count = 0;
  let audio: AudioContext | undefined;

  const render = (): void => {
    doc.title = count > 0 ? `(${count}) 新工单 - ${baseTitle}` : baseTitle;
    counter.textContent = count > 0 ? `${count} 张新工单` : '';
    counter.hidden = count === 0;
  };

  const context = (): AudioContext | undefined => {
    const Ctor = (globalThis as { AudioContext?: typeof AudioContext }).AudioContext;
    if (!Ctor) return undefined;
    try {
      audio ??= new Ctor();
    } catch {
      return undefined;
    }
    return audio;
  };

  const beep = (): void => {
    const ctx = context();
    if (!ctx || ctx.state !== 'running') return;
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = 880;
    gain.gain.setValueAtTime(0.0001, ctx.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.2, ctx.currentTime + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + 0.35);
    osc.connect(gain).connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + 0.4);
  };

  render();
  return {
    ticketArrived() {
      count += 1;
      render();
      beep();
    },
    beep,
    clear() {
      count = 0;
      render();
    },
    unlock() {
      const ctx = context();
      if (ctx && ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
    },
    get count() {
      return count;
    },
  };
}
