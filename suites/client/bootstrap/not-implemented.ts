// ETS bootstrap cases whose features no bundled peer offers (smartcard, EST, OSCORE, MQTT).
// They are not-applicable unless a profile claims the feature; a profile that
// does gets an inconclusive verdict saying the harness cannot drive the case yet.
import { defineCase, type CaseDefinition } from '../../../harness/run/case.ts';

function pending(def: Omit<CaseDefinition, 'run' | 'interface' | 'tests'>, what: string): CaseDefinition {
  return defineCase({
    ...def,
    interface: 'bootstrap',
    tests: 'client',
    async run(ctx) {
      ctx.precondition(false, `the harness does not yet provide ${what}`);
    },
  });
}

export const int3 = pending(
  {
    id: 'LightweightM2M-1.1-int-3',
    title: 'Simple Bootstrap from Smartcard',
    since: '1.1',
    requires: ['bootstrap:smartcard'],
    ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-3; OMA-TS-LightweightM2M_Core §6.1.2.2',
    purpose: 'Applies only to a device that claims smartcard bootstrap (bootstrap: [smartcard]).',
  },
  'a smartcard bootstrap file or a driver to insert one',
);

export const int10 = pending(
  {
    id: 'LightweightM2M-1.2-int-10',
    title: 'Client Initiated Bootstrap Full (EST)',
    since: '1.2',
    config: 'C.21',
    requires: ['bootstrap:est'],
    ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-10; OMA-TS-LightweightM2M_Transport §5.2.10',
    purpose: 'Applies only to a device that claims EST enrolment (security mode 4), which profiles cannot claim yet.',
  },
  'an EST server',
);

export const int11 = pending(
  {
    id: 'LightweightM2M-1.2-int-11',
    title: 'Client Initiated Bootstrap (OSCORE)',
    since: '1.2',
    config: 'C.23',
    requires: ['security:oscore'],
    ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-11; OMA-TS-LightweightM2M_Transport §5.2.8',
    purpose: 'Applies only to a device that claims OSCORE, which profiles cannot claim yet.',
  },
  'OSCORE',
);

export const int19 = pending(
  {
    id: 'LightweightM2M-1.2-int-19',
    title: 'Client Initiated Bootstrap over MQTT',
    since: '1.2',
    config: 'C.25',
    requires: ['binding:M'],
    ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-19; OMA-TS-LightweightM2M_Transport §7',
    purpose: 'Applies only to a device that claims the MQTT binding (bindings: [M]).',
  },
  'an MQTT broker and the MQTT binding',
);
