// Steps the server-registration cases share: a simulated client that registers, and checks of
// what the server answered.
import type { CaseContext } from '../../../harness/run/context.ts';
import { decodeLinkFormat } from '../../../harness/lwm2m/formats/link-format.ts';
import type { RegisterSpec, SimulatedClient } from '../../../harness/run/case-clients.ts';
import type { Outcome } from '../../../harness/run/case-server.ts';

/** Where the judged response sits in the trace. */
export const at = (exchange: Outcome) => (exchange.seq !== undefined ? { at: exchange.seq } : {});

/** The response code, or what happened instead ("no response: …"). */
export const codeOf = (exchange: Outcome) => exchange.response?.code ?? `no response: ${exchange.error}`;

/** What a Register sent that a server may refuse: its LwM2M version and its root link's content formats. */
export function registerSent(client: SimulatedClient, spec: RegisterSpec = {}): { version: string; rootCt: string } {
  const { query, links } = client.registerContent(spec);
  const version = query.find((q) => q.startsWith('lwm2m='))?.slice('lwm2m='.length) ?? '(none)';
  const rootCt = /^<\/>;[^,]*?\bct=("[^"]*"|\d+)/.exec(links)?.[1] ?? '(none)';
  return { version, rootCt };
}

/**
 * The answer to a Register, saying what a refusal refused: 4.12 the LwM2M version, 4.00 the
 * payload (the root link's content formats, the object list). Other answers are their code.
 */
export function registerAnswer(client: SimulatedClient, reg: Outcome, spec: RegisterSpec = {}): string {
  const code = codeOf(reg);
  const sent = registerSent(client, spec);
  if (code === '4.12') return `4.12: the server refused the LwM2M version (lwm2m=${sent.version})`;
  if (code === '4.00') return `4.00: the server refused the payload (e.g. the root ct; sent ct=${sent.rootCt})`;
  return code;
}

/** Why the harness's own Register was refused, naming what was sent and the profile field that may fix it. */
export function refusedRegisterReason(client: SimulatedClient, code: string, spec: RegisterSpec = {}): string {
  const sent = registerSent(client, spec);
  if (code === '4.12') return `the server refused the Register with 4.12 (LwM2M version: lwm2m=${sent.version}; the profile's clients.lwm2mVersion may fix this)`;
  if (code === '4.00') return `the server refused the Register with 4.00 (payload: root ct=${sent.rootCt}; the profile's clients.rootContentFormats may fix this)`;
  return `the server did not accept a well-formed Register (${code}; sent lwm2m=${sent.version}, root ct=${sent.rootCt})`;
}

/** A registered simulated client (precondition: the server accepts a well-formed Register). */
export async function registeredClient(ctx: CaseContext, spec: RegisterSpec = {}): Promise<{ client: SimulatedClient; location: string }> {
  const client = await ctx.clients.create();
  const reg = await client.register(spec);
  ctx.precondition(reg.response?.code === '2.01' && reg.response.locationPath !== '', refusedRegisterReason(client, codeOf(reg), spec));
  ctx.note(`${client.name} registered at ${reg.response!.locationPath} (${client.registerContent(spec).query.join('&')})`);
  return { client, location: reg.response!.locationPath };
}

/** Lets `ms` pass since `from` (a monotonic time): the lifetime clocks these cases test. */
export function untilTime(ctx: CaseContext, from: number, ms: number): Promise<void> {
  return ctx.clients.waitUntil(from + ms);
}

/** Object and instance paths of a link-format list, e.g. ['/1/0', '/3/0'] (the root link left out). */
export function listedPaths(list: string): string[] {
  const decoded = decodeLinkFormat(list);
  return decoded.ok ? decoded.value.map((l) => l.uri).filter((uri) => /^\/\d+(\/\d+)?$/.test(uri)) : [];
}

/**
 * Which of `paths` a driver's output names: as a JSON string, a link or plain text, but not as
 * the prefix of a longer path (/3/0 is not named by /3/0/1).
 */
export function pathsNamed(output: string, paths: readonly string[]): string[] {
  return paths.filter((p) => new RegExp(`(?<![\\w/])${p.replace(/\//g, '\\/')}(?![\\w/])`).test(output));
}

/** The profile's first Profile ID and the object paths it stands for (precondition: one is claimed). */
export function claimedProfile(ctx: CaseContext): { pid: string; paths: string[] } {
  const [entry] = Object.entries(ctx.target.profileIds ?? {});
  ctx.precondition(entry !== undefined, 'the profile names no Profile ID the server knows (features.profileIds)');
  const [pid, list] = entry!;
  return { pid, paths: listedPaths(list) };
}

/** Asks the server, through its "registration" driver, what it recorded of an endpoint; noted. */
export async function registrationRecord(ctx: CaseContext, endpoint: string): Promise<string> {
  const output = await ctx.drive('registration', { endpoint });
  ctx.note(`the server's record of ${endpoint}: ${output.trim().slice(0, 400) || '(empty)'}`);
  return output;
}
