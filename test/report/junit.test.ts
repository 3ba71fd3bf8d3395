// junit.xml has the Surefire/Ant structure CI systems read: one testsuite per interface, one
// testcase per case with name, classname and time, and verdicts mapped to failure, error and
// skipped elements with consistent counts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { junitXml } from '../../harness/report/junit.ts';
import { childNamed, readXml, type XmlElement } from '../../harness/lwm2m/model/xml-reader.ts';
import { faultyCaseId, faultyCheckId, faultyRun, faultyRunCases, syntheticCase, syntheticReport } from './support.ts';

function parse(xml: string): XmlElement {
  const result = readXml(xml);
  if (!result.ok) throw new Error(`junit.xml is not well-formed: ${result.error.message} at ${result.error.line}:${result.error.column}`);
  return result.root;
}

const children = (e: XmlElement, name: string) => e.children.filter((c) => c.name === name);
const attr = (e: XmlElement, name: string) => e.attributes.get(name);

/** What every consumer relies on, whatever the content. */
function expectSurefireShape(root: XmlElement): void {
  expect(root.name).toBe('testsuites');
  const allowedInCase = ['failure', 'error', 'skipped', 'system-out', 'system-err'];
  for (const suite of children(root, 'testsuite')) {
    for (const a of ['name', 'tests', 'failures', 'errors', 'skipped', 'time']) expect(attr(suite, a), `testsuite@${a}`).toBeDefined();
    const cases = children(suite, 'testcase');
    expect(Number(attr(suite, 'tests'))).toBe(cases.length);
    const count = (name: string) => cases.filter((c) => children(c, name).length > 0).length;
    expect(Number(attr(suite, 'failures'))).toBe(count('failure'));
    expect(Number(attr(suite, 'errors'))).toBe(count('error'));
    expect(Number(attr(suite, 'skipped'))).toBe(count('skipped'));
    for (const c of cases) {
      expect(attr(c, 'name')).toBeTruthy();
      expect(attr(c, 'classname')).toBeTruthy();
      expect(attr(c, 'time')).toMatch(/^\d+\.\d{3}$/);
      for (const child of c.children) expect(allowedInCase).toContain(child.name);
      // Surefire's order: the outcome element before the output.
      const names = c.children.map((x) => x.name);
      if (names.includes('system-out')) expect(names.indexOf('system-out')).toBe(names.length - 1);
      expect(names.filter((n) => n === 'failure' || n === 'error' || n === 'skipped').length).toBeLessThanOrEqual(1);
    }
  }
}

describe('junit.xml', () => {
  it('maps each verdict to its element and groups cases by interface', () => {
    const cases = [
      syntheticCase(),
      syntheticCase({
        id: 'LightweightM2M-1.1-int-102',
        verdict: 'fail',
        checks: [{ id: 'E', level: 'MUST', verdict: 'fail', description: 'Update <before> "lifetime" & more', expected: 'at most 4.5 s', actual: 'none within 4.5 s', atMs: 4500 }],
      }),
      syntheticCase({ id: 'LightweightM2M-1.1-int-103', verdict: 'inconclusive', reason: 'the client did not register', checks: [] }),
      syntheticCase({ id: 'LightweightM2M-1.1-int-105', verdict: 'error', reason: 'port in use\u0000', checks: [] }),
      syntheticCase({ id: 'LightweightM2M-1.1-int-107', verdict: 'not-applicable', reason: 'needs LwM2M 1.1', checks: [], trace: [] }),
      syntheticCase({ id: 'LWM2MC-DM-001', interface: 'management', verdict: 'pass' }),
    ];
    const root = parse(junitXml(syntheticReport(cases)));
    expectSurefireShape(root);
    const suites = children(root, 'testsuite');
    expect(suites.map((s) => attr(s, 'name'))).toEqual(['registration', 'management']);
    expect(attr(root, 'tests')).toBe('6');
    const byId = new Map(suites.flatMap((s) => children(s, 'testcase')).map((c) => [attr(c, 'name')!.split(' ')[0], c]));
    expect(byId.get('LightweightM2M-1.1-int-101')!.children.map((c) => c.name)).toEqual(['system-out']);
    const failure = childNamed(byId.get('LightweightM2M-1.1-int-102')!, 'failure')!;
    expect(attr(failure, 'type')).toBe('fail');
    expect(attr(failure, 'message')).toBe('E: Update <before> "lifetime" & more');
    expect(failure.text).toContain('actual:   none within 4.5 s');
    const inconclusive = childNamed(byId.get('LightweightM2M-1.1-int-103')!, 'failure')!;
    expect(attr(inconclusive, 'type')).toBe('inconclusive');
    expect(attr(inconclusive, 'message')).toBe('the client did not register');
    expect(attr(childNamed(byId.get('LightweightM2M-1.1-int-105')!, 'error')!, 'message')).toBe('port in use\ufffd');
    expect(attr(childNamed(byId.get('LightweightM2M-1.1-int-107')!, 'skipped')!, 'message')).toBe('needs LwM2M 1.1');
    expect(attr(byId.get('LWM2MC-DM-001')!, 'classname')).toBe('lwm2m-conformance.management');
    expect(childNamed(byId.get('LightweightM2M-1.1-int-101')!, 'system-out')!.text).toContain('CON 0.02 POST /rd mid=1');
  });

  it('a real run with a forced fault: one testcase per case, the failed one carries its failed check and trace', async () => {
    const run = await faultyRun();
    expect(run.code, run.stderr + run.stdout).toBe(1);
    const root = parse(readFileSync(join(run.dir, 'junit.xml'), 'utf8'));
    expectSurefireShape(root);
    const [suite] = children(root, 'testsuite');
    expect(attr(suite!, 'name')).toBe('registration');
    const cases = children(suite!, 'testcase');
    expect(cases.map((c) => attr(c, 'name')!.split(' ')[0])).toEqual(faultyRunCases);
    const failed = cases.find((c) => attr(c, 'name')!.startsWith(faultyCaseId))!;
    const failure = childNamed(failed, 'failure')!;
    expect(attr(failure, 'message')).toMatch(new RegExp(`^${faultyCheckId}: `));
    expect(failure.text).toContain('expected:');
    expect(childNamed(failed, 'system-out')!.text).toMatch(/POST \/1\/0\/4/);
    const expectedTime = run.report.cases.find((c) => c.id === faultyCaseId)!.durationMs / 1000;
    expect(Number(attr(failed, 'time'))).toBeCloseTo(expectedTime, 2);
  }, 90_000);
});
