import { describe, expect, it } from 'vitest';
import { selectCases, globToRegExp } from '../../harness/run/selection.ts';
import { allCases } from '../../suites/index.ts';
import { UsageError } from '../../harness/errors.ts';

describe('case selection', () => {
  it('matches ids by glob, case-insensitively', () => {
    expect(globToRegExp('*int-10?').test('LightweightM2M-1.1-INT-101')).toBe(true);
    expect(selectCases(allCases.filter((c) => c.tests === 'client'), { ids: ['*int-101'] }).map((c) => c.id)).toEqual(['LightweightM2M-1.1-int-101']);
  });

  it('narrows by interface and tag', () => {
    expect(selectCases(allCases, { interfaces: ['registration'] }).every((c) => c.interface === 'registration')).toBe(true);
    expect(selectCases(allCases.filter((c) => c.tests === 'client'), { tags: ['smoke'] }).map((c) => c.id)).toEqual(expect.arrayContaining(['LightweightM2M-1.1-int-101', 'LightweightM2M-1.1-int-102']));
  });

  it('rejects a selection that matches nothing, or an unknown interface, as usage errors', () => {
    expect(() => selectCases(allCases, { ids: ['nope-*'] })).toThrow(UsageError);
    expect(() => selectCases(allCases, { interfaces: ['registraton'] })).toThrow(/no case has this interface/);
  });

  it('case ids are unique for each role under test', () => {
    const keys = allCases.map((c) => `${c.tests} ${c.id}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
