// DTLS for the reference server: the credentials it accepts (PSK identities with their keys and
// the endpoint names bound to them, its certificate), the rule that ties a Register's endpoint
// name to the identity authenticated in the handshake, and the switches security cases use to
// present other credentials (a wrong key, another certificate) to the handshakes that follow.
import type { CoapEndpoint } from '../../coap/endpoint.ts';
import type { PeerAddress } from '../../coap/trace.ts';
import { identityText } from '../../coap/transport.ts';
import type { DtlsServerTransport, KeyMaterial, ServerEndpointSecurity } from '../../coap/transport.ts';

export interface PskAccount {
  /** Identity as text (what the client sends in its ClientKeyExchange). */
  identity: string;
  key: Buffer;
  /** The endpoint name this identity is bound to; a Register under another name is refused. */
  endpoint?: string;
}

export interface ServerCertificate {
  cert: KeyMaterial;
  key: KeyMaterial;
}

export interface ServerSecurityOptions {
  psk?: readonly PskAccount[];
  /** The server's certificate; `ca` verifies client certificates (mutual authentication). */
  certificate?: ServerCertificate & { ca?: KeyMaterial };
  /** A certificate the client trusts that names another host (int-403). */
  mismatchedCertificate?: ServerCertificate;
  /** A certificate from a CA the client does not trust (unknown server certificate). */
  untrustedCertificate?: ServerCertificate;
  /** IANA names; default: the DTLS layer's (CCM_8 first). */
  ciphersuites?: readonly string[];
  /**
   * Transport TS "Endpoint Client Name": with (D)TLS the server compares `ep` with the identity
   * authenticated in the handshake and answers 4.00 on a mismatch. Default true.
   */
  endpointMustMatchIdentity?: boolean;
}

/** What the handshake authenticated for one client. */
export interface PeerIdentity {
  cipherSuite: string;
  pskIdentity?: string;
  /** Common name of the client certificate. */
  certificateName?: string;
}

/** A key that differs from `key` in every byte, of the same length (a "wrong PSK"). */
export function wrongKeyFor(key: Buffer): Buffer {
  return Buffer.from(key.map((b) => b ^ 0x5a));
}

function commonName(subject: string | undefined): string | undefined {
  return subject ? /(?:^|,\s*)CN=([^,]+)/.exec(subject)?.[1]?.trim() : undefined;
}

export class ServerDtls {
  private wrongPsk = false;
  private presented: ServerCertificate | undefined;
  private bound?: DtlsServerTransport;

  constructor(private readonly options: ServerSecurityOptions) {}

  /** The security the server's CoAP endpoint binds with: the accounts' keys are looked up here. */
  endpointSecurity(): ServerEndpointSecurity {
    return { role: 'server', ...this.security(undefined) };
  }

  /** Takes over the DTLS layer of the endpoint bound with endpointSecurity(). */
  attach(endpoint: CoapEndpoint): this {
    if (!endpoint.dtlsServer) throw new Error(`${endpoint.name} is not bound with DTLS server security`);
    this.bound = endpoint.dtlsServer;
    return this;
  }

  private get transport(): DtlsServerTransport {
    if (!this.bound) throw new Error('the reference server\'s DTLS layer is not bound yet');
    return this.bound;
  }

  private security(presented: ServerCertificate | undefined): Omit<ServerEndpointSecurity, 'role'> {
    const certificate = this.options.certificate ? { ...this.options.certificate, ...(presented ?? {}) } : undefined;
    return {
      ...(this.options.psk?.length ? { psk: (identity: Buffer) => this.keyFor(identity) } : {}),
      ...(certificate ? { certificate } : {}),
      ...(this.options.ciphersuites ? { ciphersuites: this.options.ciphersuites } : {}),
    };
  }

  get hasPsk(): boolean {
    return (this.options.psk?.length ?? 0) > 0;
  }

