// The secured server accounts the harness's bootstrap server provisions in int-1 and int-2: per
// mode, a DTLS listener of the reference server that accepts exactly the credentials written to
// the device, and those credentials. PSK: the profile's identity and key when it gives them,
// else the test ones in fixtures/credentials; the identity is bound to the target's endpoint
// name. Certificates: the test CA in fixtures/credentials: the listener presents
// server-cert.pem (named localhost), and the device gets a client certificate of the same CA
// whose common name is its endpoint name. A listener starts when a case first needs it. The
// keys are concealed in the trace: the Bootstrap-Write that carries them shows '*' instead.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TraceRecorder } from '../coap/trace.ts';
import type { WaitClock } from '../peers/wait-clock.ts';
import { secretOf, type AccountSecurity } from '../peers/bootstrap/configurations.ts';
import { ReferenceServer } from '../peers/server/reference-server.ts';
import type { ServerSecurityOptions } from '../peers/server/server-security.ts';
import type { ResolvedTarget } from '../targets/resolve.ts';

export type SecureMode = 'psk' | 'x509';

export interface SecureAccount {
  readonly mode: SecureMode;
  /** The listener: its events and DTLS layer are what the case judges. */
  readonly server: ReferenceServer;
  /** coaps:// URI written to /0/x/0. */
  readonly uri: string;
  /** The credentials written to /0/x/2..5 (and /0/x/14, /0/x/15). */
  readonly security: AccountSecurity;
  /** What the handshake must authenticate: the PSK identity, or the client certificate's common name. */
  readonly identity: string;
}

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../../fixtures/credentials/${name}`, import.meta.url)), 'utf8');
/** Test client certificates of the test CA; the one named as the target's endpoint is provisioned. */
const clientCertificates = ['device', 'client'] as const;

const commonName = (pem: string) => /(?:^|\n|,\s*)CN=([^\n,]+)/.exec(new X509Certificate(pem).subject)?.[1]?.trim();
const der = (pem: string) => new Uint8Array(new X509Certificate(pem).raw);

export class SecureAccounts {
  private readonly started = new Map<SecureMode, Promise<SecureAccount>>();

  private readonly profile: ResolvedTarget['profile'];

  constructor(
    private readonly target: ResolvedTarget,
    private readonly trace: TraceRecorder,
    /** The session's wait clock, so that waits on the listeners count. */
    private readonly clock: WaitClock,
    /** The PSK account the session itself provisions (the profile's credentials), when it runs DTLS-PSK. */
    private readonly sessionAccount?: AccountSecurity,
  ) {
    this.profile = target.profile;
  }

  /** Why the harness cannot provision this mode to the target, or undefined when it can. */
  unavailable(mode: SecureMode): string | undefined {
    if (mode === 'psk') return undefined;
    const endpoint = this.profile.target.endpoint;
    if (clientCertificates.some((name) => commonName(fixture(`${name}-cert.pem`)) === endpoint)) return undefined;
    return `the harness provisions test certificates (fixtures/credentials) only for the endpoint names ${clientCertificates.map((n) => `"${commonName(fixture(`${n}-cert.pem`))}"`).join(' and ')}, not "${endpoint}"`;
  }

  /** The account in `mode`, its listener started on first use. */
  account(mode: SecureMode): Promise<SecureAccount> {
    let account = this.started.get(mode);
    if (!account) {
      account = this.start(mode);
      this.started.set(mode, account);
    }
    return account;
  }

  async close(): Promise<void> {
    const accounts = await Promise.allSettled(this.started.values());
    this.started.clear();
    for (const a of accounts) if (a.status === 'fulfilled') await a.value.server.close();
  }

  private async start(mode: SecureMode): Promise<SecureAccount> {
    const { security, listener, identity } = mode === 'psk' ? this.psk() : this.certificates();
    this.trace.conceal(secretOf(security));
    const server = await ReferenceServer.start({
      address: this.profile.harness.address,
      port: 0,
      params: this.target.transmission,
      trace: this.trace,
      clock: this.clock,
      security: listener,
      // Its endpoint is named like the session's own server: its random streams get a name of their own.
      ...(this.target.impairment ? { impairment: { ...this.target.impairment, stream: `secure account ${mode}` } } : {}),
    });
    return { mode, server, uri: server.uri, security, identity };
  }

  private psk(): { security: AccountSecurity; listener: ServerSecurityOptions; identity: string } {
    const own = this.sessionAccount?.mode === 'psk' ? this.sessionAccount : undefined;
    const identity = own ? own.identity : fixture('psk-identity.txt').trim();
    const key = own ? Buffer.from(own.key) : Buffer.from(fixture('psk-key.hex').replace(/\s+/g, ''), 'hex');
    return {
      security: { mode: 'psk', identity, key: new Uint8Array(key) },
      listener: { psk: [{ identity, key, endpoint: this.profile.target.endpoint }] },
      identity,
    };
  }

  private certificates(): { security: AccountSecurity; listener: ServerSecurityOptions; identity: string } {
    const problem = this.unavailable('x509');
    if (problem) throw new Error(problem);
    const name = clientCertificates.find((n) => commonName(fixture(`${n}-cert.pem`)) === this.profile.target.endpoint)!;
    const clientCert = fixture(`${name}-cert.pem`);
    const serverCert = fixture('server-cert.pem');
    const ca = fixture('ca-cert.pem');
    const privateKey = createPrivateKey(fixture(`${name}-key.pem`)).export({ format: 'der', type: 'pkcs8' });
    return {
      security: { mode: 'x509', certificate: der(clientCert), trustAnchor: der(ca), privateKey: new Uint8Array(privateKey), serverName: commonName(serverCert)! },
      listener: { certificate: { cert: serverCert, key: fixture('server-key.pem'), ca } },
      identity: commonName(clientCert)!,
    };
  }
}
