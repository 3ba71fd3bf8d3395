import { defineCase } from '../../../harness/run/case.ts';
import { encodeMessage, type CoapMessage } from '../../../harness/coap/message.ts';
import { OptionNumber, encodeUint } from '../../../harness/coap/options.ts';
import { until } from '../../../harness/peers/wait.ts';
import { c1ObjectList } from '../../../harness/peers/clients/simulated-client.ts';
import { codeOf } from './steps.ts';

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
    const client = await ctx.devices.create();
    const messageId = client.coap.allocateMessageId();
    const query = [`ep=${client.name}`, 'lt=86400', 'lwm2m=1.1', 'b=U'];
    const message: CoapMessage = {
      type: 'CON',
      code: '0.02',
      messageId,
      token: client.coap.newToken(),
      options: [
        { number: OptionNumber.UriPath, value: Buffer.from('rd') },
        { number: OptionNumber.ContentFormat, value: encodeUint(40) },
        ...query.map((q) => ({ number: OptionNumber.UriQuery, value: Buffer.from(q) })),
      ],
      payload: Buffer.from(c1ObjectList),
    };
    const bytes = encodeMessage(message);
    const mark = client.coap.trace.mark();
    const answers = () =>
      client.coap.trace.since(mark).filter((r) => r.direction === 'in' && r.endpoint === `client ${client.name}` && r.message?.messageId === messageId);
    await client.coap.sendRaw(client.server, bytes);
    const within = ctx.target.timing.responseWithinMs;
    const first = ctx.arrived('A', 'MUST', 'The Register is answered', await until(() => answers()[0], { within, signal: ctx.signal }), within, (r) => `${r.message!.type} ${r.message!.code}`);
    ctx.precondition(first.message!.code === '2.01', `the server did not accept the Register (${first.message!.code})`);
    await client.coap.sendRaw(client.server, bytes);
    const second = await until(() => answers()[1], { within, signal: ctx.signal });
    const show = (r: typeof first | undefined) => {
      if (!r?.message) return `no answer within ${within / 1000} s`;
      const location = r.message.options.filter((o) => o.number === OptionNumber.LocationPath).map((o) => o.value.toString()).join('/');
      return `${r.message.code} /${location}`;
    };
    ctx.check('B', 'MUST', 'The duplicate gets the same answer (code and Location-Path)', show(second), show(first), second ? { at: second.seq } : {});
    const location = show(first).split(' ')[1]!;
    const update = await client.update(location);
    ctx.check('C', 'MUST', 'The one registration is alive at the first location (Update → 2.04)', codeOf(update), '2.04', update.seq !== undefined ? { at: update.seq } : {});
  },
});
