/**
 * Which message seqs the widget has shown, to reconnect `/events` with a Last-Event-ID that loses
 * nothing: the highest seq below which every message is known. Replays above it are deduplicated
 * by message id, so erring low is harmless and erring high would drop an officer's reply.
 */
export class SeqTracker {
  private floor = 0;
  private readonly above = new Set<number>();

  /** Records one seen seq. */
  see(seq: number): void {
    if (!Number.isInteger(seq) || seq <= this.floor) return;
    this.above.add(seq);
    while (this.above.delete(this.floor + 1)) this.floor += 1;
  }

  /** Records a complete thread (everything up to its highest seq is known). */
  seeAll(seqs: readonly number[]): void {
    const max = seqs.reduce((a, b) => (Number.isInteger(b) && b > a ? b : a), 0);
    if (max > this.floor) this.floor = max;
    for (const s of [...this.above]) if (s <= this.floor) this.above.delete(s);
    while (this.above.delete(this.floor + 1)) this.floor += 1;
  }

  /** The Last-Event-ID to send, or undefined when nothing is known yet (the server then starts at its latest). */
  resumeFrom(): string | undefined {
    if (this.floor > 0) return String(this.floor);
    // Nothing contiguous from 1 (a new conversation whose first user message came back without a seq):
    // resume just below the lowest seq seen, which the server treats as "after that".
    if (this.above.size === 0) return undefined;
    return String(Math.max(1, Math.min(...this.above) - 1));
  }
}
