import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { at, expectFirstRegister } from './steps.ts';
import { objectPaths } from '../../../harness/run/case-server.ts';

export default defineCase({
  id: 'LightweightM2M-1.1-int-101',
  title: 'Initial Registration',
  interface: 'registration',
  tests: 'client',
  since: '1.0',
  config: 'C.1',
  tags: ['smoke'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-101; OMA-TS-LightweightM2M_Core §6.2.1, Transport §8.2.1',
  purpose:
    'The harness resets the client and waits for its first Register; the Register must carry the endpoint ' +
    'name, lifetime and LwM2M version, and an object list without the Security (and OSCORE) objects.',
  notes:
    'Pass criteria that judge the server (2.01 with a Location-Path under /rd) are met by the reference server ' +
    'and not recorded as checks of the client.',
  async run(ctx) {
    const reg = await expectFirstRegister(ctx, (e) => `POST ${e.path}?${e.params?.query.join('&')}`);
    const params = reg.params?.params ?? {};
    const on = at(reg);
    ctx.check('B', 'MUST', 'Register carries the endpoint client name (ep)', params.ep ?? null, ctx.target.endpoint, on);
    ctx.check('C', 'MUST', 'Register carries the lifetime (lt)', params.lt ?? null, expect.matches(/^[1-9]\d*$/, 'a positive whole number of seconds'), on);
    ctx.check('D', 'MUST', 'Register carries the LwM2M version (lwm2m)', params.lwm2m ?? null, ctx.target.version, on);
    const links = reg.objectList?.links;
    ctx.require('E', 'MUST', 'The object list is valid link format', reg.objectList?.error ?? 'valid', 'valid', on);
    const paths = objectPaths(links ?? []);
    ctx.check('F', 'MUST', 'The object list names objects or object instances', paths.length > 0 ? paths : null, expect.present('at least one </o> or </o/i> link'), on);
    const securityLinks = paths.filter((p) => p === '/0' || p.startsWith('/0/'));
    ctx.check('G', 'MUST', 'The Security object (/0) is not in the object list', securityLinks, [], on);
    if (ctx.target.version !== '1.0') {
      const oscoreLinks = paths.filter((p) => p === '/21' || p.startsWith('/21/'));
      ctx.check('H', 'MUST', 'The OSCORE object (/21) is not in the object list (LwM2M 1.1+)', oscoreLinks, [], on);
    }
  },
});
