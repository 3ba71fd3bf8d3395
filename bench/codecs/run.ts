// Codec benchmark: encode and decode throughput (MB/s of payload) per content format on a
// ~1 KiB and a ~64 KiB payload, then the mutated-input fuzz (10^6 inputs per decoder by default).
// Run: npm run bench:codecs [-- --fuzz N] [-- --seconds S] [-- --only tlv,senml-cbor]
import { parseArgs } from 'node:util';
import { CODECS } from '../../harness/lwm2m/formats/index.ts';
import type { ContentFormatCodec, DecodeContext, EncodeOptions } from '../../harness/lwm2m/formats/codec.ts';
import type { ObjectModel, ValueType } from '../../harness/lwm2m/model/types.ts';
import type { LwM2mNode } from '../../harness/lwm2m/node.ts';
import { checkDecode, mutate, prng, SEEDS, fuzzModel } from '../../test/lwm2m/fuzz-support.ts';

const { values } = parseArgs({ options: { fuzz: { type: 'string' }, seconds: { type: 'string' }, only: { type: 'string' } } });
const FUZZ = Number(values.fuzz ?? 1_000_000);
const SECONDS = Number(values.seconds ?? 0.5);
const ONLY = values.only?.split(',');
/** The codecs to measure: all, or those named by --only (name or number). */
const SELECTED = CODECS.filter((c) => ONLY === undefined || ONLY.includes(c.name) || ONLY.includes(String(c.number)));

const TYPES: ValueType[] = ['string', 'integer', 'float', 'boolean', 'opaque', 'time', 'objlnk', 'unsigned'];
const model: ObjectModel = {
  object: () => undefined,
  resource: (_o, r) => ({ id: r, name: `r${r}`, type: TYPES[r % TYPES.length] as ValueType, operations: 'RW', multiple: false, mandatory: false }),
};

/** Mixed-type resources spread over instances until the encoded payload reaches `target` bytes. */
function nodesFor(codec: ContentFormatCodec, target: number): { nodes: LwM2mNode[]; options: EncodeOptions; context: DecodeContext } {
  if (codec.number === 0 || codec.number === 42 || codec.number === 60) {
    const type: ValueType = codec.number === 42 ? 'opaque' : 'string';
    const value = type === 'opaque' ? new Uint8Array(target).map((_, k) => k & 0xff) : 'x'.repeat(target);
    return { nodes: [{ path: '/40000/0/0', type, value }], options: {}, context: { path: '/40000/0/0', type } };
  }
  if (codec.number === 40) {
    const links: string[] = [];
    let size = 0;
    for (let k = 0; size < target; k++) {
      const l = `</${3300 + (k % 50)}/${k}>;pmin=10;pmax=60;ver=1.1`;
      links.push(l);
      size += l.length + 1;
    }
    return { nodes: [{ path: '/', type: 'corelnk', value: links.join(',') }], options: {}, context: {} };
  }
  const nodes: LwM2mNode[] = [];
  let size = 0;
  for (let k = 0; size < target; k++) {
    const i = Math.floor(k / 40);
    const r = k % 40;
    const type = TYPES[r % TYPES.length] as ValueType;
    const value =
      type === 'string' ? `value-${k}` : type === 'integer' ? k * 1000003 : type === 'float' ? k + 0.25 : type === 'boolean' ? k % 2 === 0
        : type === 'opaque' ? new Uint8Array([k & 0xff, 1, 2, 3]) : type === 'time' ? 1700000000 + k : type === 'objlnk' ? { objectId: 3, instanceId: k & 0xffff } : k;
    nodes.push({ path: `/40000/${i}/${r}`, type, value });
    // Measure every 16 nodes only: encoding the whole list each time would be quadratic.
    if (nodes.length % 16 === 0) size = codec.encode(nodes, { path: '/40000' }).length;
  }
  while (nodes.length > 1 && codec.encode(nodes, { path: '/40000' }).length > target * 1.02) nodes.pop();
  return { nodes, options: { path: '/40000' }, context: { path: '/40000', model } };
}

function throughput(bytesPerOp: number, op: () => void): number {
  for (let k = 0; k < 20; k++) op();
  let ops = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(Math.round(SECONDS * 1e9));
  let elapsed = 0n;
  while (elapsed < budget) {
    for (let k = 0; k < 10; k++) op();
    ops += 10;
    elapsed = process.hrtime.bigint() - start;
  }
  return (bytesPerOp * ops) / (Number(elapsed) / 1e9) / 1e6;
}

const rows: string[][] = [];
for (const codec of SELECTED) {
  for (const [label, target] of [['1 KiB', 1024], ['64 KiB', 65536]] as const) {
    const { nodes, options, context } = nodesFor(codec, target);
    const payload = codec.encode(nodes, options);
    const check = codec.decode(payload, context);
    if (!check.ok) throw new Error(`${codec.name}: benchmark payload does not decode: ${check.error.reason}`);
    const enc = throughput(payload.length, () => codec.encode(nodes, options));
    const dec = throughput(payload.length, () => codec.decode(payload, context));
    rows.push([`${codec.number} ${codec.name}`, label, String(payload.length), enc.toFixed(1), dec.toFixed(1)]);
  }
}

function table(header: string[], body: string[][]): string {
  const widths = header.map((h, k) => Math.max(h.length, ...body.map((r) => (r[k] ?? '').length)));
  const line = (r: string[]) => r.map((c, k) => (k === 0 ? c.padEnd(widths[k] as number) : c.padStart(widths[k] as number))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

console.log('Throughput (MB/s of payload bytes)');
console.log(table(['format', 'payload', 'bytes', 'encode', 'decode'], rows));
for (const name of ['tlv', 'senml-cbor'].filter((n) => SELECTED.some((c) => c.name === n))) {
  const worst = Math.min(...rows.filter((r) => (r[0] ?? '').endsWith(` ${name}`)).map((r) => Number(r[4])));
  console.log(`goal >= 50 MB/s decode for ${name}: ${worst >= 50 ? 'met' : 'NOT met'} (${worst.toFixed(1)})`);
}

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
