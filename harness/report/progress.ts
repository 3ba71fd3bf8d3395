// Live progress while a run goes on: cases done / total, the case running now and the time
// elapsed, as one status line rewritten in place. Only on a terminal: a log file would fill
// with carriage returns, so elsewhere the finished-case lines are the progress.
export interface ProgressSink {
  write(text: string): void;
  isTTY?: boolean;
}

export class Progress {
  private done = 0;
  private current: string | undefined;
  private readonly started = performance.now();
  private timer: ReturnType<typeof setInterval> | undefined;
  private shown = false;

  constructor(
    private readonly sink: ProgressSink,
    private readonly total: number,
    private readonly enabled = sink.isTTY === true,
  ) {}

  /** The status line as it reads now. */
  status(): string {
    const elapsed = ((performance.now() - this.started) / 1000).toFixed(0);
    const running = this.current ? `  running ${this.current}` : '';
    return `[${this.done}/${this.total}] ${elapsed}s elapsed${running}`;
  }

  caseStarted(id: string): void {
    this.current = id;
    if (!this.enabled) return;
    // Tick once a second so a long case shows the clock moving; unref'd so it never holds the process.
    this.timer ??= setInterval(() => this.draw(), 1000);
    this.timer.unref();
    this.draw();
  }

  caseDone(): void {
    this.done++;
    this.current = undefined;
  }

  /** Clears the status line so a normal line can be printed; call draw() after it. */
  clear(): void {
    if (this.shown) this.sink.write('\r\x1b[2K');
    this.shown = false;
  }

  draw(): void {
    if (!this.enabled) return;
    this.clear();
    this.sink.write(this.status());
    this.shown = true;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.clear();
  }
}
