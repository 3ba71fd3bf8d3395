// Throughput of one operation in MB/s of payload bytes: warm up, run for a time budget, and
// take the median of several runs (the machine is shared, so single runs are noisy).

export function throughput(bytesPerOp: number, op: () => void, seconds: number): number {
  for (let k = 0; k < 20; k++) op();
  let ops = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(Math.round(seconds * 1e9));
  let elapsed = 0n;
  while (elapsed < budget) {
    for (let k = 0; k < 10; k++) op();
    ops += 10;
    elapsed = process.hrtime.bigint() - start;
  }
  return (bytesPerOp * ops) / (Number(elapsed) / 1e9) / 1e6;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Median throughput of `runs` runs of `seconds` each. */
export function medianThroughput(bytesPerOp: number, op: () => void, seconds: number, runs: number): number {
  const results: number[] = [];
  for (let k = 0; k < runs; k++) results.push(throughput(bytesPerOp, op, seconds));
  return median(results);
}

/** A plain text table: first column left-aligned, the others right-aligned. */
export function table(header: string[], body: string[][]): string {
  const widths = header.map((h, k) => Math.max(h.length, ...body.map((r) => (r[k] ?? '').length)));
  const line = (r: string[]) => r.map((c, k) => (k === 0 ? c.padEnd(widths[k] as number) : c.padStart(widths[k] as number))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
