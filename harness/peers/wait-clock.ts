// Measures how long a peer spends waiting for its target: wall time while at least one wait
// is pending, so two waits running side by side (two observations) count once.

export class WaitClock {
  private pending = 0;
  private since = 0;
  private total = 0;

  begin(): void {
    if (this.pending++ === 0) this.since = performance.now();
  }

  end(): void {
    if (this.pending === 0) return;
    if (--this.pending === 0) this.total += performance.now() - this.since;
  }

  /** Total waited time so far, ms (a pending wait counts up to now). */
  get ms(): number {
    return this.total + (this.pending > 0 ? performance.now() - this.since : 0);
  }
}
