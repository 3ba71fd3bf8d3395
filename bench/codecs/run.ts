// Codec benchmark: decode and encode throughput (MB/s of payload bytes) per content format at
// ~1 KiB and ~64 KiB (medians of --runs runs), the same at 1, 4, 16, 64 and 256 KiB to show that
// time grows linearly with size, then the mutated-input fuzz (10^6 inputs per decoder by default).
// Time is this process's CPU time unless --clock wall (the machine is shared with other runs).
// npm runs it with V8's allocation-site pretenuring off: a decode keeps all its nodes alive until
// it returns, and when a scavenge happens to see that, V8 may decide to allocate those nodes in the
// old generation from then on, so the same decode measured 15 or 90 MB/s depending on what ran
// before it. `node --import tsx bench/codecs/run.ts` measures with V8's defaults.
// Run: npm run bench:codecs [-- --fuzz N] [-- --seconds S] [-- --runs R] [-- --clock cpu|wall] [-- --only tlv,senml-cbor]
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { CODECS } from '../../harness/lwm2m/formats/index.ts';
import type { DecodeContext } from '../../harness/lwm2m/formats/codec.ts';
import { checkDecode, mutate, prng, SEEDS, fuzzModel } from '../../test/lwm2m/fuzz-support.ts';
import { medianThroughput, table, type Clock } from './measure.ts';
import { benchInput } from './payloads.ts';

const { values } = parseArgs({
  options: { fuzz: { type: 'string' }, seconds: { type: 'string' }, runs: { type: 'string' }, clock: { type: 'string' }, only: { type: 'string' } },
});
const FUZZ = Number(values.fuzz ?? 1_000_000);
const SECONDS = Number(values.seconds ?? 0.3);
const RUNS = Number(values.runs ?? 3);
const CLOCK: Clock = values.clock === 'wall' ? 'wall' : 'cpu';
const ONLY = values.only?.split(',');
/** The codecs to measure: all, or those named by --only (name or number). */
const SELECTED = CODECS.filter((c) => ONLY === undefined || ONLY.includes(c.name) || ONLY.includes(String(c.number)));
/** The formats held to the throughput goal. */
const GOAL_FORMATS = ['tlv', 'senml-json', 'senml-cbor', 'oma-json', 'lwm2m-cbor', 'link-format'];
const GOAL_MBS = 50;
const KIB = 1024;

const load = loadavg().map((l) => l.toFixed(2)).join(' ');
const flags = process.execArgv.filter((a) => a.startsWith('--') && a !== '--import' && a !== 'tsx').join(' ') || 'V8 defaults';
console.log(`Node ${process.version} (${flags}), ${cpus().length} cores, load average ${load}; medians of ${RUNS} runs of ${SECONDS} s of ${CLOCK === 'cpu' ? 'CPU time of this process' : 'wall-clock time'}`);

/** Payload size, encode and decode MB/s of one codec at one target size. */
function measure(codec: (typeof CODECS)[number], target: number): { bytes: number; encode: number; decode: number } {
  const { nodes, options, context } = benchInput(codec, target);
  const payload = codec.encode(nodes, options);
  const check = codec.decode(payload, context);
  if (!check.ok) throw new Error(`${codec.name}: benchmark payload does not decode: ${check.error.reason}`);
  const encode = medianThroughput(payload.length, () => codec.encode(nodes, options), SECONDS, RUNS, CLOCK);
  const decode = medianThroughput(payload.length, () => codec.decode(payload, context), SECONDS, RUNS, CLOCK);
  return { bytes: payload.length, encode, decode };
}

console.log('\nThroughput (MB/s of payload bytes)');
const rows: string[][] = [];
const worst = new Map<string, number>();
for (const codec of SELECTED) {
  const small = measure(codec, KIB);
  const large = measure(codec, 64 * KIB);
  rows.push([`${codec.number} ${codec.name}`, small.decode.toFixed(1), large.decode.toFixed(1), small.encode.toFixed(1), large.encode.toFixed(1)]);
  worst.set(codec.name, Math.min(small.decode, large.decode, small.encode, large.encode));
}
console.log(table(['format', 'decode 1 KiB', 'decode 64 KiB', 'encode 1 KiB', 'encode 64 KiB'], rows));

const SERIES = [1, 4, 16, 64, 256];
console.log(`\nLinearity: MB/s at ${SERIES.join(', ')} KiB (constant MB/s = time linear in size)`);
const seriesRows: string[][] = [];
const flatness = new Map<string, number>();
for (const codec of SELECTED.filter((c) => GOAL_FORMATS.includes(c.name))) {
  const points = SERIES.map((kib) => measure(codec, kib * KIB));
  // Throughput at 256 KiB over that at 4 KiB: near 1 when linear, 1/64 when quadratic.
  const ratio = Math.min((points[4] as { encode: number }).encode / (points[1] as { encode: number }).encode, 1);
  flatness.set(codec.name, ratio);
  seriesRows.push([`${codec.name} encode`, ...points.map((p) => p.encode.toFixed(1)), ratio.toFixed(2)]);
  seriesRows.push([`${codec.name} decode`, ...points.map((p) => p.decode.toFixed(1)), '']);
}
console.log(table(['format', ...SERIES.map((k) => `${k} KiB`), '256/4'], seriesRows));

for (const name of GOAL_FORMATS.filter((n) => worst.has(n))) {
  const w = worst.get(name) as number;
  const flat = flatness.get(name);
  const linear = flat === undefined ? '' : `; encode ${flat >= 0.5 ? 'linear' : 'NOT linear'} (256/4 KiB ${flat.toFixed(2)})`;
  console.log(`goal >= ${GOAL_MBS} MB/s for ${name}: ${w >= GOAL_MBS ? 'met' : 'NOT met'} (worst cell ${w.toFixed(1)})${linear}`);
}

if (FUZZ > 0) {
  console.log(`\nMutated-input fuzz: ${FUZZ} inputs per decoder`);
  const fuzzRows: string[][] = [];
  let problems = 0;
  for (const codec of SELECTED) {
    const seeds = SEEDS.get(codec.number) ?? [];
    const next = prng(0x1234567 ^ codec.number);
    let ok = 0;
    let errors = 0;
    const start = Date.now();
    for (let k = 0; k < FUZZ; k++) {
      const seed = seeds[k % Math.max(1, seeds.length)];
      const payload = mutate(seed?.payload ?? new Uint8Array(0), next);
      const context: DecodeContext = { model: fuzzModel, ...(seed?.path ? { path: seed.path } : {}) };
      const problem = checkDecode(codec, payload, context);
      if (problem) {
        problems++;
        if (problems <= 5) console.log(`  ${codec.name}: ${problem} on ${Buffer.from(payload).toString('hex')}`);
        continue;
      }
      const r = codec.decode(payload, context);
      if (r.ok) ok++;
      else errors++;
    }
    const secs = (Date.now() - start) / 1000;
    fuzzRows.push([`${codec.number} ${codec.name}`, String(ok), String(errors), secs.toFixed(1), String(Math.round(FUZZ / secs))]);
  }
  console.log(table(['format', 'decoded', 'DecodeError', 'seconds', 'inputs/s'], fuzzRows));
  console.log(problems === 0 ? 'fuzz: every input gave nodes or a DecodeError' : `fuzz: ${problems} inputs misbehaved`);
  process.exitCode = problems === 0 ? 0 : 1;
}
