// A profile's claims as the feature strings cases name in `requires`: 'binding:U',
// 'format:tlv', 'object:3303', 'resource:/1/0/4', 'operation:send', 'queue-mode',
// 'bootstrap:client-initiated', 'security:psk', 'firmware:pull', 'firmware-protocol:coap',
// 'profile-id', 'driver:reboot',
// and 'named-endpoints' for a bootstrap server configured for particular endpoints only.
import { anyEndpoint, type Profile } from './profile.ts';

/** A bootstrap server under test that has configurations for named endpoints only, so it can refuse an unknown one. */
export const namedEndpointsFeature = 'named-endpoints';

/** The device can be brought to Send: periodically, or through its trigger-send driver. */
export const sendCueFeature = 'send-cue';
/** The harness can change a value so that the device notifies it: by a Write, or through its change-value driver. */
export const changeCueFeature = 'change-cue';
/** The device can be made to de-register: by Execute on Disable (/1/x/4), or through its disable driver. */
export const disableCueFeature = 'disable-cue';

/** The harness can deliver a firmware package: the device takes it pushed, or pulls it over CoAP. */
export const firmwareDeliveryFeature = 'firmware-delivery';
/** The harness can make a package not fit: one larger than the stated storage, or the fw-low-storage driver. */
export const firmwareStorageCueFeature = 'firmware-storage-cue';

/** When the device Sends, as the profile says it or as its trigger-send driver implies; undefined: not stated. */
export function sendMode(profile: Profile): 'periodic' | 'on-trigger' | undefined {
  return profile.features.send ?? (profile.drivers['trigger-send'] ? 'on-trigger' : undefined);
}

export function featureStrings(profile: Profile): Set<string> {
  const f = profile.features;
  const send = sendMode(profile);
  const cues = [
    ...(send === 'periodic' || (send === 'on-trigger' && profile.drivers['trigger-send']) ? [sendCueFeature] : []),
    ...(f.notifyOn === 'server-write' || profile.drivers['change-value'] ? [changeCueFeature] : []),
    ...(f.resources.includes('/1/0/4') || profile.drivers.disable ? [disableCueFeature] : []),
    ...(send ? [`send:${send}`] : []),
    ...(f.firmwareDelivery.includes('push') || (f.firmwareDelivery.includes('pull') && f.firmwareProtocols.includes('coap')) ? [firmwareDeliveryFeature] : []),
    ...(f.firmwareMaxBytes !== undefined || profile.drivers['fw-low-storage'] ? [firmwareStorageCueFeature] : []),
    `notify-on:${f.notifyOn}`,
  ];
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
    ...f.firmwareProtocols.map((p) => `firmware-protocol:${p}`),
    ...(Object.keys(f.profileIds).length > 0 ? ['profile-id'] : []),
    ...Object.keys(profile.drivers).map((d) => `driver:${d}`),
    ...cues,
    ...(profile.target.role === 'bootstrap-server' && profile.target.endpoint !== anyEndpoint ? [namedEndpointsFeature] : []),
  ]);
}
