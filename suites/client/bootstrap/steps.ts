// Steps the bootstrap cases share: the Bootstrap-Request that starts a case, provisioning the
// ETS C.13 result (the C.1 server account on the harness's reference server), reading a
// Bootstrap-Discover answer, and the Register that must follow an accepted Finish.
import { defineCase, type CaseDefinition } from '../../../harness/run/case.ts';
import type { CaseContext } from '../../../harness/run/context.ts';
import { c13Configuration, type BootstrapEvent, type ProvisionedInstance } from '../../../harness/run/case-bootstrap.ts';
import type { Outcome, ServerEvent } from '../../../harness/run/case-server.ts';
import { firstOf } from '../../../harness/run/waiting.ts';

export const s = (ms: number) => Math.round(ms) / 1000;

/**
 * One of our own client bootstrap cases (LWM2MC-BS-nnn): the client starts un-provisioned (ETS C.13)
 * and bootstraps on its own; check A is its Bootstrap-Request, then the case's steps run.
 */
export function ownBootstrapCase(def: { id: string; title: string; ref: string; purpose: string; run(ctx: CaseContext, endpoint: string): Promise<void> }): CaseDefinition {
  return defineCase({
    id: def.id, title: def.title, ref: def.ref, purpose: def.purpose,
    interface: 'bootstrap', tests: 'client', since: '1.0', config: 'C.13', requires: ['bootstrap:client-initiated'], reset: 'factory',
    async run(ctx) {
      await bootstrapRequested(ctx, 'A');
      await def.run(ctx, ctx.target.endpoint);
    },
  });
}

/** What a response code check shows: the code, or why no response came. */
export const codeOf = (outcome: Outcome | { response?: { code: string }; error?: string }) => outcome.response?.code ?? `no response (${outcome.error})`;

export const at = (outcome: { seq?: number | undefined }) => (outcome.seq !== undefined ? { at: outcome.seq } : {});

/** Requires the client's Bootstrap-Request after `since` (default: the case's start, before its reset) (check `id`). */
export async function bootstrapRequested(
  ctx: CaseContext,
  id: string,
  since?: number,
  within = ctx.target.timing.registerWithinMs,
  description = 'The client sends a Bootstrap-Request (POST /bs?ep=…)',
): Promise<BootstrapEvent> {
  const event = await ctx.bootstrap.waitFor('request', { ...(since !== undefined ? { since } : {}), within });
  return ctx.arrived(id, 'MUST', description, event, within, (e) => `POST /bs?${(e.query ?? []).join('&')}`);
}

/** The device's bootstrap account, by case: its Security instance, found before the first write. */
const bootstrapAccounts = new WeakMap<CaseContext, number | undefined>();

/**
 * The Security instance of the device's own bootstrap account, from a Bootstrap-Discover of /
 * (once per case): the server account is written beside it, never over it. Undefined (noted)
 * when the Discover shows none.
 */
export async function deviceBootstrapInstance(ctx: CaseContext): Promise<number | undefined> {
  if (bootstrapAccounts.has(ctx)) return bootstrapAccounts.get(ctx);
  const { outcome, answer } = await discoverRoot(ctx);
  const found = answer && bootstrapAccountLinks(answer)[0];
  const instance = found === undefined ? undefined : Number(found.split('/')[2]);
  if (instance === undefined) ctx.note(`Bootstrap-Discover before the writes showed no bootstrap account (${codeOf(outcome)}); the C.1 Security instance is used`);
  bootstrapAccounts.set(ctx, instance);
  return instance;
}

/** Moves Security instances off `taken` (the bootstrap account's) to the lowest free instance number. */
export function besideBootstrapAccount(instances: readonly ProvisionedInstance[], taken: number | undefined): ProvisionedInstance[] {
  if (taken === undefined) return [...instances];
  const used = new Set([taken, ...instances.filter((i) => i.object === 0).map((i) => i.instance)]);
  let free = 0;
  while (used.has(free)) free++;
  return instances.map((i) => (i.object === 0 && i.instance === taken ? { ...i, instance: free } : i));
}

/**
 * The C.13 result: the server account (Security /0/0, Server /1/0, SSID 1) on the reference
 * server, secured as the session provisions it (a PSK account when the session runs DTLS-PSK);
 * its Security instance moves when the device's bootstrap account has /0/0.
 */
export async function serverAccountInstances(ctx: CaseContext, lifetimeS = 86400): Promise<{ security: ProvisionedInstance[]; server: ProvisionedInstance[] }> {
  const configured = ctx.bootstrap.configurationOf(ctx.target.endpoint)?.instances ?? c13Configuration(ctx.server.uri).instances;
  return accountBesideBootstrap(ctx, configured.map((i) => (i.object === 1 ? { ...i, values: { ...i.values, 1: lifetimeS } } : i)));
}

/** A server account's instances, placed beside the device's bootstrap account, as the Bootstrap-Writes of /0 and /1 carry them. */
export async function accountBesideBootstrap(ctx: CaseContext, instances: readonly ProvisionedInstance[]): Promise<{ security: ProvisionedInstance[]; server: ProvisionedInstance[] }> {
  return splitAccount(besideBootstrapAccount(instances, await deviceBootstrapInstance(ctx)));
}

/** A server account's instances, as the Bootstrap-Writes of /0 and /1 carry them. */
export function splitAccount(instances: readonly ProvisionedInstance[]): { security: ProvisionedInstance[]; server: ProvisionedInstance[] } {
  return { security: instances.filter((i) => i.object === 0), server: instances.filter((i) => i.object === 1) };
}

