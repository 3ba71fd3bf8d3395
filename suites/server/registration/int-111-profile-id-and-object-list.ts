import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { at, claimedProfile, codeOf, pathsNamed, registrationRecord } from './steps.ts';

/** Instances a C.5 client may list besides its profile: the first one the profile does not cover. */
const extraCandidates = ['/4/0', '/5/0', '/6/0', '/7/0'];

export default defineCase({
  id: 'LightweightM2M-1.2-int-111',
  title: 'Registration with Profile ID and Object List',
  interface: 'registration',
  tests: 'server',
  since: '1.2',
  config: 'C.5',
  requires: ['profile-id', 'driver:registration'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-111; OMA-TS-LightweightM2M_Core 1.2 §6.2.1 (Profile ID)',
  purpose:
    'A simulated client registers with a known Profile ID plus an object list naming what the profile does not ' +
    'cover (</4/0>); the server must answer 2.01 and merge both lists.',
  notes: 'As int-110, the Profile ID comes from the profile and the merge is read through the server\'s "registration" driver.',
  async run(ctx) {
    const { pid, paths } = claimedProfile(ctx);
    const extra = extraCandidates.find((p) => !paths.includes(p))!;
    const client = await ctx.clients.create();
    const reg = await client.register({ lwm2m: '1.2', extra: [`pid=${pid}`], links: `<${extra}>` });
    ctx.require('A', 'MUST', `Register with pid=${pid} and the object list <${extra}> is answered 2.01 Created`, codeOf(reg), '2.01', at(reg));
    const record = await registrationRecord(ctx, client.name);
    ctx.check(
      'B',
      'MUST',
      `The server's record of the registration lists the objects of Profile ID ${pid} (${paths.join(', ')})`,
      pathsNamed(record, paths),
      expect.that(`lists ${paths.join(', ')}`, (found) => Array.isArray(found) && paths.every((p) => found.includes(p))),
      at(reg),
    );
    ctx.check('C', 'MUST', `The server's record also lists ${extra}, which the Register named besides the profile`, pathsNamed(record, [extra]), expect.includes(extra), at(reg));
  },
});
