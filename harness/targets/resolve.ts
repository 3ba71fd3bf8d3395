// One resolved target per run: the profile as loaded, its credentials read and checked, every
// timing in milliseconds with its default filled, the CoAP transmission parameters and the view
// cases see. The CLI resolves once and hands the result, as plain data, to the case worker;
// nothing after this point reads the profile file or applies a default again.
import { maxTransmitWaitMs, resolveParams, type TransmissionParams } from '../coap/transmission.ts';
import { impairmentOf, type DatagramImpairment } from './impairment.ts';
import { featureStrings } from './features.ts';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readLocatedProfile, type FirmwareImageKind, type ClientsConfig, type Locate, type Profile, type Readiness } from './profile.ts';
import { readCredentials, type ResolvedCredentials } from './read-credentials.ts';
import type { TargetView, Timing } from './target-view.ts';

export type { ResolvedCredentials } from './read-credentials.ts';

export interface ResolvedTarget {
  readonly profile: Profile;
  /** The target as cases see it; its timing is every deadline and period in use. */
  readonly view: TargetView;
  /** CoAP transmission parameters of every harness endpoint facing the target. */
  readonly transmission: TransmissionParams;
  readonly credentials: ResolvedCredentials;
  /** How the simulated clients register with a server under test unless a case asks for a particular form. */
  readonly clients: ClientsConfig;
  /** How the session learns that a server under test is up: the profile's choice, else by its scheme. */
  readonly readiness: Readiness | 'handshake';
  /** Network impairment on every harness endpoint facing the target (harness.impair, or --impair), with its seed. */
  readonly impairment?: DatagramImpairment;
}

/** Everything in the profile checked, credentials included: what fails here fails before any target starts. */
export async function resolveTarget(file: string): Promise<ResolvedTarget> {
  const { profile, locate } = await readLocatedProfile(file);
  return resolveProfile(profile, locate);
}

/** Resolves an already parsed profile (tests build profiles in memory); `locate` gives credential errors their line. */
export function resolveProfile(profile: Profile, locate: Locate = (field) => ({ file: profile.file, field })): ResolvedTarget {
  const transmission = resolveParams({ ackTimeoutMs: profile.timing.coap.ackTimeout * 1000, maxRetransmit: profile.timing.coap.maxRetransmit });
  return {
    profile,
    view: {
      name: profile.name,
      role: profile.target.role,
      version: profile.target.lwm2mVersion,
      endpoint: profile.target.endpoint,
      features: featureStrings(profile),
      profileIds: profile.features.profileIds,
      timing: timingOf(profile, transmission),
      firmware: {
        images: { ...defaultFirmwareImages, ...profile.firmware.images },
        ...(profile.features.firmwareMaxBytes !== undefined ? { maxBytes: profile.features.firmwareMaxBytes } : {}),
      },
    },
    transmission,
    credentials: readCredentials(profile.target.security, locate),
    clients: profile.clients,
    // Over coaps:// a completed handshake already shows the server up; plain CoAP servers must answer a ping.
    readiness: profile.target.readiness ?? (/^coaps:/.test(profile.target.uri) ? 'handshake' : 'ping'),
    ...impairmentOf(profile.harness.impair),
  };
}

/** The project's own packages (fixtures/firmware), which only the bundled device takes. */
const firmwareDir = fileURLToPath(new URL('../../fixtures/firmware/', import.meta.url));
const defaultFirmwareImages: Record<FirmwareImageKind, string> = {
  valid: join(firmwareDir, 'valid.fw'),
  validAlt: join(firmwareDir, 'valid-alt.fw'),
  corrupted: join(firmwareDir, 'corrupted.fw'),
  unsupportedType: join(firmwareDir, 'unsupported-type.fw'),
  oversized: join(firmwareDir, 'oversized.fw'),
};

function timingOf(profile: Profile, transmission: TransmissionParams): Timing {
  const t = profile.timing;
  return {
    startWithinMs: t.startWithin * 1000,
    registerWithinMs: t.registerWithin * 1000,
    responseWithinMs: t.responseWithin * 1000,
    shortLifetimeS: t.shortLifetime,
    toleranceMs: t.tolerance * 1000,
    reactionWithinMs: t.reactionWithin * 1000,
    caseDeadlineMs: t.caseDeadline * 1000,
    pminS: t.pmin,
    pmaxS: t.pmax,
    sendPeriodMs: t.sendPeriod * 1000,
    queueAwakeMs: t.queueAwake * 1000,
    firmwareWithinMs: t.firmwareWithin * 1000,
    maxTransmitWaitMs: maxTransmitWaitMs(transmission),
  };
}
