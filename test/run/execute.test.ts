// How case bodies become verdicts: checks, required checks, preconditions, thrown errors,
// missing checks, deadlines and applicability.
import { describe, expect, it } from 'vitest';
import { defineCase, type CaseDefinition } from '../../harness/run/case.ts';
import { executeCase } from '../../harness/run/execute.ts';
import type { CaseEnvironment } from '../../harness/sessions/session.ts';
import { expect as matchers } from '../../harness/run/expectation.ts';
import type { TargetView } from '../../harness/targets/target-view.ts';
import { worstVerdict } from '../../harness/run/verdict.ts';
import { TraceRecorder } from '../../harness/coap/trace.ts';

const target: TargetView = {
  name: 't',
  role: 'client',
  version: '1.1',
  endpoint: 'ep',
  features: new Set(['binding:U']),
  timing: {
    startWithinMs: 100,
    registerWithinMs: 100,
    responseWithinMs: 100,
    shortLifetimeS: 1,
    toleranceMs: 10,
    reactionWithinMs: 100,
    caseDeadlineMs: 1000,
    pminS: 1,
    pmaxS: 2,
    sendPeriodMs: 1000,
    queueAwakeMs: 1000,
    firmwareWithinMs: 1000,
    maxTransmitWaitMs: 1000,
  },
};

function env(overrides: Partial<CaseEnvironment> = {}): CaseEnvironment {
  return { target, trace: new TraceRecorder(), prepare: async () => {}, caseDeadlineMs: 1000, waitedMs: () => 0, ...overrides };
}

function aCase(run: CaseDefinition['run'], extra: Partial<CaseDefinition> = {}): CaseDefinition {
  return defineCase({ id: 'X-1', title: 't', interface: 'registration', tests: 'client', since: '1.0', ref: 'r', purpose: 'p', run, ...extra });
}

describe('verdicts', () => {
  it('the worst verdict wins: error > fail > inconclusive > pass > not-applicable', () => {
    expect(worstVerdict(['pass', 'inconclusive', 'fail'])).toBe('fail');
    expect(worstVerdict(['fail', 'error'])).toBe('error');
    expect(worstVerdict(['not-applicable', 'pass'])).toBe('pass');
    expect(worstVerdict([])).toBe('pass');
  });

  it('all checks holding gives pass, with expected and actual recorded', async () => {
    const r = await executeCase(aCase(async (ctx) => { ctx.check('A', 'MUST', 'd', 3, matchers.between(1, 5)); }), env());
    expect(r.verdict).toBe('pass');
    expect(r.checks[0]).toMatchObject({ id: 'A', verdict: 'pass', expected: 'between 1 and 5', actual: 3 });
  });

  it('a failed MUST fails the case; a failed SHOULD is only a warning', async () => {
    const should = await executeCase(aCase(async (ctx) => { ctx.check('A', 'SHOULD', 'd', 1, 2); }), env());
    expect(should.verdict).toBe('pass');
    expect(should.checks[0]!.verdict).toBe('warning');
    const must = await executeCase(aCase(async (ctx) => { ctx.check('A', 'MUST', 'd', 1, 2); ctx.check('B', 'MUST', 'd', 1, 1); }), env());
    expect(must.verdict).toBe('fail');
  });

  it('a failed required check stops the case', async () => {
    let reached = false;
    const r = await executeCase(aCase(async (ctx) => { ctx.require('A', 'MUST', 'd', 'x', 'y'); reached = true; }), env());
    expect(r.verdict).toBe('fail');
    expect(reached).toBe(false);
    expect(r.reason).toContain('check A failed');
  });

  it('something that did not arrive fails with the deadline it missed', async () => {
    const r = await executeCase(aCase(async (ctx) => { ctx.arrived('A', 'MUST', 'Register arrives', undefined, 1500); }), env());
    expect(r.verdict).toBe('fail');
    expect(r.checks[0]).toMatchObject({ actual: 'nothing within 1.5 s', expected: 'received within 1.5 s' });
  });

  it('an unmet precondition is inconclusive, saying why', async () => {
    const r = await executeCase(aCase(async (ctx) => { ctx.precondition(false, 'the client did not register'); }), env());
    expect(r.verdict).toBe('inconclusive');
    expect(r.reason).toBe('precondition not met: the client did not register');
  });

  it('an exception in the harness is an error, never a fail', async () => {
    const r = await executeCase(aCase(async () => { throw new Error('socket closed'); }), env());
    expect(r.verdict).toBe('error');
    expect(r.reason).toContain('socket closed');
    const prep = await executeCase(aCase(async (ctx) => { ctx.check('A', 'MUST', 'd', 1, 1); }), env({ prepare: async () => { throw new Error('launch failed'); } }));
    expect(prep.verdict).toBe('error');
  });

  it('a case that checked nothing is an error, not a pass', async () => {
    const r = await executeCase(aCase(async () => {}), env());
    expect(r.verdict).toBe('error');
    expect(r.reason).toBe('the case recorded no check');
  });

  it('a case that overruns its overall deadline is an error', async () => {
    const r = await executeCase(aCase((ctx) => new Promise((resolve) => ctx.signal.addEventListener('abort', () => resolve()))), env({ caseDeadlineMs: 50 }));
    expect(r.verdict).toBe('error');
    expect(r.reason).toContain('overall deadline of 0.05 s');
  });

  it('a case whose feature the profile lacks is not-applicable, with the reason, and never runs', async () => {
    let ran = false;
    const r = await executeCase(aCase(async () => { ran = true; }, { requires: ['resource:/1/0/4'] }), env());
    expect(r).toMatchObject({ verdict: 'not-applicable', reason: "the profile does not claim 'resource:/1/0/4'" });
    expect(ran).toBe(false);
    const newer = await executeCase(aCase(async () => {}, { since: '1.2' }), env());
    expect(newer.reason).toContain('introduced in LwM2M 1.2');
  });

  it('a case that starts from a factory reset needs the profile\'s factory-reset driver', async () => {
    const factory = aCase(async (ctx) => { ctx.check('A', 'MUST', 'd', 1, 1); }, { reset: 'factory' });
    const without = await executeCase(factory, env());
    expect(without).toMatchObject({ verdict: 'not-applicable' });
    expect(without.reason).toContain("no 'factory-reset' driver");
    const withDriver = await executeCase(factory, env({ target: { ...target, features: new Set(['driver:factory-reset']) } }));
    expect(withDriver.verdict).toBe('pass');
  });

  it('a case drives the target through the environment', async () => {
    const driven: string[] = [];
    const r = await executeCase(aCase(async (ctx) => { await ctx.drive('reboot'); ctx.check('A', 'MUST', 'd', 1, 1); }), env({ drive: async (name) => { driven.push(name); return ''; } }));
    expect(r.verdict).toBe('pass');
    expect(driven).toEqual(['reboot']);
    const cannot = await executeCase(aCase(async (ctx) => { await ctx.drive('reboot'); }), env());
    expect(cannot.verdict).toBe('error');
  });
});
