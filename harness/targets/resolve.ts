// One resolved target per run: the profile as loaded, its credentials read and checked, every
// timing in milliseconds with its default filled, the CoAP transmission parameters and the view
// cases see. The CLI resolves once and hands the result, as plain data, to the case worker;
// nothing after this point reads the profile file or applies a default again.
import { maxTransmitWaitMs, resolveParams, type TransmissionParams } from '../coap/transmission.ts';
import { ConfigError } from './config-error.ts';
import { readSecret, type SecretRef } from './credentials.ts';
import { featureStrings } from './features.ts';
import { loadProfile, type ClientsConfig, type Profile, type Readiness } from './profile.ts';
import type { TargetView, Timing } from './target-view.ts';

/** Credentials as the sessions use them, read from the profile's references. Never reported. */
export interface ResolvedCredentials {
  /** PSK mode: the identity, the key in hex, and the profile's own key file when it names one. */
  psk?: { identity: string; keyHex: string; keyFile?: string };
  /** x509 mode: the harness's certificate and key (PEM), and the root it trusts. */
  certificate?: { cert: string; key: string; ca?: string };
  /** x509 mode: a certificate the device trusts that names another host (int-403). */
  mismatch?: { cert: string; key: string };
  /** A PSK identity declared beside x509 credentials, offered to launch commands as {psk.identity}. */
  identity?: string;
}

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
}

export async function resolveTarget(file: string): Promise<ResolvedTarget> {
  return resolveProfile(await loadProfile(file));
}

/** Resolves an already parsed profile (tests build profiles in memory). */
export function resolveProfile(profile: Profile): ResolvedTarget {
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
    },
    transmission,
    credentials: credentialsOf(profile),
    clients: profile.clients,
    // Over coaps:// a completed handshake already shows the server up; plain CoAP servers must answer a ping.
    readiness: profile.target.readiness ?? (/^coaps:/.test(profile.target.uri) ? 'handshake' : 'ping'),
  };
}

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
    maxTransmitWaitMs: maxTransmitWaitMs(transmission),
  };
}

function credentialsOf(profile: Profile): ResolvedCredentials {
  const sec = profile.target.security;
  const read = (ref: SecretRef, field: string) => readSecret(ref, `target.security.${field}`, profile.file);
  if (sec.mode === 'psk') {
    const keyHex = read(sec.key!, 'key').replace(/\s+/g, '');
    // The message says where the key lives, never what it is.
    if (!/^([0-9a-fA-F]{2})+$/.test(keyHex)) throw new ConfigError({ file: profile.file, field: 'target.security.key' }, 'the PSK key is not hex (an even number of 0-9, a-f)');
    return { psk: { identity: read(sec.identity!, 'identity'), keyHex: keyHex.toLowerCase(), ...('file' in sec.key! ? { keyFile: sec.key.file } : {}) } };
  }
  const identity = sec.identity ? { identity: read(sec.identity, 'identity') } : {};
  if (sec.mode === 'x509') {
    return {
      ...identity,
      certificate: { cert: read(sec.certificate!, 'certificate'), key: read(sec.privateKey!, 'privateKey'), ...(sec.ca ? { ca: read(sec.ca, 'ca') } : {}) },
      ...(sec.mismatchCertificate && sec.mismatchPrivateKey
        ? { mismatch: { cert: read(sec.mismatchCertificate, 'mismatchCertificate'), key: read(sec.mismatchPrivateKey, 'mismatchPrivateKey') } }
        : {}),
    };
  }
  return identity;
}
