// Whether a case applies to a target: its role, its LwM2M version and its claimed features.
// A case that does not apply is not-applicable with the reason, never a fail.
import type { CaseDefinition } from './case.ts';
import { compareVersions } from '../targets/target-view.ts';
import type { TargetView } from '../targets/target-view.ts';
import { changeCueFeature, disableCueFeature, firmwareDeliveryFeature, firmwareStorageCueFeature, namedEndpointsFeature, sendCueFeature } from '../targets/features.ts';

/** Features a profile implies rather than claims, with what their absence means. */
const impliedFeatures: Record<string, string> = {
  [namedEndpointsFeature]: 'the bootstrap server bootstraps any endpoint (target.endpoint: "*"), so no endpoint is unknown to it',
  [sendCueFeature]: "the profile says neither that the device Sends periodically (features.send: periodic) nor how to make it Send (a 'trigger-send' driver)",
  [changeCueFeature]: "the device notifies only its own changes (features.notifyOn: own-change), and the profile has no 'change-value' driver to make it change a value",
  [firmwareDeliveryFeature]: 'the profile claims no firmware delivery the harness can drive (features.firmwareDelivery: push, or pull with features.firmwareProtocols: [coap])',
  [firmwareStorageCueFeature]: "the profile neither states the largest package the device stores (features.firmwareMaxBytes) nor has an 'fw-low-storage' driver",
  [disableCueFeature]: "the profile neither claims Disable (features.resources: [/1/0/4]) nor has a 'disable' driver that makes the device de-register",
};

/** The reason the case does not apply, or undefined when it does. */
export function notApplicableReason(def: CaseDefinition, target: TargetView): string | undefined {
  if (def.tests !== target.role) {
    return `the case tests a ${def.tests}; the profile's target is a ${target.role}`;
  }
  if (compareVersions(target.version, def.since) < 0) {
    return `the case was introduced in LwM2M ${def.since}; the target implements ${target.version}`;
  }
  if (def.until !== undefined && compareVersions(target.version, def.until) > 0) {
    return `the case applies up to LwM2M ${def.until}; the target implements ${target.version}`;
  }
  const missing = (def.requires ?? []).filter((feature) => !target.features.has(feature));
  const claims = missing.filter((feature) => impliedFeatures[feature] === undefined);
  const drivers = claims.filter((f) => f.startsWith('driver:')).map((f) => `'${f.slice('driver:'.length)}'`);
  const others = claims.filter((f) => !f.startsWith('driver:'));
  if (others.length > 0) {
    return `the profile does not claim ${others.map((f) => `'${f}'`).join(', ')}${drivers.length ? ` and has no ${drivers.join(', ')} driver` : ''}`;
  }
  // A condition the device cannot be told over LwM2M: only a driver can bring it about.
  if (drivers.length > 0) return `the profile has no ${drivers.join(', ')} driver`;
  if (missing.length > 0) return impliedFeatures[missing[0]!];
  if (def.reset === 'factory' && def.tests === 'client' && !target.features.has('driver:factory-reset')) {
    return "the case starts from the device's factory configuration (ETS C.13), and the profile has no 'factory-reset' driver";
  }
  return undefined;
}
