import { defineCase } from '../../../harness/run/case.ts';
import { codeOf, on } from '../dm-steps.ts';
import { checkFailedDownload, deliver, fromIdle, loadPackage } from './firmware-steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-778',
  title: 'Error case 7: invalid URI',
  interface: 'objects',
  tests: 'client',
  since: '1.0',
  config: 'C.8',
  requires: ['object:5', 'firmware:pull', 'firmware-protocol:coap'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-778; OMA-TS-LightweightM2M_Core Appendix E.6 (Object 5 Update Result 7: invalid URI)',
  purpose: 'The server writes a Package URI naming nothing on the harness\'s package server (it answers 4.04 Not Found); the Write must be answered 2.04, then the device must report Update Result 7 and return to Idle.',
  notes: 'The URI is well formed and reachable (the harness\'s own CoAP package server), so the only fault is the resource it names: a device cannot mistake it for a lost connection (4) or an unsupported protocol (9).',
  waitsMs: (t) => t.timing.firmwareWithinMs,
  async run(ctx) {
    const watch = await fromIdle(ctx, 'pull');
    const pkg = await loadPackage(ctx, 'valid');
    const from = watch.mark();
    const delivery = await deliver(ctx, pkg, 'pull', { uriPath: '/fw/no-such-package' });
    ctx.require('A', 'MUST', 'The Write of the Package URI to /5/0/1 is answered 2.04 Changed', codeOf(delivery.write), '2.04', on(delivery.write));
    await checkFailedDownload(ctx, watch, from, 7, 'invalid URI', { result: 'B', path: 'C' });
  },
});
