import { defineCase } from '../../../harness/run/case.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { codeOf, on } from '../dm-steps.ts';
import { instanceConfigured, readInstance, resourceIds } from './object-instance-steps.ts';

/** C.7's Location values, as the ETS configures them. */
const c7: Record<string, number> = { '/6/0/0': 43.5723, '/6/0/1': 153.2176, '/6/0/2': 140, '/6/0/3': 100, '/6/0/5': 1367491215, '/6/0/6': 3 };

export default defineCase({
  id: 'LightweightM2M-1.1-int-801',
  title: 'Location: Querying the readable resources',
  interface: 'objects',
  tests: 'client',
  since: '1.0',
  config: 'C.7',
  requires: ['object:6'],
  ref: 'OMA-ETS-LightweightM2M_INT-V1_2 int-801; OMA-TS-LightweightM2M_Core §6.3.1 (Read), Appendix E (Object 6: Location, WGS 84)',
  purpose:
    'The server reads /6/0; the device must answer 2.05 with Latitude 0, Longitude 1 and Timestamp 5 (the mandatory resources), ' +
    'a latitude within ±90°, a longitude within ±180° and a timestamp after 1970.',
  notes:
    'A device reports where it is: its values are judged for range, and those that differ from C.7 (lat 43.5723, lon 153.2176, alt 140, radius 100, timestamp 1367491215, speed 3) are configuration notes, not failures.',
  async run(ctx) {
    await instanceConfigured(ctx, '/6/0', 'C.7');
    const { outcome, values } = await readInstance(ctx, '/6/0');
    ctx.require('A', 'MUST', 'Read of /6/0 is answered 2.05 Content', codeOf(outcome), '2.05', on(outcome));
    ctx.check('B', 'MUST', 'The mandatory resources Latitude 0, Longitude 1 and Timestamp 5 are present', typeof values === 'string' ? values : resourceIds(values, '/6/0'),
      expect.that('includes 0, 1, 5', (v) => Array.isArray(v) && [0, 1, 5].every((r) => v.includes(r))), on(outcome));
    const v = typeof values === 'string' ? {} : values;
    const inRange = (x: unknown, limit: number) => typeof x === 'number' && Math.abs(x) <= limit;
    ctx.check('C', 'MUST', 'Latitude /6/0/0 is within -90…90 and Longitude /6/0/1 within -180…180 (decimal degrees, WGS 84)', { latitude: v['/6/0/0'] ?? null, longitude: v['/6/0/1'] ?? null },
      expect.that('{ latitude: -90…90, longitude: -180…180 }', (x) => { const r = x as { latitude: unknown; longitude: unknown }; return inRange(r.latitude, 90) && inRange(r.longitude, 180); }), on(outcome));
    ctx.check('D', 'MUST', 'Timestamp /6/0/5 is a time after 1970-01-01', v['/6/0/5'] ?? null, expect.that('a time above 0', (x) => typeof x === 'number' && x > 0), on(outcome));
    for (const [path, value] of Object.entries(c7)) {
      const held = v[path];
      if (held !== value) ctx.configurationNote({ configuration: 'C.7', path, expected: String(value), actual: held === undefined ? 'absent' : `"${String(held)}"` });
    }
  },
});
