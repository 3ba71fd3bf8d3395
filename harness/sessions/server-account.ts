// Learns which server account a device uses with the harness's server: its Server instance
// (/1/x), Short Server ID and Security instance (/0/y). What the profile states is taken as
// given; the rest comes from the device: the /1 instances of its Register, a Read of /1/x/0
// for the SSID, and a Read of /0 for the Security instance (which a conforming device refuses
// a management server, so that part often stays with the profile or the bootstrap's record).
import { contentFormat } from '../lwm2m/formats/index.ts';
import { coreModel } from '../lwm2m/model/index.ts';
import type { LwM2mNode } from '../lwm2m/node.ts';
import type { Outcome } from '../peers/outcome.ts';
import type { ReferenceServer } from '../peers/server/reference-server.ts';
import { c1ServerAccount } from '../peers/bootstrap/configurations.ts';
import type { Profile } from '../targets/profile.ts';

export interface AccountNumbers {
  readonly serverInstance: number;
  readonly ssid: number;
  readonly securityInstance: number;
}

export interface LearnedAccount {
  readonly account: AccountNumbers;
  /** How each number was found, for the reports. */
  readonly how: string;
  /** True when nothing could be learned and the C.1 numbers stand in. */
  readonly assumed: boolean;
}

const textPlain = 0;

/** The /1 instances a Register listed, e.g. </1/1> → 1. */
export function serverInstancesIn(links: readonly { uri: string }[]): number[] {
  return links.map((l) => /^\/1\/(\d+)$/.exec(l.uri)?.[1]).filter((i): i is string => i !== undefined).map(Number);
}

/** The C.1 numbers, when nothing could be learned. */
export function assumedAccount(why: string): LearnedAccount {
  const { serverInstance, ssid, securityInstance } = c1ServerAccount;
  return { account: { serverInstance, ssid, securityInstance }, how: `assumed the C.1 account /1/${serverInstance} (SSID ${ssid}, Security /0/${securityInstance}): ${why}`, assumed: true };
}

function decodedNodes(outcome: Outcome, path: string): LwM2mNode[] | undefined {
  const response = outcome.response;
  if (response?.code !== '2.05') return undefined;
  const codec = contentFormat(response.contentFormat ?? textPlain);
  const decoded = codec?.decode(response.payload, { path, model: coreModel() });
  return decoded?.ok ? decoded.value : undefined;
}

/**
 * Learns the account of a registered device. `stated` is the profile's `target.server`;
 * `securityWritten` the Security instance the harness's bootstrap wrote for an SSID, if it did.
 */
export async function learnServerAccount(
  server: ReferenceServer,
  endpoint: string,
  stated: Profile['target']['server'],
  securityWritten: (ssid: number) => number | undefined = () => undefined,
): Promise<LearnedAccount> {
  if (stated.instance !== undefined && stated.ssid !== undefined && stated.securityInstance !== undefined) {
    return { account: { serverInstance: stated.instance, ssid: stated.ssid, securityInstance: stated.securityInstance }, how: 'as the profile states it (target.server)', assumed: false };
  }
  const registration = server.registrationOf(endpoint);
  if (!registration) return assumedAccount(`"${endpoint}" is not registered`);
  const how: string[] = [];
  const listed = serverInstancesIn(registration.links);
  const ssidOf = async (instance: number): Promise<number | undefined> => {
    const path = `/1/${instance}/0`;
    const value = decodedNodes(await server.read(endpoint, path, textPlain), path)?.find((n) => n.path === path)?.value;
    return typeof value === 'number' ? value : undefined;
  };

  let serverInstance = stated.instance;
  let ssid = stated.ssid;
  if (serverInstance !== undefined) how.push(`Server instance /1/${serverInstance} from the profile`);
  if (ssid !== undefined) how.push(`SSID ${ssid} from the profile`);
  if (serverInstance === undefined) {
    if (listed.length === 0) return assumedAccount('the Register listed no Server instance (/1/x)');
    if (listed.length === 1 || ssid === undefined) {
      serverInstance = listed[0]!;
      how.push(listed.length === 1 ? `Server instance /1/${serverInstance} from the Register` : `Server instance /1/${serverInstance}, the first of ${listed.map((i) => `/1/${i}`).join(', ')} in the Register (target.server.instance or ssid would choose)`);
    } else {
      for (const instance of listed) {
        if ((await ssidOf(instance)) === ssid) serverInstance = instance;
      }
      if (serverInstance === undefined) return assumedAccount(`no Server instance of ${listed.map((i) => `/1/${i}`).join(', ')} has the profile's SSID ${ssid}`);
      how.push(`Server instance /1/${serverInstance}, whose /1/${serverInstance}/0 is ${ssid}`);
    }
  }
  if (ssid === undefined) {
    ssid = await ssidOf(serverInstance);
    if (ssid === undefined) return assumedAccount(`reading /1/${serverInstance}/0 (SSID) gave no number`);
    how.push(`SSID ${ssid} read from /1/${serverInstance}/0`);
  }

  let securityInstance = stated.securityInstance;
  if (securityInstance !== undefined) how.push(`Security instance /0/${securityInstance} from the profile`);
  else {
    const read = await server.read(endpoint, '/0');
    const nodes = decodedNodes(read, '/0');
    const values = new Map(nodes?.map((n) => [n.path, n.value]));
    const match = [...new Set(nodes?.map((n) => Number(n.path.split('/')[2])))].find((i) => values.get(`/0/${i}/10`) === ssid && values.get(`/0/${i}/1`) !== true);
    if (match !== undefined) {
      securityInstance = match;
      how.push(`Security instance /0/${match} read from /0`);
    } else if (securityWritten(ssid) !== undefined) {
      securityInstance = securityWritten(ssid)!;
      how.push(`Security instance /0/${securityInstance} as the harness's bootstrap wrote it`);
    } else {
      securityInstance = c1ServerAccount.securityInstance;
      how.push(`Security instance /0/${securityInstance} assumed (C.1): Read /0 gave ${read.response?.code ?? read.error}; target.server.securityInstance would state it`);
    }
  }
  return { account: { serverInstance, ssid, securityInstance }, how: how.join('; '), assumed: false };
}
