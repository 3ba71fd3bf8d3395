// Steps the Device Management, Information Reporting and object cases share: reaching the
// registered state in an ETS configuration (Annex C; else inconclusive, saying what is missing),
// reading what a response carried, and the content-format numbers the ETS names.
import type { CaseContext } from '../../harness/run/context.ts';
import type { Outcome, ServerEvent } from '../../harness/run/case-server.ts';
import { contentFormat } from '../../harness/lwm2m/formats/index.ts';
import { decodeLinkFormat } from '../../harness/lwm2m/formats/link-format.ts';
import { coreModel } from '../../harness/lwm2m/model/index.ts';
import { valueToJson, type LwM2mNode } from '../../harness/lwm2m/node.ts';
import { registered } from './registration/steps.ts';
import type { ServerAccount } from '../../harness/run/case-device.ts';

export { s } from './registration/steps.ts';

/** Content-Format numbers (Core §7.1; CATALOGUE §5.5). */
export const CF = { text: 0, link: 40, opaque: 42, cbor: 60, senmlJson: 110, senmlCbor: 112, tlv: 11542, omaJson: 11543, lwm2mCbor: 11544 } as const;

/** The response code of an outcome, or what happened instead. */
export function codeOf(outcome: Outcome | undefined): string {
  if (!outcome) return 'no request sent';
  return outcome.response?.code ?? `no response (${outcome.error})`;
}

/** Anchors a check at the message an outcome or event came from. */
export function on(what: Outcome | ServerEvent | undefined): { at?: number } {
  return what?.seq !== undefined ? { at: what.seq } : {};
}

/** Decodes a payload by its Content-Format, against the core object model. */
export function decodePayload(payload: Buffer | undefined, format: number | undefined, path?: string): { nodes: LwM2mNode[] } | { error: string } {
  if (format === undefined) return { error: 'no Content-Format' };
  const codec = contentFormat(format);
  if (!codec) return { error: `unknown Content-Format ${format}` };
  const decoded = codec.decode(payload ?? Buffer.alloc(0), { model: coreModel(), ...(path ? { path } : {}) });
  return decoded.ok ? { nodes: decoded.value } : { error: `${codec.name}: ${decoded.error.reason}` };
}

/** Decodes what a response carried. */
export function decoded(outcome: Outcome, path?: string): { nodes: LwM2mNode[] } | { error: string } {
  if (!outcome.response) return { error: `no response (${outcome.error})` };
  return decodePayload(outcome.response.payload, outcome.response.contentFormat, path);
}

/** Decoded values by path ('/3/0/0' → 'Maker'); a text when the payload did not decode. */
export function valuesOf(result: { nodes: LwM2mNode[] } | { error: string }): Record<string, unknown> | string {
  if ('error' in result) return result.error;
  return Object.fromEntries(result.nodes.map((n) => [n.path, valueToJson(n.type, n.value)]));
}

/** Values under given paths only, for comparison with expected values. */
export function pick(values: Record<string, unknown> | string, paths: readonly string[]): Record<string, unknown> | string {
  if (typeof values === 'string') return values;
  return Object.fromEntries(paths.map((p) => [p, values[p] ?? null]));
}

/** Paths present in decoded values ('' when the payload did not decode). */
export function pathsOf(values: Record<string, unknown> | string): string[] {
  return typeof values === 'string' ? [] : Object.keys(values).sort();
}

/** A link-format body as uri → attributes; a text when it does not parse. */
export function linksOf(outcome: Outcome): Map<string, Record<string, string | true>> | string {
  if (!outcome.response) return `no response (${outcome.error})`;
  const parsed = decodeLinkFormat(outcome.response.payload.toString('utf8'));
  if (!parsed.ok) return `not link format: ${parsed.error.reason}`;
  return new Map(parsed.value.map((l) => [l.uri, Object.fromEntries(l.attributes.map((a) => [a.name, a.value ?? true]))]));
}

/** The attributes a Discover answer gives one link, or 'absent'. */
export function linkAttributes(links: Map<string, Record<string, string | true>> | string, uri: string): Record<string, string | true> | string {
  if (typeof links === 'string') return links;
  return links.get(uri) ?? 'absent';
}

