// Waiting without sleeping: poll a predicate (or a change signal) until it holds or a
// deadline passes. Every wait in the harness has a deadline.

export interface WaitOptions {
  /** Deadline in milliseconds from now. */
  within: number;
  /** Poll interval; short, since predicates are cheap. */
  everyMs?: number;
  signal?: AbortSignal;
}

/**
 * Resolves with the predicate's first truthy value, or undefined when `within` ms pass first.
 * Never rejects for a missed deadline: the caller turns "nothing by then" into a verdict.
 */
export async function until<T>(
  predicate: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  options: WaitOptions,
): Promise<T | undefined> {
  const deadline = performance.now() + options.within;
  const every = options.everyMs ?? 10;
  for (;;) {
    const value = await predicate();
    if (value) return value;
    const left = deadline - performance.now();
    if (left <= 0 || options.signal?.aborted) return undefined;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, Math.min(every, left));
      options.signal?.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
    });
  }
}

/** Resolves with the promise's value, or undefined after `ms`; the timer never outlives it. */
export async function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<undefined>((resolve) => { timer = setTimeout(() => resolve(undefined), ms); });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs waits side by side (e.g. on two peers' event logs) and resolves with the first value any
 * of them gives, aborting the others; undefined when all of them end without one.
 */
export async function firstOf<T>(signal: AbortSignal | undefined, waits: readonly ((signal: AbortSignal) => Promise<T | undefined>)[]): Promise<T | undefined> {
  const settled = new AbortController();
  const either = signal ? AbortSignal.any([signal, settled.signal]) : settled.signal;
  try {
    return await new Promise<T | undefined>((resolve, reject) => {
      let left = waits.length;
      if (left === 0) resolve(undefined);
      for (const wait of waits) {
        wait(either).then((value) => {
          if (value !== undefined) resolve(value);
          else if (--left === 0) resolve(undefined);
        }, reject);
      }
    });
  } finally {
    settled.abort();
  }
}
