// Every server case passes against the faithful reference server and fails, on the named
// check, against the reference server with the fault the case exists to catch.
import { describe, expect, it } from 'vitest';
import { serverCases } from '../../suites/server/index.ts';
import { runCases } from '../../harness/run/run-cases.ts';
import { referenceServerDtlsProfileFile, referenceServerProfile } from '../support/reference-server-profile.ts';
import { explain } from '../support/explain.ts';

/** case id → the server fault that breaks it → the check that must fail (over DTLS-PSK where `dtls`). */
const faultTable: { id: string; fault: string; check: string; dtls?: true }[] = [
  { id: 'LightweightM2M-1.1-int-101', fault: 'location-outside-rd', check: 'B' },
  { id: 'LightweightM2M-1.1-int-102', fault: 'no-lifetime-expiry', check: 'B' },
  { id: 'LightweightM2M-1.1-int-103', fault: 'deregister-keeps-registration', check: 'B' },
  { id: 'LightweightM2M-1.1-int-104', fault: 'update-does-not-refresh-lifetime', check: 'B' },
  { id: 'LightweightM2M-1.1-int-105', fault: 'no-lifetime-expiry', check: 'A' },
  { id: 'LightweightM2M-1.1-int-107', fault: 'update-ignores-lifetime', check: 'B' },
  { id: 'LightweightM2M-1.2-int-110', fault: 'profile-id-ignored', check: 'C' },
  { id: 'LightweightM2M-1.2-int-111', fault: 'profile-id-ignored', check: 'B' },
  { id: 'LightweightM2M-1.2-int-111', fault: 'profile-id-replaces-object-list', check: 'C' },
  { id: 'LWM2MC-SRV-001', fault: 'register-without-endpoint-accepted', check: 'A' },
  { id: 'LWM2MC-SRV-002', fault: 'any-version-accepted', check: 'A' },
  { id: 'LWM2MC-SRV-003', fault: 'server-error-on-bad-link-format', check: 'B' },
  { id: 'LWM2MC-SRV-004', fault: 'reregister-keeps-old-registration', check: 'B' },
  { id: 'LWM2MC-SRV-005', fault: 'unknown-location-accepted', check: 'A' },
  { id: 'LWM2MC-SRV-006', fault: 'register-from-new-address-refused', check: 'A' },
  { id: 'LWM2MC-SRV-007', fault: 'no-deduplication', check: 'B' },
  { id: 'LightweightM2M-1.1-int-108', fault: 'queue-mode-ignored', check: 'A' },
  { id: 'LWM2MC-SRV-104', fault: 'discover-without-link-format-accept', check: 'D' },
  { id: 'LWM2MC-SRV-105', fault: 'create-without-content-format', check: 'D' },
  { id: 'LWM2MC-SRV-106', fault: 'delete-whole-object', check: 'C' },
  { id: 'LWM2MC-SRV-101', fault: 'read-accepts-json', check: 'E' },
  { id: 'LWM2MC-SRV-102', fault: 'write-without-content-format', check: 'D' },
  { id: 'LWM2MC-SRV-103', fault: 'execute-with-tlv-body', check: 'D' },
  { id: 'LWM2MC-SRV-201', fault: 'observe-without-observe-option', check: 'D' },
  { id: 'LightweightM2M-1.1-int-302', fault: 'no-rst-for-unsolicited-notifications', check: 'A' },
  { id: 'LightweightM2M-1.1-int-303', fault: 'cancel-observe-new-token', check: 'D' },
  { id: 'LightweightM2M-1.1-int-306', fault: 'send-rejected', check: 'A' },
  { id: 'LightweightM2M-1.1-int-311', fault: 'send-rejected', check: 'A' },
  { id: 'LWM2MC-SRV-301', fault: 'endpoint-not-checked-against-identity', check: 'A', dtls: true },
];

/** Cases that need a DTLS server: not applicable to the NoSec reference server, run over DTLS-PSK in server-dtls.test.ts. */
const needsDtls = (c: { requires?: readonly string[] }) => (c.requires ?? []).some((f) => f.startsWith('security:'));

describe('server cases against the faithful reference server', () => {
  it('every case passes', async () => {
    const results = await runCases(serverCases, referenceServerProfile());
    for (const r of results) expect(r.verdict, explain(r)).toBe(needsDtls(serverCases.find((c) => c.id === r.id)!) ? 'not-applicable' : 'pass');
  }, 120_000);
});

describe('server cases against faulty reference servers', () => {
  it('every server case has a fault that catches it', () => {
    for (const c of serverCases) expect(faultTable.map((f) => f.id), c.id).toContain(c.id);
  });

  it.concurrent.each(faultTable)('$id fails on check $check with fault $fault', async ({ id, fault, check, dtls }) => {
    const def = serverCases.find((c) => c.id === id)!;
    const profile = referenceServerProfile([fault], dtls ? referenceServerDtlsProfileFile : undefined);
    const [result] = await runCases([def], profile);
    expect(result!.verdict, explain(result!)).toBe('fail');
    expect(result!.checks.filter((c) => c.verdict === 'fail').map((c) => c.id), explain(result!)).toContain(check);
  }, 90_000);
});