/** ETS values keyed by the ETS's Server object paths (/1/0/r), re-keyed to the device's own server account (/1/x/r). */
export function onAccount<T>(ctx: CaseContext, values: Readonly<Record<string, T>>): Record<string, T> {
  const account = ctx.device.serverAccount;
  return Object.fromEntries(Object.entries(values).map(([path, value]) => [path.replace(/^\/1\/0(?=\/|$)/, account.path), value]));
}

/** Timing the reporting cases use in place of the ETS's periods: the profile's pmin/pmax. */
export function periods({ target }: Pick<CaseContext, 'target'>): { pmin: number; pmax: number; toleranceMs: number } {
  const pmin = target.timing.pminS;
  return { pmin, pmax: Math.max(target.timing.pmaxS, pmin + 1), toleranceMs: target.timing.toleranceMs };
}

/**
 * What each ETS configuration (Annex C) sets, as text/plain values ('*': present, any value);
 * the Server object part at the device's own server account (the ETS's /1/0, SSID 1).
 */
const configurationsOf = (account: ServerAccount): Record<string, Record<string, string>> => ({
  'C.1': {
    [account.resource(0)]: String(account.ssid), [account.resource(1)]: '86400', [account.resource(6)]: '0', [account.resource(7)]: 'U',
    '/3/0/0': '*', '/3/0/1': '*', '/3/0/2': '*', '/3/0/3': '*', '/3/0/11/0': '0', '/3/0/16': 'U',
  },
  'C.3': { [account.resource(2)]: '1', [account.resource(3)]: '10', [account.resource(5)]: '86400' },
  'C.4': { '/3/0/6/0': '1', '/3/0/6/1': '2', '/3/0/7/0': '*', '/3/0/7/1': '*', '/3/0/8/0': '*', '/3/0/8/1': '*', '/3/0/9': '*' },
  'C.6': {
    '/3/0/10': '*', '/3/0/13': '*', '/3/0/14': '*', '/3/0/15': '*', '/3/0/17': '*', '/3/0/18': '*', '/3/0/19': '*', '/3/0/20': '*', '/3/0/21': '*',
  },
  'C.12': {
    '/16/0/0/0': 'Host Device ID #1', '/16/0/0/1': 'Host Device Manufacturer #1', '/16/0/0/2': 'Host Device Model #1', '/16/0/0/3': 'Host Device Software Version #1',
  },
});

/** Configurations build on each other: C.4 is C.3 plus power resources, C.3 is C.1 extended. */
const includes: Record<string, string[]> = { 'C.1': ['C.1'], 'C.3': ['C.1', 'C.3'], 'C.4': ['C.1', 'C.3', 'C.4'], 'C.6': ['C.1', 'C.3', 'C.4', 'C.6'], 'C.12': ['C.1', 'C.12'] };

/** The registered client, and the text/plain values it holds for each configuration path read. */
export type Configured = ServerEvent & { location: string; values: Record<string, string> };

/** The client registered (after its reset), in the given configurations as far as the case needs them (see configuredNeeding); it needs none of their values. */
export function configured(ctx: CaseContext, ...configs: string[]): Promise<Configured> {
  return configuredNeeding(ctx, [], ...configs);
}

/**
 * The client registered (after its reset) and in the given configurations: each value read in
 * text/plain. `needs` names the ETS paths (/1/0/r as the ETS writes them) whose ETS values the
 * case's steps or criteria depend on: one that differs is written and restored after the case,
 * and only a value the target refuses makes the case inconclusive, naming it. Other values that
 * differ are configuration notes, reported once per run. The Security object cannot be read by a
 * management server (4.01), so its part is not checked.
 */
