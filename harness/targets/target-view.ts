// The target as cases see it: identity, version, claimed features and the timing to use.
// Built once per run by resolveTarget; cases never read the profile file themselves.

/** What kind of implementation a target is, and so what a case tests. */
export type TargetRole = 'client' | 'server' | 'bootstrap-server';

export type LwM2MVersion = '1.0' | '1.1' | '1.2';

export interface Timing {
  /** Deadline for a launched target's first message, ms. */
  startWithinMs: number;
  /** Deadline for the target's first message after a (re)start, ms. */
  registerWithinMs: number;
  /** Deadline for a response to a harness request, ms. */
  responseWithinMs: number;
  /** Short registration lifetime used where the ETS uses 20 s, in seconds. */
  shortLifetimeS: number;
  /** Allowed lateness of time-bound target behaviour (Update before lifetime ends), ms. */
  toleranceMs: number;
  /** Deadline for a reaction the ETS calls immediate (Update after a lifetime write), ms. */
  reactionWithinMs: number;
  /** Overall deadline of one case body, ms. */
  caseDeadlineMs: number;
  /** pmin and pmax written where the ETS uses its own periods, in whole seconds. */
  pminS: number;
  pmaxS: number;
  /** Period of the target's configured Send, ms. */
  sendPeriodMs: number;
  /** How long a server under test keeps a queue-mode client reachable, ms. */
  queueAwakeMs: number;
  /** Deadline for a firmware package to be downloaded and verified, or installed, ms. */
  firmwareWithinMs: number;
  /** MAX_TRANSMIT_WAIT of the profile's CoAP parameters, ms: how long an unanswered confirmable request lasts. */
  maxTransmitWaitMs: number;
}

export interface TargetView {
  readonly name: string;
  readonly role: TargetRole;
  readonly version: LwM2MVersion;
  /** Endpoint client name the target registers with (client targets). */
  readonly endpoint: string;
  /** Where a server target listens (server targets). */
  readonly server?: { readonly address: string; readonly port: number };
  readonly features: ReadonlySet<string>;
  /** Profile IDs a server target resolves (LwM2M 1.2 `pid`), each to its object list. */
  readonly profileIds?: Readonly<Record<string, string>>;
  readonly timing: Timing;
  /** Firmware packages (absolute file paths by kind) and the largest the device stores (client targets). */
  readonly firmware?: { readonly images: Readonly<Record<string, string>>; readonly maxBytes?: number };
}

const versionOrder: Record<LwM2MVersion, number> = { '1.0': 0, '1.1': 1, '1.2': 2 };

export function compareVersions(a: LwM2MVersion, b: LwM2MVersion): number {
  return versionOrder[a] - versionOrder[b];
}

export function isVersion(value: unknown): value is LwM2MVersion {
  return value === '1.0' || value === '1.1' || value === '1.2';
}
