// The ETS configurations of the additional objects (Annex C): C.10 and C.11 (Cellular
// Connectivity /10, APN Connection Profile /11), C.15 (BinaryAppDataContainer /19) and C.16
// (Event Log /20). The base configuration (C.1 or C.3) is read as the other cases read it; then
// each object instance the configuration sets is read once in a multi-value format, TLV where
// the target claims it (the ETS reads these objects in TLV). A value the case needs that differs
// is written in text/plain and restored after the case; the others that differ are
// configuration notes, and a missing instance makes the case inconclusive.
import type { CaseContext } from '../../../harness/run/context.ts';
import { CF, codeOf, configured, decoded, multiValueFormat, valuesOf, type Configured } from '../dm-steps.ts';

/** '*': present, any value; other values as decoded values show them (integers, booleans, "11:0" object links). */
type Wanted = Readonly<Record<string, unknown>>;

const c10: Wanted = { '/10/0/4': 3600, '/10/0/5': 600, '/10/0/8': '*', '/10/0/9': '*', '/11/0/0': '*', '/11/0/3': true };

const configurations: Record<string, { base: string; instances: readonly string[]; values: Wanted }> = {
  // C.10 also sets /10/0/6 (Serving PLMN Rate control), which /10 1.1 moved to /11, and WLAN /12: neither is read.
  'C.10': { base: 'C.1', instances: ['/10/0', '/11/0'], values: c10 },
  'C.11': { base: 'C.1', instances: ['/10/0', '/11/0'], values: { ...c10, '/10/0/11/0': '11:0', '/10/0/13': 3, '/10/0/14': 1 } },
  // C.15: instance 0 carries data from the client, instance 1 data from the server ("n/a": any).
  'C.15': { base: 'C.3', instances: ['/19/0', '/19/1'], values: { '/19/0/0/0': '*' } },
  // C.16 also prints LogStart /20/0/4011 = "0,100", but LogStart is executable and holds no value.
  'C.16': { base: 'C.3', instances: ['/20/0'], values: { '/20/0/4010': 0, '/20/0/4013': 3, '/20/0/4014': '*' } },
};

/** The format the object cases read and write in: TLV as the ETS does, else another multi-value format the target claims. */
export function objectFormat(ctx: CaseContext): number {
  if (ctx.target.features.has('format:tlv')) return CF.tlv;
  return ctx.precondition(multiValueFormat(ctx), 'the profile claims no multi-value format (TLV, SenML, LwM2M CBOR, OMA JSON) to read object instances in');
}

/** The registered device in an additional-object configuration; `values` holds the object values as read (and written). */
export async function objectConfigured(ctx: CaseContext, name: 'C.10' | 'C.11' | 'C.15' | 'C.16', needs: readonly string[] = []): Promise<Configured & { objects: Record<string, unknown> }> {
  const config = configurations[name]!;
  const reg = await configured(ctx, config.base);
  const format = objectFormat(ctx);
  const objects: Record<string, unknown> = {};
  for (const instance of config.instances) {
    const read = await ctx.server.read(ctx.target.endpoint, instance, format);
    const values = valuesOf(decoded(read, instance));
    ctx.precondition(codeOf(read) === '2.05' && typeof values !== 'string', `the device does not hold ${instance} (ETS ${name}): reading it was answered ${codeOf(read)}${typeof values === 'string' ? `, ${values}` : ''}`);
    Object.assign(objects, values);
  }
  const missing: string[] = [];
  for (const [path, value] of Object.entries(config.values)) {
    const held = objects[path];
    if (held !== undefined && (value === '*' || held === value)) continue;
    const shown = held === undefined ? 'absent' : JSON.stringify(held);
    if (!needs.includes(path)) {
      ctx.configurationNote({ configuration: name, path, expected: String(value), actual: shown });
      continue;
    }
    if (held === undefined || value === '*') {
      missing.push(`${path} (${shown})`);
      continue;
    }
    const text = (v: unknown) => (typeof v === 'boolean' ? (v ? '1' : '0') : String(v));
    const write = await ctx.server.writeBody(ctx.target.endpoint, path, text(value), CF.text);
    if (codeOf(write) !== '2.04') {
      missing.push(`${path} = ${shown}, not ${JSON.stringify(value)} (a write of it was answered ${codeOf(write)})`);
      continue;
    }
    objects[path] = value;
    ctx.note(`${path} was ${shown}; wrote ${JSON.stringify(value)} (ETS ${name}), restored after the case`);
    ctx.afterCase(async () => {
      const restore = await ctx.server.writeBody(ctx.target.endpoint, path, text(held), CF.text);
      if (codeOf(restore) !== '2.04') ctx.note(`restoring ${path} to ${shown} was answered ${codeOf(restore)}`);
    });
  }
  ctx.precondition(missing.length === 0, `the target does not hold what the case needs of configuration ${name}: ${missing.join('; ')}`);
  ctx.note(`configuration ${name} read (${config.instances.join(', ')}; the case needs ${needs.length ? needs.join(', ') : 'none of its values'})`);
  return { ...reg, objects };
}
