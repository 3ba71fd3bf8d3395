// CoapEndpoint ↔ CoapEndpoint over the project's own DTLS transports on loopback: PSK and
// certificate modes, requests both ways over one session, handshake failures with their alerts
// in errors and trace, cipher-suite choice, retransmission, session lifecycle on the server.
import { describe, expect, it } from 'vitest';
import { TraceRecorder } from '../../harness/coap/trace.ts';
import type { SecurityEvent } from '../../harness/coap/trace.ts';
import {
  DtlsClientTransport, DtlsConfigError, DtlsHandshakeError, DtlsNoSessionError, DtlsServerTransport, DtlsUnavailableError,
} from '../../harness/dtls/index.ts';
import type { DtlsClientOptions, DtlsServerOptions, ServerSessionEvent } from '../../harness/dtls/index.ts';
import { closeLater, creds, dtlsMissing, endpointOver, udpRelay } from './helpers.ts';

const pskLookup = (id: Buffer) => (id.toString() === creds.identity ? creds.key : undefined);
const quick = { retransmission: { initialMs: 100, maxMs: 400 } };

async function serverEndpoint(opts: Partial<DtlsServerOptions> = {}, trace = new TraceRecorder()) {
  const transport = await DtlsServerTransport.bind({ psk: pskLookup, ...quick, ...opts });
  const endpoint = await endpointOver({ transport, trace, name: 'server' });
  endpoint.onRequest((req) => ({ code: '2.05', payload: `server saw ${req.path}`, contentFormat: 0 }));
  return { transport, endpoint, trace };
}

async function clientEndpoint(peer: { address: string; port: number }, opts: DtlsClientOptions, trace = new TraceRecorder()) {
  const transport = closeLater(await DtlsClientTransport.connect(peer, { ...quick, trace, ...opts }));
  const endpoint = await endpointOver({ transport, trace, name: 'client' });
  endpoint.onRequest((req) => ({ code: '2.05', payload: `client saw ${req.path}`, contentFormat: 0 }));
  return { transport, endpoint, trace };
}

async function expectHandshakeError(p: Promise<unknown>): Promise<DtlsHandshakeError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(DtlsHandshakeError);
  return err as DtlsHandshakeError;
}

const kinds = (events: readonly SecurityEvent[], role: 'client' | 'server') => events.filter((e) => e.role === role).map((e) => e.kind);

it('a missing addon is reported with the Debian package to install', () => {
  const err = new DtlsUnavailableError('Cannot find module');
  expect(err.message).toContain('libmbedtls-dev');
  expect(err.debianPackage).toBe('libmbedtls-dev');
});

