import { defineCase } from '../../harness/run/case.ts';
import { expect } from '../../harness/run/expectation.ts';
import { consistencyProblem } from '../../harness/run/case-clients.ts';
import { parsePath } from '../../harness/lwm2m/path.ts';

export default defineCase({
  id: 'LWM2MC-BSS-001',
  title: 'Bootstrap-Request, provisioning and Finish',
  interface: 'bootstrap',
  tests: 'bootstrap-server',
  since: '1.0',
  config: 'C.13',
  ref: 'OMA-TS-LightweightM2M_Core §5.2.7, §6.1.3, §6.1.7; PITFALLS IF-06, IF-07',
  purpose:
    'A client with only a bootstrap account asks the target for its configuration: the request must be answered ' +
    '2.04; the Discover, Delete and Write requests must be well formed, leave the client\'s bootstrap account ' +
    '(as the harness declared it) alone and give a consistent server account; Finish must come; the client then registers with the result.',
  async run(ctx) {
    const client = await ctx.clients.bootstrapClient();
    // The bootstrap account is the harness's to set: one that differs already is the harness's mistake, not the server's.
    const unset = client.bootstrapAccountChanges();
    ctx.precondition(unset.length === 0, `the simulated client does not hold the bootstrap account the harness declared (${unset.join('; ')})`);
    const since = client.received.position();
    const request = await client.request();
    ctx.require('A', 'MUST', 'The Bootstrap-Request is answered 2.04 Changed', request.response?.code ?? `no response (${request.error})`, '2.04');
    const within = ctx.target.timing.responseWithinMs * 10;
    const finish = await client.nextRequest(since, within, (r) => r.request.method === 'POST' && r.request.path === '/bs');
    const seen = client.received.since(since);
    ctx.note(`requests: ${seen.map((r) => `${r.request.method} ${r.request.path} → ${r.answer}`).join(', ')}`);
    ctx.check('B', 'MUST', 'Bootstrap-Finish (POST /bs) is sent', finish ? 'POST /bs' : `nothing within ${within / 1000} s`, 'POST /bs');
    // A GET is a Bootstrap-Discover (Accept 40) or a Bootstrap-Read of /1 or /2; anything else is malformed.
    const gets = seen.filter((r) => r.request.method === 'GET');
    const readable = (path: string) => /^\/[12](\/\d+)?$/.test(path);
    ctx.check('C', 'MUST', 'Every GET is a Bootstrap-Discover with Accept application/link-format (40) or a Bootstrap-Read of /1 or /2', gets.filter((r) => r.request.accept !== 40 && !readable(r.request.path)).map((r) => `GET ${r.request.path}${r.request.accept === undefined ? ' (no Accept)' : ` (Accept ${r.request.accept})`}`), []);
    const deletes = seen.filter((r) => r.request.method === 'DELETE');
    ctx.check('D', 'MUST', 'Every Bootstrap-Delete targets /, /o or /o/i', deletes.filter((r) => { const p = parsePath(r.request.path); return !p.ok || p.value.length > 2; }).map((r) => `DELETE ${r.request.path}`), []);
    const writes = seen.filter((r) => r.request.method === 'PUT');
    ctx.check('E', 'MUST', 'Every Bootstrap-Write is well formed (a conformant client answers 2.04)', writes.filter((r) => r.answer !== '2.04').map((r) => `PUT ${r.request.path} → ${r.answer}`), []);
    ctx.check('F', 'MUST', 'The client\'s bootstrap account (/0/1) is not written', writes.filter((r) => r.request.path === '/0/1' || r.request.path.startsWith('/0/1/') || (r.request.path === '/0' && client.store.value(0, 1, 1) !== true)).map((r) => `PUT ${r.request.path}`), []);
    ctx.require('G', 'MUST', 'The configuration is consistent: a Server instance with a matching Security instance', consistencyProblem(client.store) ?? 'consistent', 'consistent');
    const serverSince = ctx.server.position();
    const register = await client.registerToProvisioned();
    ctx.check('H', 'MUST', 'The client can register with the server account it was given', register.response?.code ?? `no response (${register.error})`, expect.oneOf('2.01'));
    if (register.uri === ctx.server.uri) {
      const seenRegister = await ctx.server.waitFor('register', { since: serverSince, within: ctx.target.timing.responseWithinMs, endpoint: client.name });
      ctx.note(seenRegister ? `registered at the harness's server (${seenRegister.location})` : 'the harness\'s server saw no Register');
    } else ctx.note(`the server account points at ${register.uri}, not the harness's server`);
    ctx.check('I', 'MUST', 'The client\'s bootstrap account is as the harness set it (Server URI, Bootstrap-Server, Security Mode)', client.bootstrapAccountChanges(), []);
  },
});
