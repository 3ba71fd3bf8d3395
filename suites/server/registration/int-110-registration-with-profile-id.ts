import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { at, claimedProfile, codeOf, pathsNamed, registrationRecord } from './steps.ts';

export default defineCase({
  id: 'LightweightM2M-1.2-int-110',
  title: 'Initial Registration using Profile ID',
  interface: 'registration',
  tests: 'server',
  since: '1.2',
  config: 'C.1',
  requires: ['profile-id', 'driver:registration'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-110; OMA-TS-LightweightM2M_Core 1.2 §6.2.1 (Profile ID)',
  purpose:
    'A simulated client registers with the Profile ID the server knows (pid=…) and no object list; the server ' +
    'must answer 2.01 Created and take the objects the Profile ID stands for as the client\'s.',
  notes:
    'The TS defines no input to the Profile ID hash, so the Profile ID and its object list come from the profile ' +
    '(features.profileIds), as the server was configured. "The server resolves the profile" is read from the ' +
    'server\'s own record of the registration, through its "registration" driver.',
  async run(ctx) {
    const { pid, paths } = claimedProfile(ctx);
    const client = await ctx.clients.create();
    const reg = await client.register({ lwm2m: '1.2', extra: [`pid=${pid}`], links: '', contentFormat: null });
    ctx.require('A', 'MUST', `Register with pid=${pid} and no object list is answered 2.01 Created`, codeOf(reg), '2.01', at(reg));
    ctx.check('B', 'MUST', 'The Location-Path is under /rd', reg.response!.locationPath, expect.matches(/^\/rd\/[^/]+/, 'a path /rd/{location}'), at(reg));
    const record = await registrationRecord(ctx, client.name);
    ctx.check(
      'C',
      'MUST',
      `The server resolves Profile ID ${pid}: its record of the registration lists ${paths.join(', ')}`,
      pathsNamed(record, paths),
      expect.that(`lists ${paths.join(', ')}`, (found) => Array.isArray(found) && paths.every((p) => found.includes(p))),
      at(reg),
    );
  },
});
