import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { listedObjects } from '../../../harness/run/case-server.ts';
import { configured, decodePayload, on, pathsOf, valuesOf } from '../dm-steps.ts';
import { cueSend, nextSend, sendsOnTrigger, sendWindowMs } from './send-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-306',
  title: 'Send Operation',
  interface: 'reporting',
  tests: 'client',
  since: '1.1',
  config: 'C.1',
  requires: ['operation:send', 'send-cue'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-306; OMA-TS-LightweightM2M_Core §6.4.6 (Send)',
  purpose: 'With periodic Send configured (or told to Send by its trigger-send driver), the client must POST /dp in SenML (or LwM2M CBOR) with values of registered objects only; the server answers 2.04.',
  notes: 'The device\'s own Send period comes from the profile (sendPeriod); the harness waits one period plus the tolerance, or reactionWithin after the trigger-send driver.',
  waitsMs: (target) => sendWindowMs({ target }),
  // A periodic Send comes a period after the last; one on cue as soon as the device reacts.
  floorMs: (target) => (sendsOnTrigger({ target }) ? 0 : target.timing.sendPeriodMs),
  async run(ctx) {
    const reg = await configured(ctx, 'C.1');
    const since = ctx.server.position();
    const within = await cueSend(ctx);
    const send = ctx.arrived('A', 'MUST', 'The client sends POST /dp', await nextSend(ctx, since, within), within, () => 'POST /dp');
    ctx.check('B', 'MUST', 'The Send is SenML JSON, SenML CBOR or LwM2M CBOR', send.contentFormat ?? null, expect.oneOf(110, 112, 11544), on(send));
    const values = valuesOf(decodePayload(send.payload, send.contentFormat));
    ctx.require('C', 'MUST', 'The payload decodes', typeof values === 'string' ? values : 'decodes', 'decodes', on(send));
    const registered = listedObjects(reg.objectList?.links ?? []);
    const foreign = pathsOf(values).filter((p) => !registered.has(Number(p.split('/')[1])));
    ctx.check('D', 'MUST', 'It carries values of registered objects only', foreign.length === 0 ? 'registered objects only' : `also ${foreign.join(', ')}`, 'registered objects only', on(send));
    ctx.check('E', 'MUST', 'The server answered 2.04 Changed', send.responseCode ?? null, '2.04', on(send));
  },
});
