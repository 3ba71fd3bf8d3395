import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import type { ServerEvent } from '../../../harness/run/case-server.ts';
import { at, s } from './steps.ts';

/** 'major.minor' as a number that orders versions ('1.10' after '1.9'). */
function rank(version: string): number {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major * 1000 + minor;
}

/** The version a Register offers; without lwm2m= it is 1.0 (Core §6.2.1). */
const offered = (event: ServerEvent): string => {
  const version = event.params?.params.lwm2m;
  return typeof version === 'string' ? version : '1.0';
};

export default defineCase({
  id: 'LWM2MC-REG-002',
  title: "Falls back to the server's version on 4.12",
  interface: 'registration',
  tests: 'client',
  since: '1.0',
  config: 'C.1',
  ref: 'OMA-TS-LightweightM2M_Core §6.2.1 (Register: 4.12 Precondition Failed for an LwM2M version the server does not support)',
  purpose:
    "The harness's server is a server of the profile's LwM2M version and answers 4.12 to a Register offering a later " +
    'one. A client that offers a later version first must register again, within the Register deadline, with a ' +
    'version the server supports.',
  notes: 'A client whose first Register offers a version the server supports has no fallback to show: the case passes on that Register and says so.',
  async run(ctx) {
    const within = ctx.target.timing.registerWithinMs;
    const endpoint = ctx.target.endpoint;
    const server = ctx.target.version;
    const first = ctx.arrived(
      'A',
      'MUST',
      'The client sends Register (POST /rd) after it starts',
      await ctx.server.waitFor('register', { within, endpoint, versionRefusals: true }),
      within,
      (e) => `lwm2m=${offered(e)}, answered ${e.responseCode}`,
    );
    if (first.responseCode !== '4.12') {
      ctx.note(`the first Register offered LwM2M ${offered(first)}, which a ${server} server accepts: no fallback to judge`);
      return;
    }
    ctx.note(`the server refused LwM2M ${offered(first)} with 4.12 (it is a ${server} server)`);
    const next = await ctx.server.waitFor('register', { within, endpoint, versionRefusals: true, where: (e) => e.atMs > first.atMs });
    ctx.check(
      'B',
      'MUST',
      `After the 4.12 the client registers again with a version the server supports, within ${s(within)} s`,
      next ? offered(next) : `no further Register within ${s(within)} s`,
      expect.that(`LwM2M ${server} or earlier`, (v) => typeof v === 'string' && /^\d+\.\d+$/.test(v) && rank(v) <= rank(server)),
      at(next),
    );
    if (next) ctx.check('C', 'MUST', 'The server accepts the fallback Register', next.responseCode ?? null, '2.01', at(next));
  },
});
