// Every bootstrap-server case passes against the faithful reference bootstrap server and fails,
// on the named check, against the reference bootstrap server with the fault it exists to catch.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bootstrapServerCases } from '../../suites/bootstrap-server/index.ts';
import { runCases } from '../../harness/run/run-cases.ts';
import { parseProfile, type Profile } from '../../harness/targets/profile.ts';
import { projectRoot } from '../support/shared.ts';
import { explain } from '../support/explain.ts';

const file = join(projectRoot, 'fixtures', 'profiles', 'reference-bootstrap-server.yaml');

function referenceBootstrapServerProfile(faults: readonly string[] = []): Profile {
  const profile = parseProfile(readFileSync(file, 'utf8'), file);
  if (profile.launch.kind !== 'process') throw new Error('the reference bootstrap server profile launches a process');
  return {
    ...profile,
    timing: { ...profile.timing, startWithin: 60, responseWithin: 2 },
    launch: { ...profile.launch, args: [...profile.launch.args, ...faults.flatMap((f) => ['--fault', f])] },
  };
}

/** case id → the bootstrap server fault that breaks it → the check that must fail. */
const faultTable: { id: string; fault: string; check: string }[] = [
  { id: 'LWM2MC-BSS-001', fault: 'request-answered-created', check: 'A' },
  { id: 'LWM2MC-BSS-001', fault: 'no-finish', check: 'B' },
  { id: 'LWM2MC-BSS-001', fault: 'discover-without-accept', check: 'C' },
  { id: 'LWM2MC-BSS-001', fault: 'delete-resource-path', check: 'D' },
  { id: 'LWM2MC-BSS-001', fault: 'overwrites-bootstrap-account', check: 'F' },
  { id: 'LWM2MC-BSS-001', fault: 'rewrites-bootstrap-uri', check: 'I' },
  { id: 'LWM2MC-BSS-001', fault: 'server-without-security', check: 'G' },
  { id: 'LWM2MC-BSS-001', fault: 'ssid-mismatch', check: 'G' },
  { id: 'LWM2MC-BSS-002', fault: 'unknown-endpoint-accepted', check: 'A' },
  { id: 'LightweightM2M-1.2-int-12', fault: 'pack-answered-changed', check: 'A' },
  { id: 'LightweightM2M-1.2-int-12', fault: 'server-without-security', check: 'C' },
];

describe('bootstrap-server cases against the faithful reference bootstrap server', () => {
  it('every case passes', async () => {
    const results = await runCases(bootstrapServerCases, referenceBootstrapServerProfile());
    for (const r of results) expect(r.verdict, explain(r)).toBe('pass');
  }, 90_000);
});

describe('bootstrap-server cases against faulty reference bootstrap servers', () => {
  it('every case has a fault that catches it', () => {
    for (const c of bootstrapServerCases) expect(faultTable.map((f) => f.id), c.id).toContain(c.id);
  });

  it.concurrent.each(faultTable)('$id fails on check $check with fault $fault', async ({ id, fault, check }) => {
    const def = bootstrapServerCases.find((c) => c.id === id)!;
    const [result] = await runCases([def], referenceBootstrapServerProfile([fault]));
    expect(result!.verdict, explain(result!)).toBe('fail');
    expect(result!.checks.filter((c) => c.verdict === 'fail').map((c) => c.id), explain(result!)).toContain(check);
  }, 90_000);
});
