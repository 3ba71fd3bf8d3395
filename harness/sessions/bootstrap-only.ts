// Many devices keep a server account in their factory state: after a factory reset they
// register instead of bootstrapping, so the bootstrap cases' precondition (ETS C.13: a
// bootstrap account and no Server instance, which makes the device ask) is out of the reset's
// reach. A server-initiated bootstrap (Execute /1/x/9, LwM2M 1.1) that first deletes the server
// accounts brings such a device to the same point: asking, with only its bootstrap account.
import type { ReferenceBootstrapServer } from '../peers/bootstrap/bootstrap-server.ts';
import type { Outcome } from '../peers/outcome.ts';
import type { ReferenceServer } from '../peers/server/reference-server.ts';
import type { TargetView } from '../targets/target-view.ts';
import { serverInstancesIn } from './server-account.ts';

export interface EventPositions {
  server: number;
  bootstrap: number;
}

export type TriggeredBootstrap = { ok: true; note: string } | { ok: false; why: string };

const codeOf = (o: Outcome): string => o.response?.code ?? `no answer (${o.error})`;

/** The Security instances a Bootstrap-Discover answer shows with an ssid (server accounts, not the bootstrap account). */
export function serverSecurityInstancesIn(discover: string): number[] {
  const found: number[] = [];
  for (const item of discover.split(',')) {
    const match = /^<\/0\/(\d+)>(.*)$/.exec(item.trim());
    if (match && /ssid=/.test(match[2]!)) found.push(Number(match[1]));
  }
  return found;
}

/**
 * Brings a registered device into a bootstrap session without a server account: Execute /1/x/9
 * on the Server instance it registered with (or `driver`, the profile's trigger-bootstrap, for a
 * device that does not claim server-initiated bootstrap), and once its Bootstrap-Request has arrived, a
 * Bootstrap-Discover and Deletes of every server account (its Security instances one by one, so
 * the bootstrap account stays whatever the device does with a Delete of /0) and of /1. The
 * session stays open (no Finish: a configuration without a server account is refused), so the
 * case's own writes and Finish follow as after a Bootstrap-Request of a device in C.13.
 * The bootstrap server must be scripted while this runs.
 */
export async function triggeredBootstrap(
  server: ReferenceServer,
  bootstrap: ReferenceBootstrapServer,
  target: TargetView,
  signal: AbortSignal,
  driver?: () => Promise<unknown>,
): Promise<TriggeredBootstrap> {
  const endpoint = target.endpoint;
  const requested = bootstrap.events.position();
  let how = 'the trigger-bootstrap driver';
  if (driver) await driver();
  else {
    const registration = server.registrationOf(endpoint);
    if (!registration) return { ok: false, why: `"${endpoint}" is not registered, so no Bootstrap-Request Trigger can reach it` };
    const instance = serverInstancesIn(registration.links)[0];
    if (instance === undefined) return { ok: false, why: 'its Register listed no Server instance (/1/x) whose Bootstrap-Request Trigger to execute' };
    how = `Execute /1/${instance}/9 (Bootstrap-Request Trigger)`;
    const trigger = await server.execute(endpoint, `/1/${instance}/9`);
    if (trigger.response?.code !== '2.04') return { ok: false, why: `${how} was answered ${codeOf(trigger)}` };
  }
  const within = target.timing.reactionWithinMs + target.timing.registerWithinMs;
  const request = await bootstrap.waitFor(['request', 'pack-request'], { since: requested, within, endpoint, signal });
  if (request?.kind !== 'request') return { ok: false, why: `no Bootstrap-Request within ${within / 1000} s of ${how}` };
  const discovered = await bootstrap.discover(endpoint, '/');
  if (discovered.response?.code !== '2.05') return { ok: false, why: `its Bootstrap-Discover was answered ${codeOf(discovered)}` };
  const paths = [...serverSecurityInstancesIn(discovered.response.payload.toString('utf8')).map((i) => `/0/${i}`), '/1'];
  for (const path of paths) {
    const deleted = await bootstrap.delete(endpoint, path);
    if (deleted.response?.code !== '2.02') return { ok: false, why: `its Bootstrap-Delete of ${path} was answered ${codeOf(deleted)}` };
  }
  return {
    ok: true,
    note: `the device kept its server account through the factory reset and registered with it, so the bootstrap began with ${how}, and the bootstrap server deleted ${paths.join(' and ')} before the case's own steps (ETS C.13: no server account)`,
  };
}
