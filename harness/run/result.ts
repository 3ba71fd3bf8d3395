// What a case run produces: the verdict, every check with expected and actual, and the trace.
import type { CheckVerdict, Level, Verdict } from './verdict.ts';
import type { Interface, TargetRole } from './case.ts';

export interface CheckResult {
  readonly id: string;
  readonly level: Level;
  readonly verdict: CheckVerdict;
  readonly description: string;
  readonly expected: unknown;
  readonly actual: unknown;
  readonly ref?: string;
  /** Trace sequence number of the message the check judged. */
  readonly at?: number;
  /** Milliseconds since the case started. */
  readonly atMs: number;
}

/** One datagram of the case's trace, as results.json and trace.jsonl store it. */
export interface TraceEntry {
  readonly seq: number;
  /** Milliseconds since the case started (monotonic clock). */
  readonly atMs: number;
  readonly direction: 'in' | 'out';
  /** Harness peer that sent or received it, e.g. 'server'. */
  readonly endpoint: string;
  readonly from: string;
  readonly to: string;
  readonly summary: string;
  readonly type?: string;
  readonly code?: string;
  readonly messageId?: number;
  readonly token?: string;
  readonly options?: readonly { readonly name: string; readonly value: string }[];
  readonly payload?: string;
  readonly bytesHex: string;
  readonly decodeError?: string;
  /** What the network impairment layer did to it (the summary says so too). */
  readonly impairment?: 'dropped' | 'duplicated' | 'delayed' | 'reordered';
  /** How long the impairment layer held it back, ms. */
  readonly impairmentDelayMs?: number;
  /** Travelled inside a DTLS session: without `wire`, the bytes are the decrypted CoAP datagram. */
  readonly security?: 'dtls';
  /** With `security`: the bytes are the encrypted DTLS records as on the wire, not CoAP. */
  readonly wire?: true;
}

/** An ETS configuration value (Annex C) the target holds differently and the case does not depend on. */
export interface ConfigurationNote {
  /** The configuration that sets it, e.g. 'C.1'. */
  readonly configuration: string;
  readonly path: string;
  /** The ETS value ('*': present, any value). */
  readonly expected: string;
  /** What the target holds, in text/plain, or why it could not be read. */
  readonly actual: string;
}

export interface CaseResult {
  readonly id: string;
  readonly title: string;
  readonly interface: Interface;
  readonly tests: TargetRole;
  readonly ref: string;
  readonly config?: string;
  readonly verdict: Verdict;
  /** Why the verdict is not pass: unmet precondition, missing feature, harness error. */
  readonly reason?: string;
  readonly startedAt: string;
  /** Elapsed (wall-clock) time of the case, from its start to its verdict. */
  readonly durationMs: number;
  /** Of the elapsed time, the time spent waiting for the target (its deadlines and timers). */
  readonly waitedMs?: number;
  readonly checks: readonly CheckResult[];
  readonly notes: readonly string[];
  /** ETS configuration values the target holds differently, which the case did not depend on. */
  readonly configurationNotes?: readonly ConfigurationNote[];
  /** In memory every datagram of the case; in results.json only those kept (report/stored/kept-trace.ts), all in trace.jsonl. */
  readonly trace: readonly TraceEntry[];
  /** How many of the case's datagrams results.json leaves out of `trace` (all are in trace.jsonl). */
  readonly traceOmitted?: number;
  /** The last lines the launched target printed while the case ran, bounded in lines and bytes; the whole output is in target-output.log. */
  readonly targetOutput?: readonly { readonly atMs: number; readonly stream: 'stdout' | 'stderr'; readonly text: string }[];
  /** How many earlier lines of the case's output targetOutput leaves out. */
  readonly targetOutputOmitted?: number;
}
