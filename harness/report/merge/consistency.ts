// What must hold before reports are joined into one: they test the same target under the same
// conditions, and, when they are shards, they are every shard of one split of one selection,
// each once. Anything else would give a report of a run that never happened, so each problem
// is one line naming the directories involved (a usage error: exit 3).
import { UsageError } from '../../errors.ts';
import type { ReportInput } from '../read-results.ts';
import type { RunReport } from '../run-report.ts';

const targetOf = (r: RunReport) => `"${r.profile.name}" (${r.profile.role}, LwM2M ${r.profile.lwm2mVersion}${r.profile.endpoint ? `, endpoint ${r.profile.endpoint}` : ''})`;

/** Label of an input in messages and harness errors: `shard 2/3 (DIR)` or `DIR`. */
export function inputLabel(input: ReportInput): string {
  const { shard } = input.report;
  return shard ? `shard ${shard.index}/${shard.count} (${input.dir})` : input.dir;
}

/** Same target: profile name, role, LwM2M version and endpoint; the same network impairment. */
export function checkSameTarget(inputs: readonly ReportInput[]): void {
  const [first, ...rest] = inputs;
  if (!first) return;
  for (const other of rest) {
    // The profile file's path is not compared: shards run in checkouts at different paths.
    if (targetOf(other.report) !== targetOf(first.report)) {
      throw new UsageError(`the reports test different targets: ${first.dir} has ${targetOf(first.report)}, ${other.dir} has ${targetOf(other.report)}`);
    }
    const spec = (r: RunReport) => r.impairment?.spec ?? 'none';
    if (spec(other.report) !== spec(first.report)) {
      throw new UsageError(`the reports ran under different network impairment: ${first.dir} "${spec(first.report)}", ${other.dir} "${spec(other.report)}"`);
    }
  }
}

/** Either no input is a shard, or the inputs are shards 1..n of one split, each once. */
export function checkShardsComplete(inputs: readonly ReportInput[]): void {
  const shards = inputs.filter((i) => i.report.shard);
  if (shards.length === 0) return;
  const whole = inputs.find((i) => !i.report.shard);
  if (whole) throw new UsageError(`${inputLabel(shards[0]!)} is a shard but ${whole.dir} is a whole run: give the shards of one run`);
  const first = shards[0]!;
  const { count, selected } = first.report.shard!;
  const byIndex = new Map<number, ReportInput>();
  for (const input of shards) {
    const s = input.report.shard!;
    if (s.count !== count) throw new UsageError(`shards of different splits: ${inputLabel(first)} and ${inputLabel(input)}`);
    if (s.selected !== selected) {
      throw new UsageError(`shards of different selections: ${inputLabel(first)} is part of ${selected} selected case(s), ${inputLabel(input)} of ${s.selected} (run every shard with the same --case, --interface and --tag)`);
    }
    const seen = byIndex.get(s.index);
    if (seen) throw new UsageError(`shard ${s.index}/${count} given twice: ${seen.dir} and ${input.dir}`);
    byIndex.set(s.index, input);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length) {
    throw new UsageError(`missing shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} (given: ${shards.map(inputLabel).join(', ')})`);
  }
}

/** Each case (by id and what it tests) in one input only. */
export function checkNoDuplicateCases(inputs: readonly ReportInput[]): void {
  const owner = new Map<string, ReportInput>();
  for (const input of inputs) {
    for (const c of input.report.cases) {
      const key = `${c.tests}\u0000${c.id}`;
      const seen = owner.get(key);
      if (seen) throw new UsageError(`case ${c.id} is in more than one report: ${inputLabel(seen)} and ${inputLabel(input)}`);
      owner.set(key, input);
    }
  }
}
