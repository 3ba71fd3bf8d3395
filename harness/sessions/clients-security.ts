// What a server-testing session needs from the profile's `target.security` when the server
// under test listens on coaps://: the DTLS credentials its simulated clients present (a PSK
// identity and key, or a client certificate with the root that verifies the server), and the
// same placeholders a client session offers for launching the target ({psk.identity},
// {psk.key.file}).
import type { ProbeDtls } from '../peers/clients/simulated-client.ts';
import { ConfigError } from '../targets/config-error.ts';
import type { ResolvedTarget } from '../targets/resolve.ts';
import { sessionSecurityOf } from './session-security.ts';

export interface ProbeSecurity {
  /** Undefined for a coap:// server. */
  dtls?: ProbeDtls;
  placeholders: Record<string, string>;
  /** Removes temporary files. */
  dispose(): void;
}

/** `secure`: the target listens on coaps:// (the profile loader has checked that credentials come with it). */
export function probeSecurityOf(target: ResolvedTarget, secure: boolean): ProbeSecurity {
  const { profile } = target;
  const mode = profile.target.security.mode;
  if (!secure || mode === 'nosec') return { placeholders: {}, dispose: () => undefined };
  // The same reading of the credentials as a client session's: here they are the harness's own, as a client.
  const session = sessionSecurityOf(target);
  const psk = session.server?.psk?.[0];
  const certificate = session.server?.certificate;
  const dtls: ProbeDtls | undefined = psk
    ? { psk: { identity: psk.identity, key: psk.key } }
    : certificate
      ? { certificate: { cert: certificate.cert, key: certificate.key, ...(certificate.ca ? { ca: certificate.ca } : {}) } }
      : undefined;
  if (!dtls) throw new ConfigError({ file: profile.file, field: 'target.security' }, `security mode ${mode} gives the simulated clients no credentials`);
  return { dtls: { ...dtls, handshakeTimeoutMs: 10_000 }, placeholders: session.placeholders, dispose: () => session.dispose() };
}
