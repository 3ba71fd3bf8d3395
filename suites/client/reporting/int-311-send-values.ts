import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { configuredNeeding, decodePayload, on, pick, valuesOf } from '../dm-steps.ts';
import { cueSend, nextSend, sendsOnTrigger, sendWindowMs } from './send-steps.ts';


export default defineCase({
  id: 'LightweightM2M-1.1-int-311',
  title: 'Send command',
  interface: 'reporting',
  tests: 'client',
  since: '1.1',
  config: 'C.1',
  requires: ['operation:send', 'send-cue'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-311; OMA-TS-LightweightM2M_Core §6.4.6 (Send), §7.4 (SenML)',
  purpose: 'The client sends Lifetime /1/0/1 and Error Code /3/0/11/0 with POST /dp; the server must get 86400 and 0 in a format it decodes, and answer 2.04.',
  notes:
    'The ETS has the tester trigger a Send of /1/0/1 and /3/0/11/0; here the device\'s configured periodic Send of those paths ' +
    '(profile sendPeriod) is waited on, one period plus the tolerance; a device that Sends on cue is told by its trigger-send driver.',
  waitsMs: (target) => sendWindowMs({ target }),
  // A periodic Send comes a period after the last; one on cue as soon as the device reacts.
  floorMs: (target) => (sendsOnTrigger({ target }) ? 0 : target.timing.sendPeriodMs),
  async run(ctx) {
    const { values: held } = await configuredNeeding(ctx, ['/1/0/1'], 'C.1');
    const errorCode = Number(held['/3/0/11/0']);
    const since = ctx.server.position();
    const within = await cueSend(ctx, [ctx.device.serverAccount.resource(1), '/3/0/11/0']);
    const send = ctx.arrived('A', 'MUST', 'The client sends POST /dp', await nextSend(ctx, since, within), within, () => 'POST /dp');
    ctx.check('B', 'MUST', 'The Send says its format: SenML JSON, SenML CBOR or LwM2M CBOR', send.contentFormat ?? null, expect.oneOf(110, 112, 11544), on(send));
    const lifetime = ctx.device.serverAccount.resource(1);
    const sent = { [lifetime]: 86400, '/3/0/11/0': errorCode };
    ctx.check('C', 'MUST', `The server got ${lifetime} = 86400 and /3/0/11/0 = ${errorCode}`, pick(valuesOf(decodePayload(send.payload, send.contentFormat)), Object.keys(sent)), sent, on(send));
    ctx.check('D', 'MUST', 'The server answered 2.04 Changed', send.responseCode ?? null, '2.04', on(send));
  },
});