describe.skipIf(dtlsMissing)(`over DTLS${dtlsMissing ? ` (skipped: ${dtlsMissing})` : ''}`, () => {
  it('PSK: requests both ways over one session, CCM_8, events and decrypted messages traced', async () => {
    const trace = new TraceRecorder();
    const server = await serverEndpoint({}, trace);
    const sessions: ServerSessionEvent[] = [];
    server.transport.onSession((e) => sessions.push(e));
    const client = await clientEndpoint(server.endpoint.local, { psk: { identity: creds.identity, key: creds.key } }, trace);

    const up = await client.endpoint.request(server.endpoint.local, { method: 'POST', path: '/rd', payload: '</1/0>', contentFormat: 40 });
    expect(up.payload.toString()).toBe('server saw /rd');
    const down = await server.endpoint.request(client.endpoint.local, { method: 'GET', path: '/3/0' });
    expect(down.payload.toString()).toBe('client saw /3/0');

    expect(client.transport.info?.cipherSuite).toBe('TLS_PSK_WITH_AES_128_CCM_8');
    const info = server.transport.sessionInfo(client.endpoint.local)!;
    expect(info.pskIdentity?.toString()).toBe(creds.identity);
    expect(sessions.map((s) => s.kind)).toEqual(['established']);

    expect(kinds(trace.events(), 'server')).toEqual(['client-hello', 'hello-verify', 'client-hello', 'handshake-done']);
    const done = trace.events().find((e) => e.role === 'server' && e.kind === 'handshake-done')!;
    expect(done).toMatchObject({ cipherSuite: 'TLS_PSK_WITH_AES_128_CCM_8', identity: creds.identity });
    expect(trace.events()[0]!.offeredCipherSuites).toContain('TLS_PSK_WITH_AES_128_CCM_8');
    const coap = trace.all();
    expect(coap.length).toBe(8); // two exchanges, each request and response seen by both endpoints
    expect(coap.every((r) => r.security === 'dtls' && r.message !== undefined)).toBe(true);
    const secrets = [creds.key.toString('hex'), creds.key.toString('latin1'), creds.key.toString('base64')];
    const dump = JSON.stringify([trace.events(), coap.map((r) => ({ ...r, bytes: r.bytes.toString('latin1') }))]);
    for (const s of secrets) expect(dump).not.toContain(s);
  });

  it.each(['TLS_PSK_WITH_AES_128_CBC_SHA256', 'TLS_PSK_WITH_AES_128_CCM', 'TLS_PSK_WITH_AES_128_GCM_SHA256'])('PSK with %s when the client offers only it', async (suite) => {
    const server = await serverEndpoint();
    const client = await clientEndpoint(server.endpoint.local, { psk: { identity: creds.identity, key: creds.key }, ciphersuites: [suite] });
    expect(client.transport.info?.cipherSuite).toBe(suite);
    const r = await client.endpoint.request(server.endpoint.local, { method: 'GET', path: '/x' });
    expect(r.code).toBe('2.05');
  });

  it('a wrong PSK fails the handshake with bad_record_mac, on both sides and in the trace', async () => {
    const trace = new TraceRecorder();
    const server = await serverEndpoint({}, trace);
    const failures: ServerSessionEvent[] = [];
    server.transport.onSession((e) => failures.push(e));
    const err = await expectHandshakeError(
      DtlsClientTransport.connect(server.endpoint.local, { ...quick, trace, psk: { identity: creds.identity, key: creds.wrongKey } }),
    );
    expect(err.reason).toBe('alert-received');
    expect(err.alert).toMatchObject({ name: 'bad_record_mac', description: 20, direction: 'in' });
    expect(err.message).toContain('bad_record_mac');
    expect(err.message).not.toContain(creds.wrongKey.toString());
    const failed = trace.events().filter((e) => e.kind === 'handshake-failed');
    expect(failed.map((e) => [e.role, e.alert?.name])).toEqual([['server', 'bad_record_mac'], ['client', 'bad_record_mac']]);
    expect(failures[0]).toMatchObject({ kind: 'failed' });
  });

  it('an unknown PSK identity is refused with unknown_psk_identity', async () => {
    const trace = new TraceRecorder();
    const server = await serverEndpoint({}, trace);
    const err = await expectHandshakeError(
      DtlsClientTransport.connect(server.endpoint.local, { ...quick, trace, psk: { identity: 'stranger', key: creds.key } }),
    );
    expect(err.alert).toMatchObject({ name: 'unknown_psk_identity', direction: 'in' });
    const serverFail = trace.events().find((e) => e.role === 'server' && e.kind === 'handshake-failed')!;
    expect(serverFail.detail).toContain('unknown PSK identity "stranger"');
  });

  it('no common cipher suite: handshake_failure', async () => {
    const server = await serverEndpoint({ ciphersuites: ['TLS_PSK_WITH_AES_128_CCM_8'] });
    const err = await expectHandshakeError(
      DtlsClientTransport.connect(server.endpoint.local, { ...quick, psk: { identity: creds.identity, key: creds.key }, ciphersuites: ['TLS_PSK_WITH_AES_128_GCM_SHA256'] }),
    );
    expect(err.alert?.name).toBe('handshake_failure');
  });

  it('an unknown cipher suite name is a configuration error', async () => {
    await expect(DtlsServerTransport.bind({ psk: pskLookup, ciphersuites: ['TLS_PSK_WITH_NOTHING'] })).rejects.toBeInstanceOf(DtlsConfigError);
  });

  it('nobody answering: the handshake times out after the retransmissions', async () => {
    const relay = await udpRelay({ address: '127.0.0.1', port: 9 }, () => true);
    const trace = new TraceRecorder();
    const err = await expectHandshakeError(
      DtlsClientTransport.connect(relay.peer, { trace, psk: { identity: creds.identity, key: creds.key }, retransmission: { initialMs: 50, maxMs: 200 } }),
    );
    expect(err.reason).toBe('timeout');
    expect(trace.events().filter((e) => e.kind === 'client-hello').length).toBeGreaterThanOrEqual(3); // first + retransmissions
  });

  it('lost handshake flights are retransmitted (timers driven from JS)', async () => {
    const server = await serverEndpoint();
    // lose the HelloVerifyRequest and the server's ServerHello…ServerHelloDone flight once each
    const relay = await udpRelay(server.endpoint.local, (direction, i) => direction === 'from-target' && (i === 0 || i === 1));
    const client = await clientEndpoint(relay.peer, { psk: { identity: creds.identity, key: creds.key } });
    const r = await client.endpoint.request(relay.peer, { method: 'GET', path: '/after-loss' });
    expect(r.payload.toString()).toBe('server saw /after-loss');
  });

  describe('certificates', () => {
    const serverCert = { cert: creds.pem('server-cert.pem'), key: creds.pem('server-key.pem'), ca: creds.pem('ca-cert.pem') };
    const clientCert = { cert: creds.pem('client-cert.pem'), key: creds.pem('client-key.pem'), ca: creds.pem('ca-cert.pem') };

    it('mutual X.509 with ECDHE_ECDSA CCM_8: requests both ways, peer certificates known', async () => {
      const trace = new TraceRecorder();
      const server = await serverEndpoint({ psk: undefined, certificate: serverCert }, trace);
      const client = await clientEndpoint(server.endpoint.local, { certificate: clientCert, serverName: 'localhost' }, trace);
      expect(client.transport.info?.cipherSuite).toBe('TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8');
      expect(client.transport.info?.peerCertificate?.subject).toBe('CN=localhost');
      expect(server.transport.sessionInfo(client.endpoint.local)?.peerCertificate?.subject).toBe('CN=urn:dev:lwm2m-conformance-client');
      expect((await client.endpoint.request(server.endpoint.local, { method: 'GET', path: '/a' })).code).toBe('2.05');
      expect((await server.endpoint.request(client.endpoint.local, { method: 'GET', path: '/b' })).code).toBe('2.05');
      const done = trace.events().find((e) => e.role === 'client' && e.kind === 'handshake-done')!;
      expect(done.peerCertificate?.subject).toBe('CN=localhost');
    });

    it('server identity mismatch (int-403): the client aborts with bad_certificate', async () => {
      const trace = new TraceRecorder();
      const server = await serverEndpoint({ psk: undefined, certificate: { ...serverCert, cert: creds.pem('wrong-server-cert.pem'), key: creds.pem('wrong-server-key.pem') } }, trace);
      const err = await expectHandshakeError(
        DtlsClientTransport.connect(server.endpoint.local, { ...quick, trace, certificate: clientCert, serverName: 'localhost' }),
      );
      expect(err.reason).toBe('certificate');
      expect(err.verification).toMatch(/CN/);
      expect(err.alert).toMatchObject({ direction: 'out', name: 'bad_certificate' });
      await trace.waitForEvent((e) => e.role === 'server' && e.kind === 'handshake-failed' && e.alert?.name === 'bad_certificate', 2000, 0);
    });

    it('an untrusted server certificate is refused; verifyServer: false (a known fault) accepts it', async () => {
      const untrusted = { ...serverCert, cert: creds.pem('untrusted-server-cert.pem'), key: creds.pem('untrusted-server-key.pem') };
      const server = await serverEndpoint({ psk: undefined, certificate: untrusted });
      const err = await expectHandshakeError(DtlsClientTransport.connect(server.endpoint.local, { ...quick, certificate: clientCert, serverName: 'localhost' }));
      expect(err.verification).toMatch(/not correctly signed|trusted CA/i);
      const lax = await clientEndpoint(server.endpoint.local, { certificate: { ...clientCert, verifyServer: false } });
      expect(lax.transport.isOpen).toBe(true);
    });

    it('a client without a certificate is refused when the server requires one', async () => {
      const server = await serverEndpoint({ psk: undefined, certificate: serverCert });
      const err = await expectHandshakeError(DtlsClientTransport.connect(server.endpoint.local, { ...quick, certificate: { ca: serverCert.ca } }));
      expect(err.alert).toMatchObject({ direction: 'in', name: 'handshake_failure' });
    });
  });

  describe('server session lifecycle', () => {
    it('close_notify from the client ends its session on the server', async () => {
      const trace = new TraceRecorder();
      const server = await serverEndpoint({}, trace);
      const client = await clientEndpoint(server.endpoint.local, { psk: { identity: creds.identity, key: creds.key } });
      const closed = new Promise<ServerSessionEvent>((resolve) => server.transport.onSession((e) => e.kind === 'closed' && resolve(e)));
      await client.endpoint.close();
      expect(await closed).toMatchObject({ kind: 'closed', byPeer: true });
      expect(server.transport.openSessions()).toEqual([]);
      expect(trace.events().some((e) => e.role === 'server' && e.kind === 'alert' && e.alert?.name === 'close_notify' && e.direction === 'in')).toBe(true);
    });

    it('a new handshake from the same address and port replaces the session', async () => {
      const trace = new TraceRecorder();
      const server = await serverEndpoint({}, trace);
      const events: ServerSessionEvent[] = [];
      server.transport.onSession((e) => events.push(e));
      const first = await DtlsClientTransport.connect(server.endpoint.local, { ...quick, psk: { identity: creds.identity, key: creds.key } });
      const port = first.local.port;
      await first.abandon(); // a device reboot: no close_notify
      const second = await clientEndpoint(server.endpoint.local, { port, psk: { identity: creds.identity, key: creds.key } });
      expect(second.transport.local.port).toBe(port);
      const r = await second.endpoint.request(server.endpoint.local, { method: 'GET', path: '/again' });
      expect(r.payload.toString()).toBe('server saw /again');
      expect(events.map((e) => e.kind === 'established' && e.renewed)).toEqual([false, true]);
      expect(trace.events().some((e) => e.kind === 'session-renewed')).toBe(true);
      expect(server.transport.openSessions().length).toBe(1);
    });

    it('idle sessions are dropped after idleTimeoutMs', async () => {
      const server = await serverEndpoint({ idleTimeoutMs: 150 });
      const closed = new Promise<ServerSessionEvent>((resolve) => server.transport.onSession((e) => e.kind === 'closed' && resolve(e)));
      await clientEndpoint(server.endpoint.local, { psk: { identity: creds.identity, key: creds.key } });
      expect(await closed).toMatchObject({ kind: 'closed', reason: 'idle for 150 ms' });
    });

    it('beyond maxSessions the least recently active session is evicted', async () => {
      const server = await serverEndpoint({ maxSessions: 1 });
      const a = await clientEndpoint(server.endpoint.local, { psk: { identity: creds.identity, key: creds.key } });
      const b = await clientEndpoint(server.endpoint.local, { psk: { identity: creds.identity, key: creds.key } });
      expect(server.transport.openSessions().map((s) => s.peer.port)).toEqual([b.endpoint.local.port]);
      await expect(server.transport.send(Buffer.from([0x40, 0x01, 0, 1]), a.endpoint.local)).rejects.toBeInstanceOf(DtlsNoSessionError);
    });

    it('a handshake that stalls is abandoned after handshakeTimeoutMs', async () => {
      const server = await serverEndpoint({ handshakeTimeoutMs: 200 });
      const failed = new Promise<ServerSessionEvent>((resolve) => server.transport.onSession((e) => e.kind === 'failed' && resolve(e)));
      // the client's second flight never reaches the server
      const relay = await udpRelay(server.endpoint.local, (direction, i) => direction === 'to-target' && i >= 2);
      await expect(DtlsClientTransport.connect(relay.peer, { psk: { identity: creds.identity, key: creds.key }, handshakeTimeoutMs: 300 })).rejects.toBeInstanceOf(DtlsHandshakeError);
      const e = await failed;
      expect(e.kind === 'failed' && e.error.reason).toBe('timeout');
    });
  });
});