  get hasCertificate(): boolean {
    return this.options.certificate !== undefined;
  }

  /** Alternative certificates the security cases present. */
  get alternatives(): { mismatched?: ServerCertificate; untrusted?: ServerCertificate } {
    return {
      ...(this.options.mismatchedCertificate ? { mismatched: this.options.mismatchedCertificate } : {}),
      ...(this.options.untrustedCertificate ? { untrusted: this.options.untrustedCertificate } : {}),
    };
  }

  /** The key for an identity (or a wrong one while `useWrongPsk` is on); undefined refuses it. */
  private keyFor(identity: Buffer): Buffer | undefined {
    const account = this.options.psk?.find((a) => a.identity === identityText(identity));
    if (!account) return undefined;
    return this.wrongPsk ? wrongKeyFor(account.key) : account.key;
  }

  /** From the next handshake on, answers every known identity with a wrong key. */
  useWrongPsk(on: boolean): void {
    this.wrongPsk = on;
  }

  /** From the next handshake on, presents another certificate (undefined: the configured one). */
  presentCertificate(certificate: ServerCertificate | undefined): void {
    if (!this.options.certificate) throw new Error('the reference server has no certificate to replace (security mode is not x509)');
    this.presented = certificate;
    this.transport.useSecurity(this.security(certificate));
  }

  /** Back to the configured credentials. */
  restore(): void {
    this.wrongPsk = false;
    if (this.presented) this.presentCertificate(undefined);
  }

  /** Ends the session with a client (close_notify), so that its next message needs a new handshake. */
  closeSession(peer: PeerAddress): void {
    this.transport.closeSession(peer);
  }

  identityOf(peer: PeerAddress): PeerIdentity | undefined {
    const info = this.transport.sessionInfo(peer);
    if (!info) return undefined;
    const name = commonName(info.peerCertificate?.subject);
    return {
      cipherSuite: info.cipherSuite,
      ...(info.pskIdentity ? { pskIdentity: identityText(info.pskIdentity) } : {}),
      ...(name ? { certificateName: name } : {}),
    };
  }

  /** The PSK identity bound to an endpoint name, when the server has one. */
  pskIdentityFor(endpoint: string): string | undefined {
    return this.options.psk?.find((a) => a.endpoint === endpoint)?.identity;
  }

  /** The endpoint name a client's credentials are bound to, when they name one. */
  boundEndpoint(peer: PeerAddress): string | undefined {
    const who = this.identityOf(peer);
    if (who?.pskIdentity !== undefined) return this.options.psk?.find((a) => a.identity === who.pskIdentity)?.endpoint;
    return who?.certificateName;
  }

  /**
   * Why a Register with endpoint name `ep` from `peer` must be refused under the Transport rule,
   * or undefined when it may proceed. PSK: an identity bound to an endpoint name registers only
   * under that name, and a name bound to one identity is not usable with another. Certificates:
   * the name is the certificate's common name.
   */
  endpointProblem(ep: string, peer: PeerAddress): string | undefined {
    if (this.options.endpointMustMatchIdentity === false) return undefined;
    const who = this.identityOf(peer);
    if (!who) return undefined;
    if (who.pskIdentity !== undefined) {
      const bound = this.options.psk?.find((a) => a.identity === who.pskIdentity)?.endpoint;
      if (bound !== undefined && bound !== ep) return `endpoint name "${ep}" does not match PSK identity "${who.pskIdentity}" (bound to "${bound}")`;
      const owner = this.options.psk?.find((a) => a.endpoint === ep && a.identity !== who.pskIdentity);
      if (owner) return `endpoint name "${ep}" belongs to another PSK identity than "${who.pskIdentity}"`;
      return undefined;
    }
    if (who.certificateName !== undefined && who.certificateName !== ep) {
      return `endpoint name "${ep}" does not match the client certificate's common name "${who.certificateName}"`;
    }
    return undefined;
  }
}
