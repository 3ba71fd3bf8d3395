// What the schema cannot see value by value: an address the harness can listen on, ports that do
// not collide, pmin not above pmax, credentials that only work in pairs. Checked when the
// profile loads, so that a profile that would break only once a target is started is refused
// with its line and field instead.
import { isIP, isIPv4 } from 'node:net';
import { ConfigError, type ConfigLocation } from './config-error.ts';
import type { Profile } from './profile.ts';

/** Throws a ConfigError at the first relation the profile breaks. */
export function checkRelations(profile: Profile, at: (field: string) => ConfigLocation, stated: (field: string) => boolean): void {
  const { harness, timing, target } = profile;
  if (harness.address !== 'localhost' && isIP(harness.address) === 0) {
    throw new ConfigError(at('harness.address'), `expected an IP address (127.0.0.1, ::1, 0.0.0.0) or localhost, found "${harness.address}"`);
  }
  // Both servers listen on harness.address: one port cannot take both.
  if (harness.port !== 0 && harness.port === harness.bootstrapPort) {
    throw new ConfigError(at('harness.bootstrapPort'), `the bootstrap server listens on the same address as the LwM2M server (harness.port ${harness.port}); give it another port, or 0 for any free one`);
  }
  checkTargetUri(target.uri, at);
  // LwM2M 1.2 requires pmax >= pmin (Core §5.1.2); earlier versions ignore such a pmax, so no case could judge it.
  if (timing.pmin > timing.pmax) {
    const field = stated('timing.pmin') ? 'timing.pmin' : 'timing.pmax';
    const pmax = `timing.pmax (${timing.pmax}${stated('timing.pmax') ? '' : ', the default'})`;
    const pmin = `timing.pmin (${timing.pmin}${stated('timing.pmin') ? '' : ', the default'})`;
    throw new ConfigError(at(field), `${pmin} is above ${pmax}: pmax must be at least pmin`);
  }
  const { mismatchCertificate, mismatchPrivateKey } = target.security;
  if (Boolean(mismatchCertificate) !== Boolean(mismatchPrivateKey)) {
    const [given, missing] = mismatchCertificate ? ['mismatchCertificate', 'mismatchPrivateKey'] : ['mismatchPrivateKey', 'mismatchCertificate'];
    throw new ConfigError(at(`target.security.${given}`), `"${given}" needs "${missing}" too (the certificate int-403 presents and its key)`);
  }
}

/** A literal port in target.uri must be a UDP port, a literal IPv4 host a real one; placeholders are filled later. */
function checkTargetUri(uri: string, at: (field: string) => ConfigLocation): void {
  const parts = /^coaps?:\/\/(\[[^\]]*\]|[^/:?#]*)(?::([^/?#]*))?/.exec(uri);
  if (!parts) return;
  const [, host = '', port] = parts;
  if (/^[\d.]+$/.test(host) && !isIPv4(host)) throw new ConfigError(at('target.uri'), `"${host}" is not an IPv4 address`);
  if (host.startsWith('[') && isIP(host.slice(1, -1)) !== 6) throw new ConfigError(at('target.uri'), `"${host}" is not an IPv6 address`);
  if (port === undefined || /\{[^}]*\}/.test(port)) return;
  if (!/^\d+$/.test(port) || Number(port) > 65535) throw new ConfigError(at('target.uri'), `expected a UDP port (0-65535) after the host, found "${port}"`);
}
