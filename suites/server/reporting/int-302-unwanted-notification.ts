import { defineCase } from '../../../harness/run/case.ts';
import { until } from '../../../harness/run/waiting.ts';
import { registeredClient } from '../management/steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-302',
  title: 'Cancel Observations using Reset Operation',
  interface: 'reporting',
  tests: 'server',
  since: '1.0',
  config: 'C.4',
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-302; OMA-TS-LightweightM2M_Core §6.4.2; RFC 7641 §3.6, §4.2',
  purpose: 'A simulated client sends a confirmable notification the server never asked for; the server must reject it with RST.',
  notes: 'The ETS has the server answer a notification it no longer wants; a notification with an unknown token is the same situation on the wire.',
  async run(ctx) {
    const { client } = await registeredClient(ctx);
    const mark = ctx.trace.mark();
    const messageId = await client.sendUnsolicitedNotification();
    const within = ctx.target.timing.responseWithinMs;
    const reply = await until(
      () => ctx.trace.since(mark).find((r) => r.direction === 'in' && r.endpoint === `client ${client.name}` && r.message?.messageId === messageId),
      { within, signal: ctx.signal },
    );
    const answer = reply?.message ? `${reply.message.type} ${reply.message.code}` : `nothing within ${within / 1000} s`;
    ctx.check('A', 'MUST', 'The server answers the unwanted confirmable notification with RST', answer, 'RST 0.00', reply ? { at: reply.seq } : {});
  },
});
