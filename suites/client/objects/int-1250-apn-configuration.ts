import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { objectPaths, type ServerEvent } from '../../../harness/run/case-server.ts';
import { CF, codeOf, decoded, on, s, valuesOf } from '../dm-steps.ts';
import { objectConfigured, objectFormat } from './object-configuration.ts';
import { encoded, instancesOf } from './object-steps.ts';

const listsInstance = (path: string) => (e: ServerEvent) => objectPaths(e.objectList?.links ?? []).includes(path);

export default defineCase({
  id: 'LightweightM2M-CONMGMT-int-1250',
  title: 'APN configuration',
  interface: 'objects',
  tests: 'client',
  since: '1.0',
  config: 'C.10',
  requires: ['object:10', 'object:11', 'operation:create'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 CONMGMT-int-1250; OMA-TS-LightweightM2M_Core §6.3.6 (Create), §6.2.2 (Update with the object list), §E.2 (/1/x/8); registry objects 10, 11',
  purpose:
    'The server creates a second, disabled APN profile in /11 and executes the Registration Update Trigger; an Update must bring the server an object list with the new instance. ' +
    'The server then enables the profile: Activated Profile Names /10/0/11 must name it.',
  notes:
    'The ETS\'s trigger is "Resource ID:7 of the Device Object"; it is the Registration Update Trigger /1/x/8 of the server account. Its /10/11 is /10/0/11. ' +
    'The new profile is /11/1 when that instance is free, as the ETS has it; else the first free one. The device may send the object list in the Update it sends on its own after the Create (Core §6.2.2) or in the triggered one: either is taken. ' +
    'The Create is in TLV when the profile claims it. Enabling the profile brings up no real connection on the loopback the harness uses: only what the device reports is judged. The profile is deleted after the case (with operation:delete).',
  async run(ctx) {
    const config = await objectConfigured(ctx, 'C.10');
    const taken = new Set(objectPaths(config.objectList?.links ?? []).filter((p) => p.startsWith('/11/')));
    let n = 1;
    while (taken.has(`/11/${n}`)) n++;
    const profile = `/11/${n}`;
    const format = objectFormat(ctx);
    const since = ctx.server.position();
    const nodes = [
      { path: `${profile}/0`, type: 'string' as const, value: 'second profile' },
      { path: `${profile}/1`, type: 'string' as const, value: 'backup.example' },
      { path: `${profile}/3`, type: 'boolean' as const, value: false },
      { path: `${profile}/4`, type: 'integer' as const, value: 3 },
    ];
    const create = await ctx.server.create(ctx.target.endpoint, '/11', encoded(format, '/11', nodes), format);
    ctx.require('A', 'MUST', `Create on /11 (${profile}, not enabled) is answered 2.01 Created`, codeOf(create), '2.01', on(create));
    ctx.afterCase(async () => {
      if (!ctx.target.features.has('operation:delete')) return ctx.note(`${profile} stays on the device: the profile claims no Delete`);
      const removed = await ctx.server.delete(ctx.target.endpoint, profile);
      if (codeOf(removed) !== '2.02') ctx.note(`deleting ${profile} after the case was answered ${codeOf(removed)}`);
    });
    ctx.check('B', 'SHOULD', `The new instance is ${profile} (Location-Path)`, create.response?.locationPath ?? 'no Location-Path', profile, on(create));
    const trigger = ctx.device.serverAccount.resource(8);
    const exec = await ctx.server.execute(ctx.target.endpoint, trigger);
    ctx.require('C', 'MUST', `Execute on the Registration Update Trigger ${trigger} is answered 2.04 Changed`, codeOf(exec), '2.04', on(exec));
    const within = ctx.target.timing.reactionWithinMs;
    const update = await ctx.server.waitFor('update', { since, within, where: listsInstance(profile) });
    ctx.check('D', 'MUST', `An Update after the Create carries an object list with <${profile}>`, update ? 'received' : `nothing within ${s(within)} s`, expect.that(`an Update listing <${profile}> within ${s(within)} s`, () => update !== undefined), on(update));
    const stored = objectPaths(ctx.server.registrationOf(ctx.target.endpoint)?.links ?? []);
    ctx.check('E', 'MUST', `The server's registration now lists ${profile}`, stored, expect.includes(profile));
    const enable = await ctx.server.writeBody(ctx.target.endpoint, `${profile}/3`, '1', CF.text);
    ctx.require('F', 'MUST', `The write of Enable status ${profile}/3 = true is answered 2.04 Changed`, codeOf(enable), '2.04', on(enable));
    const read = await ctx.server.read(ctx.target.endpoint, '/10/0/11', format);
    ctx.require('G', 'MUST', 'Read of Activated Profile Names /10/0/11 is answered 2.05 Content', codeOf(read), '2.05', on(read));
    ctx.check('H', 'MUST', `Activated Profile Names names the enabled profile 11:${n}`, instancesOf(valuesOf(decoded(read, '/10/0/11')), '/10/0/11'), expect.includes(`11:${n}`), on(read));
  },
});
