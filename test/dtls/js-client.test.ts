// Two independent DTLS stacks check each other on loopback: the JavaScript client
// (node-dtls-client) against the addon's server (mbedTLS), with CoAP over the session both
// ways, handshake failures with their alerts, the same security events in the trace as the
// addon's client reports, and no key anywhere in them. The stack choice is checked without the addon too.
import { describe, expect, it } from 'vitest';
import { TraceRecorder } from '../../harness/coap/trace.ts';
import type { SecurityEvent } from '../../harness/coap/trace.ts';
import {
  chooseClientStack, clientStackVariable, connectDtlsClient, DtlsConfigError, DtlsHandshakeError, DtlsServerTransport, JsDtlsClientTransport,
} from '../../harness/dtls/index.ts';
import type { DtlsServerOptions } from '../../harness/dtls/index.ts';
import { closeLater, creds, dtlsMissing, endpointOver } from './helpers.ts';

const pskLookup = (id: Buffer) => (id.toString() === creds.identity ? creds.key : undefined);
const psk = { identity: creds.identity, key: creds.key };

async function serverEndpoint(opts: Partial<DtlsServerOptions> = {}, trace = new TraceRecorder()) {
  const transport = await DtlsServerTransport.bind({ psk: pskLookup, retransmission: { initialMs: 100, maxMs: 400 }, ...opts });
  const endpoint = await endpointOver({ transport, trace, name: 'server' });
  endpoint.onRequest((req) => ({ code: '2.05', payload: `server saw ${req.path}`, contentFormat: 0 }));
  return { transport, endpoint, trace };
}

const kinds = (events: readonly SecurityEvent[], role: 'client' | 'server') => events.filter((e) => e.role === role).map((e) => e.kind);

async function expectHandshakeError(p: Promise<unknown>): Promise<DtlsHandshakeError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(DtlsHandshakeError);
  return err as DtlsHandshakeError;
}

describe('which client stack', () => {
  it('the environment forces one; certificates stay on the addon; a wrong value is refused', () => {
    expect(chooseClientStack('psk', { env: { [clientStackVariable]: 'js' } })).toMatchObject({ stack: 'js', why: `forced by ${clientStackVariable}` });
    expect(chooseClientStack('psk', { env: { [clientStackVariable]: 'native' } }).stack).toBe('native');
    expect(chooseClientStack('x509', { env: {} }).stack).toBe('native');
    expect(chooseClientStack('psk', { env: {} }).stack).toBe(dtlsMissing ? 'js' : 'native');
    expect(() => chooseClientStack('psk', { env: { [clientStackVariable]: 'gnutls' } })).toThrow(/native, js or auto/);
  });

  it('the JavaScript client refuses certificates and suites it lacks, before any datagram', async () => {
    const peer = { address: '127.0.0.1', port: 9 };
    await expect(JsDtlsClientTransport.connect(peer, { certificate: { verifyServer: false } })).rejects.toThrow(/PSK only.*libmbedtls-dev/);
    await expect(JsDtlsClientTransport.connect(peer, { psk, ciphersuites: ['TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8'] })).rejects.toBeInstanceOf(DtlsConfigError);
  });
});