/** Bootstrap-Write of /0 and /1 with the server account; the outcomes, in order. */
export async function writeServerAccount(ctx: CaseContext, lifetimeS?: number): Promise<[Outcome, Outcome]> {
  const ep = ctx.target.endpoint;
  const { security, server } = await serverAccountInstances(ctx, lifetimeS);
  const first = await ctx.bootstrap.write(ep, '/0', security);
  const second = await ctx.bootstrap.write(ep, '/1', server);
  return [first, second];
}

/** Leaves the client provisioned (writes and Finish) after a case that disturbed it; notes what happened. */
export async function restore(ctx: CaseContext): Promise<void> {
  const since = ctx.server.position();
  const [a, b] = await writeServerAccount(ctx);
  const finish = await ctx.bootstrap.finish(ctx.target.endpoint);
  ctx.note(`restored the server account: writes ${codeOf(a)}, ${codeOf(b)}; Finish ${codeOf(finish)}`);
  // Waits for the Register it causes to be accepted (a device may first offer a later version
  // and fall back on 4.12), so that it cannot be taken for the next case's.
  if (finish.response?.code === '2.04') {
    const register = await ctx.server.waitFor('register', { since, within: ctx.target.timing.registerWithinMs, endpoint: ctx.target.endpoint, signal: ctx.signal, where: (e) => e.responseCode === '2.01' });
    ctx.note(register ? 'the client registered again' : 'the client did not register again');
  }
}

/** Requires a Register to the reference server after `since` (check `id`). */
export async function registersAfter(ctx: CaseContext, id: string, since: number, description = 'The client registers to the server it was given'): Promise<ServerEvent> {
  const within = ctx.target.timing.registerWithinMs;
  const event = await ctx.server.waitFor('register', { since, within, endpoint: ctx.target.endpoint, signal: ctx.signal });
  return ctx.arrived(id, 'MUST', description, event, within, (e) => `POST ${e.path}?${e.params?.query.join('&')}`);
}

export interface DiscoverAnswer {
  /** The enabler version (lwm2m="1.x"), given before the links or as a link parameter. */
  version?: string;
  /** Link target → its parameters (e.g. ['ssid=1', 'uri="coap://…"']). */
  links: Map<string, string[]>;
}

/** Reads a Bootstrap-Discover payload leniently (OMA #460: the version item is not RFC 6690). */
export function readDiscover(payload: string): DiscoverAnswer {
  const items: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of payload) {
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      items.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim() !== '') items.push(current.trim());
  const answer: DiscoverAnswer = { links: new Map() };
  for (const item of items) {
    const parts = item.split(';').map((p) => p.trim());
    const head = parts[0] ?? '';
    const version = [head, ...parts].map((p) => /^lwm2m="?([\d.]+)"?$/.exec(p)?.[1]).find((v) => v !== undefined);
    if (version) answer.version = version;
    const target = /^<([^>]*)>$/.exec(head)?.[1];
    if (target !== undefined) answer.links.set(target, parts.slice(1));
  }
  return answer;
}

/** The Security instances a Discover shows without ssid: the bootstrap account. */
export function bootstrapAccountLinks(answer: DiscoverAnswer): string[] {
  return [...answer.links.entries()].filter(([path, params]) => /^\/0\/\d+$/.test(path) && !params.some((p) => p.startsWith('ssid='))).map(([path]) => path);
}

/** Discover of / as a DiscoverAnswer, or undefined (with the reason noted) when it failed. */
export async function discoverRoot(ctx: CaseContext): Promise<{ outcome: Outcome; answer?: DiscoverAnswer }> {
  const outcome = await ctx.bootstrap.discover(ctx.target.endpoint, '/');
  if (outcome.response?.code !== '2.05') return { outcome };
  return { outcome, answer: readDiscover(outcome.response.payload.toString('utf8')) };
}

/** What a client sent first after a point: a Register to the reference server, or a Bootstrap-Request (or Pack-Request). */
export type FirstMessage = ({ kind: 'register'; event: ServerEvent } | { kind: 'bootstrap'; event: BootstrapEvent }) & { seq?: number };

export function firstMessageAfter(ctx: CaseContext, since: { server: number; bootstrap: number }, within: number): Promise<FirstMessage | undefined> {
  const endpoint = ctx.target.endpoint;
  const at = (e: { seq?: number }) => (e.seq !== undefined ? { seq: e.seq } : {});
  return firstOf<FirstMessage>(ctx.signal, [
    async (signal) => {
      const event = await ctx.server.waitFor('register', { since: since.server, within, endpoint, signal });
      return event && { kind: 'register', event, ...at(event) };
    },
    async (signal) => {
      const event = await ctx.bootstrap.waitFor(['request', 'pack-request'], { since: since.bootstrap, within, endpoint, signal });
      return event && { kind: 'bootstrap', event, ...at(event) };
    },
  ]);
}

/** A first message as a check shows it. */
export function describeFirst(first: FirstMessage): string {
  if (first.kind === 'register') return `Register POST ${first.event.path}?${first.event.params?.query.join('&') ?? ''}`;
  return `Bootstrap-Request ${first.event.kind === 'pack-request' ? 'GET /bspack' : 'POST /bs'}?${(first.event.query ?? []).join('&')}`;
}
