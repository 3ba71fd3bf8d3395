// The accounts a device's Security (/0) and Server (/1) objects describe: which Security
// instance is the bootstrap account, which server accounts are usable (a Server instance whose
// Short Server ID has a Security instance with a URI), and why a configuration is inconsistent
// (Core §6.1.7.6: Bootstrap-Finish answers 4.06 then). Shared by the reference device and the
// simulated bootstrap client.
import type { ObjectStore } from './object-store.ts';

export interface SecurityAccount {
  /** Security instance id. */
  readonly instance: number;
  readonly uri: string;
  readonly bootstrap: boolean;
  readonly ssid?: number;
}

export interface ServerAccount {
  /** Server instance id. */
  readonly instance: number;
  readonly ssid: number;
  readonly security?: SecurityAccount;
}

export function securityAccounts(store: ObjectStore): SecurityAccount[] {
  return store.instanceIds(0).map((i) => {
    const uri = store.value(0, i, 0);
    const ssid = store.value(0, i, 10);
    return {
      instance: i,
      uri: typeof uri === 'string' ? uri : '',
      bootstrap: store.value(0, i, 1) === true,
      ...(typeof ssid === 'number' ? { ssid } : {}),
    };
  });
}

export function bootstrapAccount(store: ObjectStore): SecurityAccount | undefined {
  return securityAccounts(store).find((a) => a.bootstrap);
}

export function serverAccounts(store: ObjectStore): ServerAccount[] {
  const security = securityAccounts(store).filter((a) => !a.bootstrap);
  const out: ServerAccount[] = [];
  for (const i of store.instanceIds(1)) {
    const ssid = store.value(1, i, 0);
    if (typeof ssid !== 'number') continue;
    const match = security.find((a) => a.ssid === ssid);
    out.push({ instance: i, ssid, ...(match ? { security: match } : {}) });
  }
  return out;
}

/** The numbers of the server account a device uses: Server instance, Short Server ID, Security instance. */
export interface DeviceAccount {
  readonly serverInstance: number;
  readonly ssid: number;
  readonly securityInstance: number;
}

/** The first server account the device can register to, with its URI and its Security instance. */
export function usableServer(store: ObjectStore): { ssid: number; uri: string; serverInstance: number; securityInstance: number } | undefined {
  for (const account of serverAccounts(store)) {
    if (account.security && account.security.uri !== '') return { ssid: account.ssid, uri: account.security.uri, serverInstance: account.instance, securityInstance: account.security.instance };
  }
  return undefined;
}

/** Why the configuration cannot be used (no usable server account, a Server instance without its Security instance), or undefined. */
export function consistencyProblem(store: ObjectStore): string | undefined {
  for (const i of store.instanceIds(1)) {
    const ssid = store.value(1, i, 0);
    if (typeof ssid !== 'number') return `Server instance /1/${i} has no Short Server ID (/1/${i}/0)`;
    const accounts = serverAccounts(store).find((a) => a.instance === i);
    if (!accounts?.security) return `Server instance /1/${i} (ssid ${ssid}) has no Security instance with /0/x/10 = ${ssid}`;
    if (accounts.security.uri === '') return `Security instance /0/${accounts.security.instance} has no server URI`;
  }
  if (!usableServer(store)) return 'no server account: no Server instance with a matching Security instance';
  return undefined;
}
