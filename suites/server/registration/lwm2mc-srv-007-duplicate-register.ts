import { defineCase } from '../../../harness/run/case.ts';
import { locationPath } from '../../../harness/run/case-trace.ts';
import { until } from '../../../harness/run/waiting.ts';
import { codeOf, refusedRegisterReason } from './steps.ts';

export default defineCase({
  id: 'LWM2MC-SRV-007',
  title: 'A retransmitted Register is answered once, not registered twice',
  interface: 'registration',
  tests: 'server',
  since: '1.0',
  ref: 'RFC 7252 §4.5 (message deduplication); OMA-TS-LightweightM2M_Core §6.2.1',
  purpose:
    'A simulated client sends the same confirmable Register datagram twice (same message id and token, as after a lost ' +
    'ACK); the server must answer both with the same response and hold one registration.',
  async run(ctx) {
    const client = await ctx.clients.create();
    const register = client.registerDatagram();
    const mark = ctx.trace.mark();
    const answers = () =>
      ctx.trace.since(mark).filter((r) => r.direction === 'in' && r.endpoint === `client ${client.name}` && r.message?.messageId === register.messageId);
    await register.send();
    const within = ctx.target.timing.responseWithinMs;
    const first = ctx.arrived('A', 'MUST', 'The Register is answered', await until(() => answers()[0], { within, signal: ctx.signal }), within, (r) => `${r.message!.type} ${r.message!.code}`);
    ctx.precondition(first.message!.code === '2.01', refusedRegisterReason(client, first.message!.code));
    await register.send();
    const second = await until(() => answers()[1], { within, signal: ctx.signal });
    const show = (r: typeof first | undefined) => {
      if (!r?.message) return `no answer within ${within / 1000} s`;
      return `${r.message.code} /${locationPath(r.message)}`;
    };
    ctx.check('B', 'MUST', 'The duplicate gets the same answer (code and Location-Path)', show(second), show(first), second ? { at: second.seq } : {});
    const location = show(first).split(' ')[1]!;
    const update = await client.update(location);
    ctx.check('C', 'MUST', 'The one registration is alive at the first location (Update → 2.04)', codeOf(update), '2.04', update.seq !== undefined ? { at: update.seq } : {});
  },
});
