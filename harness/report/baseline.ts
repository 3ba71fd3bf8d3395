// Known failures (the baseline): a file listing, per case and check, the failures a team has
// accepted for now. A run compared with it fails on a failure not listed (a regression) and on
// a listed failure that no longer happens (a stale entry, so the list only ever shrinks
// knowingly). Harness errors are never baselined: they say nothing about the target.
import { readFile, writeFile } from 'node:fs/promises';
import type { CaseResult } from '../run/result.ts';

export const baselineSchemaVersion = 1;

export interface KnownFailure {
  case: string;
  /** Check id; absent when the case failed as a whole (inconclusive with a reason). */
  check?: string;
  /** The verdict when it was recorded, and what the check said: for people reading the file. */
  verdict: 'fail' | 'inconclusive';
  description?: string;
}

export interface Baseline {
  schemaVersion: typeof baselineSchemaVersion;
  knownFailures: KnownFailure[];
}

export interface BaselineComparison {
  /** Failures this run found that the baseline does not list. */
  newFailures: KnownFailure[];
  /** Listed failures of cases that ran and no longer fail that way. */
  stale: KnownFailure[];
  /** Failures this run found that the baseline lists. */
  known: KnownFailure[];
}

export class BaselineError extends Error {
  override readonly name = 'BaselineError';
}

const key = (f: Pick<KnownFailure, 'case' | 'check'>) => `${f.case}\u0000${f.check ?? ''}`;

/** The failures a run found, in case order: failed (or inconclusive) checks, else the case itself. */
export function failuresOf(cases: readonly CaseResult[]): KnownFailure[] {
  const failures: KnownFailure[] = [];
  for (const c of cases) {
    if (c.verdict !== 'fail' && c.verdict !== 'inconclusive') continue;
    const failed = c.checks.filter((k) => k.verdict === 'fail' || k.verdict === 'inconclusive');
    for (const k of failed) failures.push({ case: c.id, check: k.id, verdict: k.verdict === 'fail' ? 'fail' : 'inconclusive', description: k.description });
    if (!failed.length) failures.push({ case: c.id, verdict: c.verdict, ...(c.reason ? { description: c.reason } : {}) });
  }
  return failures;
}

export function compareWithBaseline(baseline: Baseline, cases: readonly CaseResult[]): BaselineComparison {
  const found = failuresOf(cases);
  const listed = new Set(baseline.knownFailures.map(key));
  const foundKeys = new Set(found.map(key));
  // Entries of cases this run did not execute (not selected, not applicable) are neither used nor stale.
  const ran = new Set(cases.filter((c) => c.verdict !== 'not-applicable' && c.verdict !== 'error').map((c) => c.id));
  return {
    newFailures: found.filter((f) => !listed.has(key(f))),
    known: found.filter((f) => listed.has(key(f))),
    stale: baseline.knownFailures.filter((f) => ran.has(f.case) && !foundKeys.has(key(f))),
  };
}

/** The baseline after this run: its failures, plus the entries of cases it did not run. */
export function updatedBaseline(previous: Baseline | undefined, cases: readonly CaseResult[]): Baseline {
  const ran = new Set(cases.map((c) => c.id));
  const kept = (previous?.knownFailures ?? []).filter((f) => !ran.has(f.case));
  return { schemaVersion: baselineSchemaVersion, knownFailures: [...kept, ...failuresOf(cases)] };
}

export function parseBaseline(text: string, file: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const b = data as Partial<Baseline> | null;
  if (!b || typeof b !== 'object' || b.schemaVersion !== baselineSchemaVersion || !Array.isArray(b.knownFailures)) {
    throw new BaselineError(`${file}: expected { "schemaVersion": ${baselineSchemaVersion}, "knownFailures": [...] }`);
  }
  b.knownFailures.forEach((f, i) => {
    const ok =
      f && typeof f === 'object' && typeof f.case === 'string' && (f.check === undefined || typeof f.check === 'string') && (f.verdict === 'fail' || f.verdict === 'inconclusive');
    if (!ok) throw new BaselineError(`${file}: knownFailures[${i}] needs "case", "verdict" (fail or inconclusive) and optionally "check"`);
  });
  return b as Baseline;
}

/** Reads a baseline; undefined when the file does not exist. */
export async function readBaseline(file: string): Promise<Baseline | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return parseBaseline(text, file);
}

export async function writeBaseline(file: string, baseline: Baseline): Promise<void> {
  await writeFile(file, `${JSON.stringify(baseline, null, 2)}\n`);
}

export function describeFailure(f: KnownFailure): string {
  return `${f.case}${f.check ? ` check ${f.check}` : ''} (${f.verdict}${f.description ? `: ${f.description}` : ''})`;
}
