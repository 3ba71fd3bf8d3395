// Steps the multi-server cases (int-950, 951) share: bringing the device into ETS C.14. The
// device starts un-provisioned (C.13); the harness's bootstrap server writes two server
// accounts, SSID 1 on the session's reference server (as the session provisions it, so a
// DTLS-PSK session's account stays secured) and SSID 2 on a second reference server, and an
// Access Control instance for the Device object; after Finish the device must register to both.
import type { CaseContext } from '../../../harness/run/context.ts';
import { c13Configuration, serverAccount, type ProvisionedInstance } from '../../../harness/run/case-bootstrap.ts';
import type { CaseServer, ServerEvent } from '../../../harness/run/case-server.ts';
import { bootstrapRequested, besideBootstrapAccount, deviceBootstrapInstance } from '../bootstrap/steps.ts';
import { codeOf, on } from '../dm-steps.ts';

/** The second account of C.14: Server instance /1/1, Short Server ID 2 (its Security instance beside the others). */
export const secondAccount = { ssid: 2, serverInstance: 1, securityInstance: 2 } as const;

export interface MultiServer {
  /** The second reference server (SSID 2). */
  readonly second: CaseServer;
  /** The accepted Registers: to the session's server (SSID 1), and to the second. */
  readonly registers: readonly [ServerEvent, ServerEvent];
}

/** C.14's Access Control: server 1 owns the Device object and may do everything; server 2 may read it (Read, Discover, Write-Attributes). */
const deviceAcl: ProvisionedInstance = { object: 2, instance: 0, values: { 0: 3, 1: 0, 2: { 1: 15, 2: 1 }, 3: 1 } };

/**
 * Checks A-D: the Bootstrap-Request after the factory reset (A), Finish of the C.14 writes
 * answered 2.04 (B), and an accepted Register to each server (C: SSID 1, D: SSID 2).
 */
export async function multiServerConfigured(ctx: CaseContext): Promise<MultiServer> {
  const ep = ctx.target.endpoint;
  await bootstrapRequested(ctx, 'A');
  const second = await ctx.secondServer.start();
  const first = ctx.bootstrap.configurationOf(ep)?.instances ?? c13Configuration(ctx.server.uri).instances;
  const instances = besideBootstrapAccount([...first, ...serverAccount({ uri: second.uri, ...secondAccount })], await deviceBootstrapInstance(ctx));
  for (const object of [0, 1] as const) {
    const write = await ctx.bootstrap.write(ep, `/${object}`, instances.filter((i) => i.object === object));
    ctx.precondition(write.response?.code === '2.04', `the Bootstrap-Write of /${object} with the two server accounts of C.14 was answered ${codeOf(write)}`);
  }
  const acl = await ctx.bootstrap.write(ep, '/2', [deviceAcl]);
  if (acl.response?.code !== '2.04') ctx.note(`the Bootstrap-Write of the Access Control instance /2/0 was answered ${codeOf(acl)}; the case goes on without it`);
  ctx.note(`C.14: SSID 1 at ${ctx.server.uri}, SSID 2 at ${second.uri}`);
  const since = { first: ctx.server.position(), second: second.position() };
  const finish = await ctx.bootstrap.finish(ep);
  ctx.require('B', 'MUST', 'Bootstrap-Finish after the C.14 writes is answered 2.04 Changed', codeOf(finish), '2.04', on(finish));
  const within = ctx.target.timing.registerWithinMs;
  const accepted = (e: ServerEvent) => e.responseCode === '2.01';
  const [one, two] = await Promise.all([
    ctx.server.waitFor('register', { since: since.first, within, endpoint: ep, where: accepted }),
    second.waitFor('register', { since: since.second, within, endpoint: ep, where: accepted }),
  ]);
  const shown = (e: ServerEvent) => `POST ${e.path}?${e.params?.query.join('&') ?? ''} → ${e.responseCode}`;
  const c = ctx.arrived('C', 'MUST', `The client registers to server #1 (SSID 1, ${ctx.server.uri}) and is accepted (2.01)`, one, within, shown);
  const d = ctx.arrived('D', 'MUST', `The client registers to server #2 (SSID 2, ${second.uri}) and is accepted (2.01)`, two, within, shown);
  return { second, registers: [c, d] };
}
