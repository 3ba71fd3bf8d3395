// Starts a target as a local process, keeps its output for the report, writes driver lines to
// its stdin, and stops it with its whole process tree (bounded waits, then SIGKILL).
import { spawn, type ChildProcess } from 'node:child_process';

export interface OutputLine {
  atMs: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

const maxKeptLines = 5000;

/** The target could not be started or driven: an environment problem, never the target's verdict. */
export class LaunchError extends Error {
  override readonly name = 'LaunchError';
}

/** Resolves true when `promise` settles within `ms`, false otherwise; the timer never outlives it. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), ms); });
  try {
    return await Promise.race([promise.then(() => true), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** The text with every secret value replaced by *. */
export function masked(text: string, secrets: readonly string[]): string {
  return secrets.reduce((t, secret) => t.split(secret).join('*'), text);
}

export class LaunchedProcess {
  private readonly output: OutputLine[] = [];
  private exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly exited: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    readonly commandLine: string,
    private readonly secrets: readonly string[],
    private readonly onLine?: (line: OutputLine) => void,
  ) {
    this.exited = new Promise<void>((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitInfo = { code, signal };
        resolve();
      });
    });
    child.on('error', () => {
      // A failed kill or pipe error on a running child; its exit, if any, is what counts.
    });
    for (const stream of ['stdout', 'stderr'] as const) {
      let partial = '';
      child[stream]?.setEncoding('utf8');
      child[stream]?.on('data', (chunk: string) => {
        const lines = (partial + chunk).split('\n');
        partial = lines.pop() ?? '';
        for (const text of lines) this.keep(stream, text);
      });
    }
    child.stdin?.on('error', () => {
      // The process may exit before reading its stdin; the exit is reported instead.
    });
  }

  /**
   * `secrets`: values (a key in a placeholder) shown as * in the command line and the output kept.
   * `onLine`: each line as it arrives, masked (the memory keeps only the last ones).
   */
  static async start(command: string, args: readonly string[], options: { cwd?: string; env?: Record<string, string>; secrets?: readonly string[]; onLine?: (line: OutputLine) => void }): Promise<LaunchedProcess> {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true, // own process group, so stop() reaches grandchildren too
    });
    const secrets = (options.secrets ?? []).filter((v) => v !== '');
    const commandLine = masked([command, ...args].join(' '), secrets);
    // events.once() rejects on 'error', so listen by hand to tell "started" from "could not start".
    const started = await new Promise<true | Error>((resolve) => {
      child.once('spawn', () => resolve(true));
      child.once('error', (error) => resolve(error));
    });
    if (started !== true) throw new LaunchError(`could not start the target "${commandLine}": ${started.message}`);
    return new LaunchedProcess(child, commandLine, secrets, options.onLine);
  }

  private keep(stream: OutputLine['stream'], text: string) {
    if (this.output.length >= maxKeptLines) this.output.shift();
    const line: OutputLine = { atMs: performance.now(), stream, text: masked(text, this.secrets) };
    this.output.push(line);
    this.onLine?.(line);
  }

  get running(): boolean {
    return this.exitInfo === undefined;
  }

  /** How the process ended, for messages: "exit code 1", "signal SIGKILL". */
  get exitDescription(): string | undefined {
    if (!this.exitInfo) return undefined;
    return this.exitInfo.signal ? `signal ${this.exitInfo.signal}` : `exit code ${this.exitInfo.code}`;
  }

  lines(sinceMs = 0): OutputLine[] {
    return this.output.filter((l) => l.atMs >= sinceMs);
  }

  writeLine(line: string): void {
    if (!this.running || !this.child.stdin?.writable) {
      throw new LaunchError(`cannot write "${line}" to the target's stdin: the process has ended (${this.exitDescription ?? 'stdin closed'})`);
    }
    this.child.stdin.write(`${line}\n`);
  }

  async stop(graceMs = 2000): Promise<void> {
    if (!this.running) return;
    const group = -(this.child.pid ?? 0);
    const signal = (sig: NodeJS.Signals) => {
      try {
        process.kill(group, sig);
      } catch {
        this.child.kill(sig);
      }
    };
    signal('SIGTERM');
    if (!(await settlesWithin(this.exited, graceMs))) {
      signal('SIGKILL');
      await settlesWithin(this.exited, graceMs);
    }
  }
}
