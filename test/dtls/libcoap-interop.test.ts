// DTLS interop with an independent implementation, Debian's libcoap 4.3 over OpenSSL and over
// GnuTLS: our DTLS server + CoapEndpoint for coap-client-*, and our DTLS client + CoapEndpoint
// against coap-server-* (which serves DTLS on its port + 1). PSK and certificates, refusals.
import { afterEach, describe, expect, it } from 'vitest';
import { TraceRecorder } from '../../harness/coap/trace.ts';
import type { PeerAddress } from '../../harness/coap/trace.ts';
import { CoapEndpoint } from '../../harness/coap/endpoint.ts';
import { DtlsClientTransport, DtlsHandshakeError, DtlsServerTransport } from '../../harness/dtls/index.ts';
import type { DtlsServerOptions } from '../../harness/dtls/index.ts';
import { freeUdpPort, run, stopAll } from '../coap/libcoap.ts';
import { closeLater, creds, endpointOver, libcoapMissing } from './helpers.ts';

afterEach(async () => {
  await stopAll();
});

const quick = { retransmission: { initialMs: 200, maxMs: 800 } };
const keyText = creds.key.toString('latin1'); // libcoap's -k takes the key as text
const pskLookup = (id: Buffer) => (id.toString() === creds.identity ? creds.key : undefined);
const serverCert = { cert: creds.pem('server-cert.pem'), key: creds.pem('server-key.pem'), ca: creds.pem('ca-cert.pem') };
const clientCertArgs = ['-c', creds.path('client-cert.pem'), '-j', creds.path('client-key.pem'), '-C', creds.path('ca-cert.pem')];

