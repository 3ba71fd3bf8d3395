import { defineCase } from '../../../harness/run/case.ts';
import { CF, codeOf, configured, on, s } from '../dm-steps.ts';
import { cueSend, mutedWindowMs, nextSend, sendSeen, sendsOnTrigger, sendWindowMs } from './send-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-307',
  title: 'Muting Send',
  interface: 'reporting',
  tests: 'client',
  since: '1.1',
  config: 'C.1',
  requires: ['operation:send', 'operation:mute-send', 'send-cue'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-307; OMA-TS-LightweightM2M_Core §6.4.6 (Send), Appendix E.2 (/1/x/23 Mute Send)',
  purpose:
    'With periodic Send configured, the server sees a Send, writes Mute Send /1/0/23 = true, and no Send may come for a Send period; ' +
    'it writes false again and the next Send must arrive and be answered 2.04.',
  notes:
    'The ETS prints the Mute Send writes as CoAP POST on a resource (erratum, CATALOGUE §6); they are sent as PUT. ' +
    'The ETS has the tester trigger each Send; here the device\'s configured periodic Send (profile sendPeriod) is waited on, ' +
    'for one period plus the tolerance, and the muted window is one period plus the tolerance too. A device that Sends on cue is told by ' +
    'its trigger-send driver before each wait, the muted one included; each window is then reactionWithin plus the tolerance.',
  waitsMs: (target) => 2 * sendWindowMs({ target }) + mutedWindowMs({ target }),
  // Periodic: the first Send a period in, the unmuted one on the device's schedule two periods later,
  // or after the muted window when that is longer. On cue: the muted window alone.
  floorMs: (target) => (sendsOnTrigger({ target }) ? mutedWindowMs({ target }) : target.timing.sendPeriodMs + Math.max(2 * target.timing.sendPeriodMs, mutedWindowMs({ target }))),
  async run(ctx) {
    await configured(ctx, 'C.1');
    const before = ctx.server.position();
    const within = await cueSend(ctx);
    const first = await nextSend(ctx, before, within);
    ctx.arrived('A', 'MUST', 'Before muting, the client sends POST /dp', first, within, () => 'POST /dp');
    const muteSend = ctx.device.serverAccount.resource(23);
    const mute = await ctx.server.writeBody(ctx.target.endpoint, muteSend, '1', CF.text);
    ctx.require('B', 'MUST', `Writing Mute Send ${muteSend} = true is answered 2.04`, codeOf(mute), '2.04', on(mute));
    // A Send already on its way when the write arrived is logged before the write's answer.
    const mutedSince = ctx.server.position();
    const mutedAt = performance.now();
    if (sendsOnTrigger(ctx)) await cueSend(ctx);
    const mutedWindow = mutedWindowMs(ctx);
    const leaked = await nextSend(ctx, mutedSince, mutedWindow);
    ctx.check('C', 'MUST', `While muted, no Send reaches the server (window ${s(mutedWindow)} s)`, sendSeen(leaked, mutedAt, mutedWindow), `none within ${s(mutedWindow)} s`, on(leaked));
    const unmute = await ctx.server.writeBody(ctx.target.endpoint, muteSend, '0', CF.text);
    ctx.require('D', 'MUST', `Writing Mute Send ${muteSend} = false is answered 2.04`, codeOf(unmute), '2.04', on(unmute));
    const since = ctx.server.position();
    await cueSend(ctx);
    const send = ctx.arrived('E', 'MUST', 'Unmuted, the client sends POST /dp again', await nextSend(ctx, since, within), within, () => 'POST /dp');
    ctx.check('F', 'MUST', 'The server answered that Send 2.04 Changed', send.responseCode ?? null, '2.04', on(send));
  },
});
