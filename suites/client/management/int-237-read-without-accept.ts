import { defineCase } from '../../../harness/run/case.ts';
import { configuredNeeding, on, pick } from '../dm-steps.ts';
import { each, readAll } from './read-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-237',
  title: 'Read on Object without specifying Content-Type',
  interface: 'management',
  tests: 'client',
  since: '1.1',
  config: 'C.1',
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-237; OMA-TS-LightweightM2M_Core §6.3.1 (Read without Accept: the client\'s preferred format), §7.1',
  purpose: 'The server reads /1 and /3 with no Accept; each answer must be 2.05 in a format the client names with its Content-Format and the server decodes.',
  async run(ctx) {
    // Lifetime is written to 86400 where it differs; the Binding (/3/0/16) is read-only, judged as the device holds it.
    const { values: held } = await configuredNeeding(ctx, ['/1/0/1'], 'C.1');
    const binding = held['/3/0/16'] ?? 'U';
    const paths = ['/1', '/3'];
    const lifetime = ctx.device.serverAccount.resource(1);
    const reads = await readAll(ctx, paths);
    ctx.require('A', 'MUST', 'Reads of /1 and /3 without Accept are answered 2.05 Content', reads.codes, each(paths, '2.05'), on(reads.first));
    ctx.check('B', 'MUST', 'Each answer carries a Content-Format', Object.fromEntries(paths.map((p) => [p, reads.formats[p] === null ? 'none' : 'present'])), each(paths, 'present'), on(reads.first));
    ctx.check('C', 'MUST', `The server decodes each answer: /1 shows Lifetime 86400, /3 the Binding "${binding}" (as read in text/plain)`,
      { '/1': pick(reads.values['/1']!, [lifetime]), '/3': pick(reads.values['/3']!, ['/3/0/16']) }, { '/1': { [lifetime]: 86400 }, '/3': { '/3/0/16': binding } }, on(reads.first));
    ctx.note(`formats chosen by the client: ${JSON.stringify(reads.formats)}`);
  },
});
