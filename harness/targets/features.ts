// A profile's claims as the feature strings cases name in `requires`: 'binding:U',
// 'format:tlv', 'object:3303', 'resource:/1/0/4', 'operation:send', 'queue-mode',
// 'bootstrap:client-initiated', 'security:psk', 'firmware:pull', 'profile-id', 'driver:reboot',
// and 'named-endpoints' for a bootstrap server configured for particular endpoints only.
import { anyEndpoint, type Profile } from './profile.ts';

/** A bootstrap server under test that has configurations for named endpoints only, so it can refuse an unknown one. */
export const namedEndpointsFeature = 'named-endpoints';

export function featureStrings(profile: Profile): Set<string> {
  const f = profile.features;
  return new Set([
    ...f.bindings.map((b) => `binding:${b}`),
    ...f.formats.map((x) => `format:${x}`),
    ...f.objects.map((o) => `object:${o}`),
    ...f.resources.map((r) => `resource:${r}`),
    ...f.operations.map((o) => `operation:${o}`),
    ...(f.queueMode ? ['queue-mode'] : []),
    ...f.bootstrap.map((b) => `bootstrap:${b}`),
    ...f.security.map((s) => `security:${s}`),
    ...f.firmwareDelivery.map((d) => `firmware:${d}`),
    ...(Object.keys(f.profileIds).length > 0 ? ['profile-id'] : []),
    ...Object.keys(profile.drivers).map((d) => `driver:${d}`),
    ...(profile.target.role === 'bootstrap-server' && profile.target.endpoint !== anyEndpoint ? [namedEndpointsFeature] : []),
  ]);
}
