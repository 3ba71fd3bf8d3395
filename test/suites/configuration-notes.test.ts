// A device configured unlike the ETS in a value no case depends on (/3/0/16 = "UQ") gets the
// verdicts the default device gets, with one configuration note for the run; a value a case
// does depend on (/1/0/6 = 1 where int-211 expects 0) is written for the case and restored.
import { describe, expect, it } from 'vitest';
import { managementCases } from '../../suites/client/management/index.ts';
import { reportingCases } from '../../suites/client/reporting/index.ts';
import { runCases } from '../../harness/run/run-cases.ts';
import { configurationNotesOf } from '../../harness/report/run-report.ts';
import { presetDeviceProfile, referenceDeviceProfile } from '../support/reference-profile.ts';
import { explain } from '../support/explain.ts';

/** Cases that read, observe or send /3/0/16 or compare it. */
const slice = [
  'LightweightM2M-1.1-int-203', 'LightweightM2M-1.1-int-204', 'LightweightM2M-1.1-int-231', 'LightweightM2M-1.1-int-280',
  'LightweightM2M-1.1-int-304', 'LightweightM2M-1.1-int-311',
];
const sliceCases = [...managementCases, ...reportingCases].filter((c) => slice.includes(c.id));

describe('configuration values a case does not depend on', () => {
  it('the slice names cases that exist', () => {
    expect(sliceCases.map((c) => c.id).sort()).toEqual([...slice].sort());
  });

  it('/3/0/16 = "UQ": the same verdicts as the default device, no inconclusive, one configuration note', async () => {
    const preset = await runCases(sliceCases, presetDeviceProfile({ '/3/0/16': 'UQ' }));
    const usual = await runCases(sliceCases, referenceDeviceProfile());
    expect(preset.map((r) => [r.id, r.verdict]), preset.map(explain).join('\n')).toEqual(usual.map((r) => [r.id, r.verdict]));
    expect(preset.filter((r) => r.verdict === 'inconclusive').map(explain)).toEqual([]);
    const notes = configurationNotesOf(preset);
    expect(notes.map((n) => [n.path, n.expected, n.actual])).toEqual([['/3/0/16', 'U', '"UQ"']]);
    expect(configurationNotesOf(usual)).toEqual([]);
  }, 240_000);

  it('/1/0/6 = 1 (true), which int-211 needs false: written for the case, restored after it, and the case passes', async () => {
    const int211 = managementCases.find((c) => c.id === 'LightweightM2M-1.1-int-211')!;
    const [result] = await runCases([int211], presetDeviceProfile({ '/1/0/6': '1' }));
    expect(result!.verdict, explain(result!)).toBe('pass');
    expect(result!.notes.join('\n')).toMatch(/\/1\/0\/6 was "1"; wrote "0" \(ETS C\.1\), restored after the case/);
    // The write of the ETS value and the one restoring the device's own (the bootstrap's writes of /0 and /1 aside).
    const writes = result!.trace.filter((t) => t.direction === 'out' && / PUT \/1\/0\/6\b/.test(t.summary));
    expect(writes.map((t) => t.payload), JSON.stringify(writes)).toEqual([expect.stringContaining('0'), expect.stringContaining('1')]);
  }, 60_000);
});
