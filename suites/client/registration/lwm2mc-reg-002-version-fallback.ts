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
  notes: 'A client whose first Register offers a version the server supports needs no fallback: checks B and C judge that Register, and a note says no 4.12 was sent.',
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
    // The Register that ends the start: the first one, or the one after a 4.12. Either way the
    // verdict rests on it: a version the server supports, accepted.
    let settled: ServerEvent | undefined = first;
    if (first.responseCode === '4.12') {
      ctx.note(`the server refused LwM2M ${offered(first)} with 4.12 (it is a ${server} server)`);
      settled = await ctx.server.waitFor('register', { within, endpoint, versionRefusals: true, where: (e) => e.atMs > first.atMs });
    } else {
      ctx.note(`the first Register offered LwM2M ${offered(first)}, which a ${server} server supports: no fallback was needed`);
    }
    ctx.check(
      'B',
      'MUST',
      `The client registers with a version the server supports (after a 4.12, again within ${s(within)} s)`,
      settled ? offered(settled) : `no further Register within ${s(within)} s`,
      expect.that(`LwM2M ${server} or earlier`, (v) => typeof v === 'string' && /^\d+\.\d+$/.test(v) && rank(v) <= rank(server)),
      at(settled),
    );
    if (settled) ctx.check('C', 'MUST', 'The server accepts that Register', settled.responseCode ?? null, '2.01', at(settled));
  },
});
