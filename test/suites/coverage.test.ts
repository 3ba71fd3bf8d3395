// Coverage gate: every ETS case with a procedure (../shared/ets/cases.yaml) has a case in the
// suite, or a written reason why not (suites/without-case.ts, or a case that exists only to say
// what the harness lacks, as suites/client/bootstrap/not-implemented.ts does).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { allCases } from '../../suites/index.ts';
import { outOfScope, pending } from '../../suites/without-case.ts';
import { sharedMissing, sharedMissingReason, sharedPath } from '../support/shared.ts';

interface Entry {
  id: string;
  title: string;
  status: string;
}

/** The ETS number of an id (LightweightM2M-1.1-int-770 → int-770): 1.2 keeps most 1.1 ids, and our 1.2-only cases name the version they came with. */
const numberOf = (id: string) => /int-\d+$/.exec(id)?.[0];

describe.skipIf(sharedMissing)(`coverage of the ETS cases${sharedMissing ? ` (${sharedMissingReason})` : ''}`, () => {
  const entries = sharedMissing ? [] : (parse(readFileSync(sharedPath('ets', 'cases.yaml'), 'utf8')) as Entry[]);
  const withProcedure = entries.filter((e) => e.status.startsWith('procedure'));
  const implemented = new Set(allCases.map((c) => numberOf(c.id)).filter(Boolean));
  const reasons: Record<string, string> = { ...outOfScope, ...pending };

  it('reads the ETS case list', () => {
    expect(withProcedure.length).toBeGreaterThan(100);
  });

  it('every case with a procedure has a case in the suite or a written reason', () => {
    const uncovered = withProcedure.filter((e) => !implemented.has(numberOf(e.id)) && !reasons[numberOf(e.id) ?? '']?.trim()).map((e) => `${e.id} ${e.title}`);
    expect(uncovered).toEqual([]);
  });

  it('no reason stands for a case the suite has, or for one the ETS does not list with a procedure', () => {
    const listed = new Set(withProcedure.map((e) => numberOf(e.id)));
    const stale = Object.keys(reasons).filter((n) => implemented.has(n) || !listed.has(n));
    expect(stale).toEqual([]);
  });

  it('the Firmware Update cases 751-779 with a procedure all have cases', () => {
    const firmware = withProcedure.filter((e) => /int-7[5-7]\d$/.test(e.id)).map((e) => numberOf(e.id));
    expect(firmware.filter((n) => !implemented.has(n))).toEqual([]);
  });
});