export async function configuredNeeding(ctx: CaseContext, needs: readonly string[], ...configs: string[]): Promise<Configured> {
  const reg = await registered(ctx);
  const wanted = new Map<string, { value: string; configuration: string }>();
  const configurations = configurationsOf(ctx.device.serverAccount);
  for (const config of configs) {
    for (const part of includes[config] ?? [config]) {
      for (const [path, value] of Object.entries(configurations[part] ?? {})) wanted.set(path, { value, configuration: part });
    }
  }
  const needed = new Set(Object.keys(onAccount(ctx, Object.fromEntries(needs.map((p) => [p, true])))));
  const held = await readConfiguration(ctx, [...wanted.keys()]);
  const values: Record<string, string> = {};
  const missing: string[] = [];
  for (const [path, { value, configuration }] of wanted) {
    const actual = held.get(path)!;
    if ('value' in actual) values[path] = actual.value;
    if ('value' in actual && (value === '*' || actual.value === value)) continue;
    const shown = 'value' in actual ? `"${actual.value}"` : actual.problem;
    if (!needed.has(path)) {
      ctx.configurationNote({ configuration, path, expected: value, actual: shown });
      continue;
    }
    if (!('value' in actual) || value === '*') {
      missing.push(`${path} (${shown})`);
      continue;
    }
    const write = await ctx.server.writeBody(ctx.target.endpoint, path, value, CF.text);
    if (codeOf(write) !== '2.04') {
      missing.push(`${path} = ${shown}, not "${value}" (a write of "${value}" was answered ${codeOf(write)})`);
      continue;
    }
    values[path] = value;
    ctx.note(`${path} was ${shown}; wrote "${value}" (ETS ${configuration}), restored after the case`);
    ctx.afterCase(async () => {
      const restore = await ctx.server.writeBody(ctx.target.endpoint, path, actual.value, CF.text);
      if (codeOf(restore) !== '2.04') ctx.note(`restoring ${path} to ${shown} was answered ${codeOf(restore)}`);
    });
  }
  ctx.precondition(missing.length === 0, `the target does not hold what the case needs of configuration ${configs.join(' + ')}: ${missing.join('; ')}`);
  ctx.note(`configuration ${configs.join(' + ')} read (${wanted.size} values in text/plain; the case needs ${needs.length ? needs.join(', ') : 'none of them'})`);
  return { ...reg, values };
}

/** Each path's text/plain value, or why it could not be read. */
async function readConfiguration(ctx: CaseContext, paths: readonly string[]): Promise<Map<string, { value: string } | { problem: string }>> {
  const held = new Map<string, { value: string } | { problem: string }>();
  // Resource instances are read through their resource in a multi-value format the target
  // claims, so that a target without resource-instance paths still shows its configuration.
  const multi = multiValueFormat(ctx);
  const parents = new Map<string, string[]>();
  for (const path of paths) {
    if (path.split('/').length === 5 && multi !== undefined) {
      const parent = path.slice(0, path.lastIndexOf('/'));
      parents.set(parent, [...(parents.get(parent) ?? []), path]);
      continue;
    }
    const read = await ctx.server.read(ctx.target.endpoint, path, CF.text);
    const code = codeOf(read);
    held.set(path, code === '2.05' ? { value: read.response!.payload.toString('utf8') } : { problem: `read: ${code}` });
  }
  for (const [parent, children] of parents) {
    const read = await ctx.server.read(ctx.target.endpoint, parent, multi);
    // Lenient here: a missing Content-Format is judged by the cases, not by the precondition.
    const values = valuesOf(decodePayload(read.response?.payload, read.response?.contentFormat ?? multi, parent));
    for (const path of children) {
      if (typeof values === 'string') held.set(path, { problem: `read ${parent}: ${codeOf(read)}, ${values}` });
      else if (!(path in values)) held.set(path, { problem: `absent from ${parent}` });
      else held.set(path, { value: String(values[path]) });
    }
  }
  return held;
}

/** A multi-value format the target claims, preferring SenML (undefined: none claimed). */
export function multiValueFormat(ctx: CaseContext): number | undefined {
  const order: [string, number][] = [['senml-json', CF.senmlJson], ['senml-cbor', CF.senmlCbor], ['tlv', CF.tlv], ['lwm2m-cbor', CF.lwm2mCbor], ['oma-json', CF.omaJson]];
  return order.find(([name]) => ctx.target.features.has(`format:${name}`))?.[1];
}

/** Waits for the next notification of an observation after `since`. */
export function nextNotification(ctx: CaseContext, observation: number, since: number, within: number): Promise<ServerEvent | undefined> {
  return ctx.server.waitFor('notify', { since, within, signal: ctx.signal, where: (e) => e.observation === observation });
}
