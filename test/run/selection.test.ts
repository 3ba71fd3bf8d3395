import { describe, expect, it } from 'vitest';
import { selectCases, globToRegExp } from '../../harness/run/selection.ts';
import { allCases } from '../../suites/index.ts';
import { UsageError } from '../../harness/commands/io.ts';

describe('case selection', () => {
  it('matches ids by glob, case-insensitively', () => {
    expect(globToRegExp('*int-10?').test('LightweightM2M-1.1-INT-101')).toBe(true);
    expect(selectCases(allCases, { ids: ['*int-101'] }).map((c) => c.id)).toEqual(['LightweightM2M-1.1-int-101']);
  });

  it('narrows by interface and tag', () => {
    expect(selectCases(allCases, { interfaces: ['registration'] }).length).toBe(allCases.length);
    expect(selectCases(allCases, { tags: ['smoke'] }).map((c) => c.id)).toEqual(['LightweightM2M-1.1-int-101', 'LightweightM2M-1.1-int-102']);
  });

  it('rejects a selection that matches nothing, or an unknown interface, as usage errors', () => {
    expect(() => selectCases(allCases, { ids: ['nope-*'] })).toThrow(UsageError);
    expect(() => selectCases(allCases, { interfaces: ['registraton'] })).toThrow(/no case has this interface/);
  });

  it('case ids are unique', () => {
    expect(new Set(allCases.map((c) => c.id)).size).toBe(allCases.length);
  });
});
