import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { codeOf, on } from '../dm-steps.ts';
import { checkFailedDownload, deliver, fromIdle, loadPackage } from './firmware-steps.ts';

/** The block from which the harness stops serving: the device has had part of the package. */
const stopAtBlock = 3;

export default defineCase({
  id: 'LightweightM2M-1.1-int-775',
  title: 'Error case 4: connection lost during download (URI)',
  interface: 'objects',
  tests: 'client',
  since: '1.0',
  config: 'C.8',
  requires: ['object:5', 'firmware:pull', 'firmware-protocol:coap'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-775; OMA-TS-LightweightM2M_Core Appendix E.6 (Object 5 Update Result 4: connection lost during download)',
  purpose: `The server writes the URI of a valid package the harness serves over CoAP, and the harness stops answering from block ${stopAtBlock} on; the device must report Update Result 4 and return to Idle.`,
  notes: 'The harness cuts the connection itself: requests for later blocks are taken and never answered (traced as dropped). The device needs a whole CoAP exchange to give up, so the wait is timing.firmwareWithin plus the exchange\'s MAX_TRANSMIT_WAIT.',
  waitsMs: (t) => t.timing.firmwareWithinMs + t.timing.maxTransmitWaitMs,
  async run(ctx) {
    const watch = await fromIdle(ctx, 'pull');
    const pkg = await loadPackage(ctx, 'valid');
    const from = watch.mark();
    const delivery = await deliver(ctx, pkg, 'pull', { stopAtBlock });
    ctx.require('A', 'MUST', 'The Write of the Package URI to /5/0/1 is answered 2.04 Changed', codeOf(delivery.write), '2.04', on(delivery.write));
    await checkFailedDownload(ctx, watch, from, 4, 'connection lost', { result: 'B', path: 'C' }, ctx.target.timing.firmwareWithinMs + ctx.target.timing.maxTransmitWaitMs);
    const cut = delivery.server!.requests.all().find((r) => r.dropped);
    ctx.check('D', 'MUST', `The device had started the transfer: it asked for block ${stopAtBlock}, which went unanswered`, cut ? `block ${cut.block?.num ?? 0} unanswered` : `blocks asked for: ${delivery.server!.requests.all().map((r) => r.block?.num ?? 0).join(', ') || 'none'}`,
      expect.that(`block ${stopAtBlock} unanswered`, () => cut !== undefined), cut ? { at: cut.seq } : {});
  },
});