describe.skipIf(dtlsMissing)(`node-dtls-client against the addon's server${dtlsMissing ? ` (skipped: the server side needs the addon: ${dtlsMissing})` : ''}`, () => {
  it('PSK handshake with cookie exchange, a GET answered both ways, the trace as the addon client gives it, no key', async () => {
    const trace = new TraceRecorder();
    const server = await serverEndpoint({}, trace);
    const transport = closeLater(await connectDtlsClient(server.endpoint.local, { stack: 'js', psk, trace, name: 'client' }));
    expect(transport).toBeInstanceOf(JsDtlsClientTransport);
    const client = await endpointOver({ transport, trace, name: 'client' });
    client.onRequest((req) => ({ code: '2.05', payload: `client saw ${req.path}`, contentFormat: 0 }));

    const up = await client.request(server.endpoint.local, { method: 'GET', path: '/3/0/0' });
    expect([up.code, up.payload.toString()]).toEqual(['2.05', 'server saw /3/0/0']);
    const down = await server.endpoint.request(client.local, { method: 'GET', path: '/1/0' });
    expect(down.payload.toString()).toBe('client saw /1/0');

    expect(transport.info).toMatchObject({ cipherSuite: 'TLS_PSK_WITH_AES_128_CCM_8', version: 'DTLSv1.2' });
    expect(server.transport.sessionInfo(client.local)?.pskIdentity?.toString()).toBe(creds.identity);
    expect(kinds(trace.events(), 'client')).toEqual(['client-hello', 'hello-verify', 'client-hello', 'handshake-done']);
    expect(kinds(trace.events(), 'server')).toEqual(['client-hello', 'hello-verify', 'client-hello', 'handshake-done']);
    const done = trace.events().find((e) => e.role === 'client' && e.kind === 'handshake-done')!;
    expect(done).toMatchObject({ endpoint: 'client', cipherSuite: 'TLS_PSK_WITH_AES_128_CCM_8', identity: creds.identity });
    expect(trace.events()[0]!.offeredCipherSuites?.[0]).toBe('TLS_PSK_WITH_AES_128_CCM_8');
    const coap = trace.all();
    expect(coap.length).toBe(8);
    expect(coap.every((r) => r.security === 'dtls' && r.message !== undefined)).toBe(true);
    const dump = JSON.stringify([trace.events(), coap.map((r) => ({ ...r, bytes: r.bytes.toString('latin1') }))]);
    for (const secret of [creds.key.toString('hex'), creds.key.toString('latin1'), creds.key.toString('base64')]) expect(dump).not.toContain(secret);

    await transport.close();
    await expect.poll(() => server.transport.openSessions().length).toBe(0); // the server took the close_notify
    expect(kinds(trace.events(), 'client').slice(-2)).toEqual(['alert', 'session-closed']);
  });

  it.each(['TLS_PSK_WITH_AES_128_CBC_SHA256', 'TLS_PSK_WITH_AES_128_CCM', 'TLS_PSK_WITH_AES_128_GCM_SHA256'])('PSK with %s when the client offers only it', async (suite) => {
    const server = await serverEndpoint();
    const transport = closeLater(await JsDtlsClientTransport.connect(server.endpoint.local, { psk, ciphersuites: [suite] }));
    const client = await endpointOver({ transport });
    expect(transport.info?.cipherSuite).toBe(suite);
    expect((await client.request(server.endpoint.local, { method: 'GET', path: '/x' })).code).toBe('2.05');
  });

  it('a wrong PSK: the addon server refuses the Finished with bad_record_mac, and the client fails with that alert', async () => {
    const trace = new TraceRecorder();
    const server = await serverEndpoint({}, trace);
    const err = await expectHandshakeError(JsDtlsClientTransport.connect(server.endpoint.local, { psk: { ...psk, key: creds.wrongKey }, trace, handshakeTimeoutMs: 5000 }));
    expect(err.reason).toBe('alert-received');
    expect(err.alert).toMatchObject({ name: 'bad_record_mac', description: 20, direction: 'in' });
    expect(err.message).toContain('DTLS handshake with 127.0.0.1');
    expect(err.message).not.toContain(creds.wrongKey.toString('hex'));
    expect(trace.events().find((e) => e.role === 'server' && e.kind === 'handshake-failed')).toBeDefined();
    expect(trace.events().find((e) => e.role === 'client' && e.kind === 'handshake-failed')?.reason).toBe(err.message.replace(/^.*failed: /, ''));
  });

  it('an unknown PSK identity is refused with unknown_psk_identity', async () => {
    const trace = new TraceRecorder();
    const server = await serverEndpoint({}, trace);
    const err = await expectHandshakeError(JsDtlsClientTransport.connect(server.endpoint.local, { psk: { identity: 'stranger', key: creds.key }, trace }));
    expect(err.reason).toBe('alert-received');
    expect(err.alert).toMatchObject({ name: 'unknown_psk_identity', description: 115, direction: 'in' });
    const alertIn = trace.events().find((e) => e.role === 'client' && e.kind === 'alert');
    expect(alertIn).toMatchObject({ direction: 'in', alert: { name: 'unknown_psk_identity' } });
  });

  it('the server closing the session reaches the client as close_notify', async () => {
    const trace = new TraceRecorder();
    const server = await serverEndpoint({}, trace);
    const transport = closeLater(await JsDtlsClientTransport.connect(server.endpoint.local, { psk, trace, name: 'client' }));
    const closed = new Promise<string>((resolve) => transport.onClose(resolve));
    server.transport.closeSession(transport.local);
    expect(await closed).toBe('peer sent close_notify');
    expect(transport.isOpen).toBe(false);
    await expect(transport.send(Buffer.from('x'), server.endpoint.local)).rejects.toThrow(/closed/);
  });
});