for (const tls of ['openssl', 'gnutls'] as const) {
  const client = `coap-client-${tls}`;
  const clientMissing = libcoapMissing(client);

  describe.skipIf(clientMissing)(`our DTLS server for ${client}${clientMissing ? ` (skipped: ${clientMissing})` : ''}`, () => {
    async function ourServer(opts: Partial<DtlsServerOptions>) {
      const trace = new TraceRecorder();
      const transport = await DtlsServerTransport.bind({ psk: pskLookup, ...quick, ...opts });
      const endpoint = await endpointOver({ transport, trace, name: 'server' });
      endpoint.onRequest((req) => (req.path === '/3/0/0' ? { code: '2.05', payload: 'Open Mobile Alliance', contentFormat: 0 } : { code: '4.04' }));
      return { endpoint, trace, uri: `coaps://127.0.0.1:${endpoint.local.port}/3/0/0` };
    }

    it('PSK with TLS_PSK_WITH_AES_128_CCM_8', async () => {
      const s = await ourServer({ ciphersuites: ['TLS_PSK_WITH_AES_128_CCM_8'] });
      const r = await run(client, ['-B', '5', '-u', creds.identity, '-k', keyText, s.uri], 10_000).done;
      expect(r.stdout).toContain('Open Mobile Alliance');
      const done = s.trace.events().find((e) => e.kind === 'handshake-done')!;
      expect(done).toMatchObject({ cipherSuite: 'TLS_PSK_WITH_AES_128_CCM_8', identity: creds.identity });
      expect(s.trace.all().filter((d) => d.security === 'dtls').map((d) => d.message?.code)).toEqual(['0.01', '2.05']);
    });

    it('a wrong key is refused (bad_record_mac)', async () => {
      const s = await ourServer({});
      const r = await run(client, ['-B', '3', '-u', creds.identity, '-k', creds.wrongKey.toString('latin1'), s.uri], 10_000).done;
      expect(r.stdout).not.toContain('Open Mobile Alliance');
      const failed = await s.trace.waitForEvent((e) => e.kind === 'handshake-failed', 5000, 0);
      expect(failed.alert?.name).toBe('bad_record_mac');
      expect(s.trace.all()).toEqual([]); // no CoAP message got through
    });

    it('an unknown identity is refused (unknown_psk_identity)', async () => {
      const s = await ourServer({});
      const r = await run(client, ['-B', '3', '-u', 'stranger', '-k', keyText, s.uri], 10_000).done;
      expect(r.stdout).not.toContain('Open Mobile Alliance');
      const failed = await s.trace.waitForEvent((e) => e.kind === 'handshake-failed', 5000, 0);
      expect(failed.alert?.name).toBe('unknown_psk_identity');
      expect(failed.detail).toContain('"stranger"');
    });

    it('mutual certificates with TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 (-c/-j/-C)', async () => {
      const s = await ourServer({ psk: undefined, certificate: serverCert, ciphersuites: ['TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8'] });
      const r = await run(client, ['-B', '5', ...clientCertArgs, s.uri], 10_000).done;
      expect(r.stdout).toContain('Open Mobile Alliance');
      const done = s.trace.events().find((e) => e.kind === 'handshake-done')!;
      expect(done.cipherSuite).toBe('TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8');
      expect(done.peerCertificate?.subject).toBe('CN=urn:dev:lwm2m-conformance-client');
    });

    it('a client certificate from an untrusted CA is refused', async () => {
      const s = await ourServer({ psk: undefined, certificate: serverCert });
      const args = ['-c', creds.path('untrusted-server-cert.pem'), '-j', creds.path('untrusted-server-key.pem'), '-C', creds.path('ca-cert.pem')];
      const r = await run(client, ['-B', '3', ...args, s.uri], 10_000).done;
      expect(r.stdout).not.toContain('Open Mobile Alliance');
      const failed = await s.trace.waitForEvent((e) => e.kind === 'handshake-failed', 5000, 0);
      expect(failed.detail).toMatch(/certificat/i); // GnuTLS sends none (its CA is not the one asked for), OpenSSL sends it
    });
  });

  const server = `coap-server-${tls}`;
  const serverMissing = libcoapMissing(server);

  describe.skipIf(serverMissing)(`our DTLS client against ${server}${serverMissing ? ` (skipped: ${serverMissing})` : ''}`, () => {
    /** Starts the server; resolves with its DTLS address (port + 1) once it answers plain CoAP. */
    async function startServer(args: string[]): Promise<PeerAddress> {
      const port = await freeUdpPort();
      run(server, ['-A', '127.0.0.1', '-p', String(port), '-d', '10', ...args], 60_000);
      const probe = await CoapEndpoint.bind({ params: { ackTimeoutMs: 50, maxRetransmit: 1 } });
      try {
        const deadline = performance.now() + 5000;
        for (;;) {
          try {
            await probe.request({ address: '127.0.0.1', port }, { method: 'GET', path: '/' });
            break;
          } catch (err) {
            if (performance.now() > deadline) throw err;
          }
        }
      } finally {
        await probe.close();
      }
      return { address: '127.0.0.1', port: port + 1 };
    }

    it('PSK with TLS_PSK_WITH_AES_128_CCM_8: GET and PUT over one session', async () => {
      const peer = await startServer(['-k', keyText]);
      const trace = new TraceRecorder();
      const transport = closeLater(await DtlsClientTransport.connect(peer, { ...quick, trace, psk: { identity: creds.identity, key: creds.key }, ciphersuites: ['TLS_PSK_WITH_AES_128_CCM_8'] }));
      expect(transport.info?.cipherSuite).toBe('TLS_PSK_WITH_AES_128_CCM_8');
      const ep = await endpointOver({ transport, trace });
      const root = await ep.request(peer, { method: 'GET', path: '/' });
      expect(root.code).toBe('2.05');
      expect(root.payload.toString()).toContain('libcoap');
      expect((await ep.request(peer, { method: 'PUT', path: '/lwm2m', payload: 'over dtls', contentFormat: 0 })).code).toBe('2.01');
      const back = await ep.request(peer, { method: 'GET', path: '/lwm2m' });
      expect(back.payload.toString()).toBe('over dtls');
      expect(trace.all().every((d) => d.security === 'dtls')).toBe(true);
    });

    it('a wrong key: the handshake fails with a typed error', async () => {
      const peer = await startServer(['-k', keyText]);
      const trace = new TraceRecorder();
      const err = await DtlsClientTransport.connect(peer, { ...quick, trace, psk: { identity: creds.identity, key: creds.wrongKey }, handshakeTimeoutMs: 5000 }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(DtlsHandshakeError);
      expect(trace.events().some((e) => e.kind === 'handshake-failed')).toBe(true);
    });

    it('certificates: the server name is checked and ECDHE_ECDSA CCM_8 is used', async () => {
      const peer = await startServer(['-c', creds.path('server-cert.pem'), '-j', creds.path('server-key.pem'), '-C', creds.path('ca-cert.pem')]);
      const transport = closeLater(await DtlsClientTransport.connect(peer, {
        ...quick,
        certificate: { cert: creds.pem('client-cert.pem'), key: creds.pem('client-key.pem'), ca: creds.pem('ca-cert.pem') },
        serverName: 'localhost',
        ciphersuites: ['TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8'],
      }));
      expect(transport.info?.peerCertificate?.subject).toBe('CN=localhost');
      const ep = await endpointOver({ transport });
      expect((await ep.request(peer, { method: 'GET', path: '/' })).code).toBe('2.05');
    });

    it('certificates: a server certificate for another name is refused (int-403)', async () => {
      const peer = await startServer(['-c', creds.path('wrong-server-cert.pem'), '-j', creds.path('wrong-server-key.pem'), '-C', creds.path('ca-cert.pem')]);
      const trace = new TraceRecorder();
      const err = await DtlsClientTransport.connect(peer, {
        ...quick,
        trace,
        certificate: { cert: creds.pem('client-cert.pem'), key: creds.pem('client-key.pem'), ca: creds.pem('ca-cert.pem') },
        serverName: 'localhost',
      }).then(() => undefined, (e: unknown) => e);
      expect(err).toBeInstanceOf(DtlsHandshakeError);
      expect((err as DtlsHandshakeError).reason).toBe('certificate');
      expect(trace.events().some((e) => e.kind === 'alert' && e.direction === 'out' && e.alert?.name === 'bad_certificate')).toBe(true);
    });
  });
}
