import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { at, expectFirstRegister } from './steps.ts';
import { lintLinkFormat } from '../../../harness/lwm2m/lint/link-format.ts';
import { listedObjects } from '../../../harness/run/case-server.ts';

/** Binding values a Register may carry, per LwM2M version (Core §5.3.1 / §6.2.1.1). */
const bindings: Record<string, RegExp> = {
  '1.0': /^(U|UQ|S|SQ|US|UQS)$/,
  '1.1': /^(?!.*(.).*\1)[UTSN]+$/,
  '1.2': /^(?!.*(.).*\1)[UTSNMH]+$/,
};

export default defineCase({
  id: 'LWM2MC-REG-001',
  title: 'Register request is well formed',
  interface: 'registration',
  tests: 'client',
  since: '1.0',
  config: 'C.1',
  ref: 'OMA-TS-LightweightM2M_Core §6.2.1 (Register parameters), Transport §8.2.1; RFC 6690; RFC 7252 §5.10.3',
  purpose:
    'The harness resets the client and inspects its first Register against the syntax the Transport ' +
    'binding and CoRE Link Format require: a confirmable POST with Content-Format 40, valid ep, lt, lwm2m ' +
    'and b parameters, and an object list naming the mandatory Server and Device objects.',
  notes: 'PITFALLS IF-01 (link-format strictness) and IF-02 (parameter values) are the field failures behind these checks.',
  async run(ctx) {
    const reg = await expectFirstRegister(ctx, (e) => `POST ${e.path}`);
    const on = at(reg);
    const params = reg.params?.params ?? {};
    ctx.check('B', 'MUST', 'Register is a confirmable request', reg.confirmable ? 'CON' : 'NON', 'CON', { ...on, ref: 'Transport §8.2.1' });
    ctx.check('C', 'MUST', 'The object list has Content-Format 40 (application/link-format)', reg.contentFormat ?? null, 40, on);
    ctx.check(
      'D',
      'MUST',
      'ep is present, non-empty and given once',
      { ep: params.ep ?? null, repeated: reg.params?.repeated.includes('ep') ?? false },
      expect.that('a non-empty ep given once', (v) => {
        const { ep, repeated } = v as { ep: unknown; repeated: boolean };
        return typeof ep === 'string' && ep.length > 0 && !repeated;
      }),
      on,
    );
    ctx.check('E', 'MUST', 'lt is a positive whole number of seconds', params.lt ?? null, expect.matches(/^[1-9]\d{0,9}$/, 'a positive whole number'), on);
    ctx.check('F', 'MUST', 'lwm2m is a published LwM2M version', params.lwm2m ?? null, expect.oneOf('1.0', '1.1', '1.2'), on);
    const version = typeof params.lwm2m === 'string' ? params.lwm2m : ctx.target.version;
    if (params.b !== undefined) {
      ctx.check('G', 'MUST', `b is a binding value LwM2M ${version} defines`, params.b, expect.matches(bindings[version] ?? bindings['1.1']!, `a ${version} binding`), on);
    }
    ctx.require('H', 'MUST', 'The object list parses as CoRE Link Format', reg.objectList?.error ?? 'valid', 'valid', on);
    const objects = [...listedObjects(reg.objectList?.links ?? [])].sort((a, b) => a - b);
    ctx.check('I', 'MUST', 'The Server object (/1) is listed', objects, expect.includes(1), on);
    ctx.check('J', 'MUST', 'The Device object (/3) is listed', objects, expect.includes(3), on);
    ctx.check('K', 'MUST', 'The Security object (/0) is not listed', objects, expect.excludes(0), on);
    // The strict reading of RFC 6690 and the LwM2M rules the lenient parser forgave.
    const findings = lintLinkFormat(reg.objectList?.text ?? '', { context: 'register', lwm2mVersion: version, contentFormat: reg.contentFormat ?? 40 });
    const shown = (level: string) => findings.filter((f) => f.level === level).map((f) => `${f.id}: ${f.message}`);
    ctx.check('L', 'MUST', 'The object list breaks no MUST of CoRE Link Format or LwM2M', shown('MUST'), [], on);
    ctx.check('M', 'SHOULD', 'The object list follows the SHOULDs (no ver on instance links, no stray whitespace…)', shown('SHOULD'), [], on);
  },
});
