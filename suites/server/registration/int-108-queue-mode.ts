import { defineCase } from '../../../harness/run/case.ts';
import { on } from '../management/steps.ts';
import { at, codeOf, registeredClient, untilTime } from './steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-108',
  title: 'Turn on Queue Mode',
  interface: 'registration',
  tests: 'server',
  since: '1.1',
  config: 'C.1',
  requires: ['queue-mode', 'driver:read'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-108, int-109; OMA-TS-LightweightM2M_Core §6.5 (Queue Mode); Transport §8.2.1 (Q)',
  purpose:
    'A simulated client registers in queue mode (Q) and goes quiet; the server, made to read it while it sleeps, must hold ' +
    'the request and send it only after the client\'s next Update.',
  notes:
    'Covers the server side of int-108 (the server treats the client as in queue mode) and int-109 (it queues the request ' +
    'until the next Update). MAX_TRANSMIT_WAIT, 93 s in the ETS, is the profile\'s queueAwake.',
  async run(ctx) {
    const { client, location } = await registeredClient(ctx, { extra: ['Q'] });
    const awake = ctx.target.timing.queueAwakeMs;
    await untilTime(ctx, performance.now(), awake + ctx.target.timing.toleranceMs);
    ctx.note(`the client has been quiet for ${(awake + ctx.target.timing.toleranceMs) / 1000} s`);

    const since = client.received.position();
    const driving = ctx.drive('read', { endpoint: client.name, path: '/3/0/0' }).catch((error: unknown) => error);
    const within = ctx.target.timing.responseWithinMs;
    const early = await client.nextRequest(since, within);
    ctx.check('A', 'MUST', 'While the client sleeps, the server sends it nothing', early ? `${early.request.method} ${early.request.path}` : 'nothing', 'nothing', early ? on(early) : {});

    const update = await client.update(location);
    ctx.require('B', 'MUST', 'The client\'s Update is answered 2.04 Changed', codeOf(update), '2.04', at(update));
    const held = await client.nextRequest(since, within);
    ctx.check('C', 'MUST', 'The held Read arrives after the Update', held ? `${held.request.method} ${held.request.path}` : `nothing within ${within / 1000} s`, 'GET /3/0/0', held ? on(held) : {});
    await driving;
  },
});
