import { defineCase } from '../../../harness/run/case.ts';
import { codeOf, decoded, on, valuesOf } from '../dm-steps.ts';
import { objectConfigured, objectFormat } from './object-configuration.ts';
import { encoded, formatName, instancesOf } from './object-steps.ts';

/** Server-to-client data: every byte value class (0x00, 0xFF, bytes that are not UTF-8), longer than a small fixed buffer. */
const data = Buffer.from(Array.from({ length: 48 }, (_, k) => (k * 37 + 11) & 0xff));

const bytes = (hex: unknown) => Buffer.from(String(hex), 'hex');

export default defineCase({
  id: 'LightweightM2M-1.1-int-1901',
  title: 'BinaryAppDataContainer: Writing data',
  interface: 'objects',
  tests: 'client',
  since: '1.1',
  config: 'C.15',
  requires: ['object:19'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-1901; OMA-TS-LightweightM2M_Core §6.3.3 (Write), §6.3.1 (Read); registry object 19',
  purpose: 'The server writes 48 bytes of binary data to /19/1/0 (server to client) and reads it back; the device must hold exactly the bytes written.',
  notes:
    'Data /19/x/0 is a multiple resource, so the write and the read are in TLV (one resource instance, 0) when the profile claims it, else in another multi-value format it claims. ' +
    'The data the device held in /19/1/0 is written back after the case.',
  async run(ctx) {
    const config = await objectConfigured(ctx, 'C.15');
    const format = objectFormat(ctx);
    const before = instancesOf(config.objects, '/19/1/0');
    ctx.afterCase(async () => {
      if (typeof before === 'string' || before.length === 0) return ctx.note('/19/1/0 held no data before the case; it keeps what the case wrote');
      const nodes = before.map((hex, ri) => ({ path: `/19/1/0/${ri}`, type: 'opaque' as const, value: new Uint8Array(bytes(hex)) }));
      const restore = await ctx.server.writeBody(ctx.target.endpoint, '/19/1/0', encoded(format, '/19/1/0', nodes), format);
      if (codeOf(restore) !== '2.04') ctx.note(`restoring /19/1/0 was answered ${codeOf(restore)}`);
    });
    const write = await ctx.server.writeBody(ctx.target.endpoint, '/19/1/0', encoded(format, '/19/1/0', [{ path: '/19/1/0/0', type: 'opaque', value: new Uint8Array(data) }]), format);
    ctx.require('A', 'MUST', `The write of ${data.length} bytes to /19/1/0 in ${formatName(format)} is answered 2.04 Changed`, codeOf(write), '2.04', on(write));
    const read = await ctx.server.read(ctx.target.endpoint, '/19/1/0', format);
    ctx.require('B', 'MUST', 'Read of /19/1/0 is answered 2.05 Content', codeOf(read), '2.05', on(read));
    ctx.check('C', 'MUST', 'It holds exactly the bytes written, as one instance', instancesOf(valuesOf(decoded(read, '/19/1/0')), '/19/1/0'), [data.toString('hex')], on(read));
  },
});
