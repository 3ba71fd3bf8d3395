// Throughput of one operation in MB/s of payload bytes: warm up, run for a time budget, and
// take the median of several runs. The machine is shared, so time is counted as this process's
// CPU time (user + system, GC threads included) by default: other processes' load then does not
// count; 'wall' counts elapsed time instead.

export type Clock = 'cpu' | 'wall';

/** Nanoseconds on the chosen clock. */
function now(clock: Clock): number {
  if (clock === 'wall') return Number(process.hrtime.bigint());
  const { user, system } = process.cpuUsage();
  return (user + system) * 1000;
}

/**
 * Runs op for about `seconds` of elapsed time: on a loaded machine the optimizing compiler
 * runs late, and a few calls would leave the measurement to unoptimized code.
 */
export function warmUp(op: () => void, seconds: number): void {
  const end = Date.now() + seconds * 1000;
  for (let k = 0; k < 20 || Date.now() < end; k++) op();
}

export function throughput(bytesPerOp: number, op: () => void, seconds: number, clock: Clock = 'cpu'): number {
  let ops = 0;
  const start = now(clock);
  const budget = seconds * 1e9;
  let elapsed = 0;
  while (elapsed < budget) {
    for (let k = 0; k < 10; k++) op();
    ops += 10;
    elapsed = now(clock) - start;
  }
  return (bytesPerOp * ops) / (elapsed / 1e9) / 1e6;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** A full collection, when node runs with --expose-gc (npm's bench:codecs does). */
const collect = (globalThis as { gc?: () => void }).gc ?? (() => {});

/**
 * Median throughput of `runs` runs of `seconds` each. Each run starts from a collected heap:
 * otherwise the garbage of the cells measured before decides when this one's collections come.
 */
export function medianThroughput(bytesPerOp: number, op: () => void, seconds: number, runs: number, clock: Clock = 'cpu'): number {
  warmUp(op, seconds);
  const results: number[] = [];
  for (let k = 0; k < runs; k++) {
    collect();
    // The forced collection also throws away optimized code that held objects now gone (V8's
    // "weak objects" deoptimization): warm up again, so that the run measures the code the
    // operation runs in steady state rather than its recompilation.
    warmUp(op, seconds / 4);
    results.push(throughput(bytesPerOp, op, seconds, clock));
  }
  return median(results);
}

/** A plain text table: first column left-aligned, the others right-aligned. */
export function table(header: string[], body: string[][]): string {
  const widths = header.map((h, k) => Math.max(h.length, ...body.map((r) => (r[k] ?? '').length)));
  const line = (r: string[]) => r.map((c, k) => (k === 0 ? c.padEnd(widths[k] as number) : c.padStart(widths[k] as number))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
