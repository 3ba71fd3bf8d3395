// Our own negative Device Management cases (LWM2MC-DM-nnn): the error codes and semantics the
// ETS leaves untested and real devices get wrong (PITFALLS IF-09, IF-13, IF-14, IF-15). The
// multi-step ones (LWM2MC-DM-010, -011) have their own files.
import { defineCase, type CaseDefinition } from '../../../harness/run/case.ts';
import type { CaseContext } from '../../../harness/run/context.ts';
import type { Outcome } from '../../../harness/peers/server/reference-server.ts';
import { CF, codeOf, configured, on } from '../dm-steps.ts';

interface Negative {
  id: string;
  title: string;
  ref: string;
  purpose: string;
  requires?: string[];
  notes?: string;
  expected: string;
  what: string;
  send(ctx: CaseContext): Promise<Outcome>;
}

function negative(n: Negative): CaseDefinition {
  return defineCase({
    id: n.id,
    title: n.title,
    interface: 'management',
    tests: 'client',
    since: '1.1',
    config: 'C.1',
    ...(n.requires ? { requires: n.requires } : {}),
    ref: n.ref,
    purpose: n.purpose,
    ...(n.notes ? { notes: n.notes } : {}),
    async run(ctx) {
      await configured(ctx, 'C.1');
      const outcome = await n.send(ctx);
      ctx.check('A', 'MUST', `${n.what} is answered ${n.expected}`, codeOf(outcome), n.expected, on(outcome));
    },
  });
}

const attributeRef = 'OMA-TS-LightweightM2M_Core §5.1.2 (attribute rules), §6.3.4 (4.00 Bad Request); PITFALLS IF-15';

