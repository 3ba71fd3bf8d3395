// trace.jsonl: every datagram of the run in full (addresses, CoAP header, options, payload,
// bytes), one JSON object a line with the id of its case, in case and trace order. results.json
// keeps only part of each trace; this file keeps all of it, for machines and for merge-reports.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../../errors.ts';
import type { TraceEntry } from '../../run/result.ts';
import type { RunReport } from '../run-report.ts';

export const traceFileName = 'trace.jsonl';

/** One line of trace.jsonl. */
export type TraceLine = { case: string } & TraceEntry;

export function traceJsonl(report: RunReport): string {
  return report.cases.flatMap((c) => c.trace.map((t) => `${JSON.stringify({ case: c.id, ...t })}\n`)).join('');
}

export async function writeTraceJsonl(dir: string, report: RunReport): Promise<string> {
  const file = join(dir, traceFileName);
  await writeFile(file, traceJsonl(report));
  return file;
}

/** Every case's full trace, by case id, from DIR/trace.jsonl; a missing or broken file is the user's mistake. */
export async function readTraceJsonl(dir: string): Promise<Map<string, TraceEntry[]>> {
  const file = join(dir, traceFileName);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${file}: ${code === 'ENOENT' ? 'no such file (it holds the datagrams results.json leaves out)' : (error as Error).message}`);
  }
  const traces = new Map<string, TraceEntry[]>();
  text.split('\n').forEach((line, i) => {
    if (!line) return;
    let parsed: TraceLine;
    try {
      parsed = JSON.parse(line) as TraceLine;
    } catch (error) {
      throw new UsageError(`${file}:${i + 1}: not JSON (${(error as Error).message})`);
    }
    if (!parsed || typeof parsed.case !== 'string' || typeof parsed.seq !== 'number') throw new UsageError(`${file}:${i + 1}: not a trace line (needs "case" and "seq")`);
    const { case: id, ...entry } = parsed;
    const list = traces.get(id);
    if (list) list.push(entry);
    else traces.set(id, [entry]);
  });
  return traces;
}