export const dmNegatives: CaseDefinition[] = [
  negative({
    id: 'LWM2MC-DM-001', title: 'Read with an unsupported Accept is refused with 4.06',
    ref: 'OMA-TS-LightweightM2M_Core §6.3.1 (4.06 Not Acceptable); RFC 7252 §5.10.4; PITFALLS IF-09',
    purpose: 'The server reads /3/0 with Accept 50 (application/json, not an LwM2M format); the client must answer 4.06, not a payload in another format.',
    expected: '4.06', what: 'GET /3/0 with Accept 50',
    send: (ctx) => ctx.server.read(ctx.target.endpoint, '/3/0', 50),
  }),
  negative({
    id: 'LWM2MC-DM-002', title: 'Write in an unsupported Content-Format is refused with 4.15',
    ref: 'OMA-TS-LightweightM2M_Core §6.3.3 (4.15 Unsupported Content-Format); PITFALLS IF-09',
    purpose: 'The server writes "10" to /1/0/3 with Content-Format 50 (application/json); the client must answer 4.15 rather than guess the format.',
    expected: '4.15', what: 'PUT /1/0/3 with Content-Format 50',
    send: (ctx) => ctx.server.writeBody(ctx.target.endpoint, '/1/0/3', '10', 50),
  }),
  negative({
    id: 'LWM2MC-DM-003', title: 'Create of an existing instance is refused with 4.00',
    requires: ['object:16', 'operation:create', 'format:tlv'],
    ref: 'OMA-TS-LightweightM2M_Core §6.3.6 (Create: 4.00 when the instance exists); PITFALLS IF-14',
    purpose: 'The server creates Portfolio instance 0, which C.12 already has; the client must answer 4.00 and keep the instance.',
    expected: '4.00', what: 'POST /16 naming instance 0',
    // TLV: Object Instance 0 wrapping Identity (multiple) with instance 0 = "x".
    send: (ctx) => ctx.server.create(ctx.target.endpoint, '/16', Buffer.from('0500830041007' + '8', 'hex'), CF.tlv),
  }),
  negative({
    id: 'LWM2MC-DM-004', title: 'Write of an undefined resource is refused with 4.04',
    ref: 'OMA-TS-LightweightM2M_Core §6.3.3 (4.04 Not Found); PITFALLS IF-13',
    purpose: 'The server writes resource 100 of the Device instance, which object 3 does not define; the client must answer 4.04.',
    expected: '4.04', what: 'PUT /3/0/100',
    send: (ctx) => ctx.server.writeBody(ctx.target.endpoint, '/3/0/100', '1', CF.text),
  }),
  negative({
    id: 'LWM2MC-DM-005', title: 'Execute on a non-executable resource is refused with 4.05',
    ref: 'OMA-TS-LightweightM2M_Core §6.3.5 (4.05 Method Not Allowed)',
    purpose: 'The server executes Manufacturer /3/0/0, a readable resource; the client must answer 4.05.',
    expected: '4.05', what: 'POST /3/0/0 (Execute)',
    send: (ctx) => ctx.server.execute(ctx.target.endpoint, '/3/0/0'),
  }),
  negative({
    id: 'LWM2MC-DM-006', title: 'Write-Attributes with lt not below gt is refused with 4.00',
    requires: ['operation:write-attributes'], ref: attributeRef,
    purpose: 'The server writes lt=50&gt=40 on Battery Level /3/0/9; lt must be less than gt, so the client must answer 4.00.',
    expected: '4.00', what: 'PUT /3/0/9?lt=50&gt=40',
    send: (ctx) => ctx.server.writeAttributes(ctx.target.endpoint, '/3/0/9', 'lt=50&gt=40'),
  }),
  negative({
    id: 'LWM2MC-DM-007', title: 'Write-Attributes with lt + 2·st not below gt is refused with 4.00',
    requires: ['operation:write-attributes'], ref: attributeRef,
    purpose: 'The server writes lt=10&gt=20&st=6 on /3/0/9; lt + 2·st (22) must be less than gt, so the client must answer 4.00.',
    expected: '4.00', what: 'PUT /3/0/9?lt=10&gt=20&st=6',
    send: (ctx) => ctx.server.writeAttributes(ctx.target.endpoint, '/3/0/9', 'lt=10&gt=20&st=6'),
  }),
  negative({
    id: 'LWM2MC-DM-008', title: 'Write-Attributes gt on a string resource is refused with 4.00',
    requires: ['operation:write-attributes'], ref: attributeRef,
    purpose: 'The server writes gt=5 on Manufacturer /3/0/0, a string; gt, lt and st apply to numeric resources only, so the client must answer 4.00.',
    expected: '4.00', what: 'PUT /3/0/0?gt=5',
    send: (ctx) => ctx.server.writeAttributes(ctx.target.endpoint, '/3/0/0', 'gt=5'),
  }),
  negative({
    id: 'LWM2MC-DM-009', title: 'Write-Attributes with an unknown attribute is refused with 4.00',
    requires: ['operation:write-attributes'], ref: attributeRef,
    purpose: 'The server writes foo=1 on /3/0/9; an attribute the TS does not define must be answered 4.00.',
    expected: '4.00', what: 'PUT /3/0/9?foo=1',
    send: (ctx) => ctx.server.writeAttributes(ctx.target.endpoint, '/3/0/9', 'foo=1'),
  }),
  negative({
    id: 'LWM2MC-DM-012', title: 'Execute with a stray Accept option still succeeds',
    ref: 'OMA-TS-LightweightM2M_Core §6.3.5 (Execute); RFC 7252 §5.10.4 (Accept); PITFALLS IF-09 (OMA #241)',
    purpose: 'The server executes Registration Update Trigger /1/0/8 with Accept 0, which some servers add; an Execute returns no payload, so the client must answer 2.04, not 4.06.',
    expected: '2.04', what: 'POST /1/0/8 (Execute) with Accept 0',
    send: (ctx) => ctx.server.request(ctx.target.endpoint, { method: 'POST', path: '/1/0/8', accept: CF.text }),
  }),
];
