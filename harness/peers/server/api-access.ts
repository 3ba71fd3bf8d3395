// Who may use the management API. A request must carry the server's bearer token (other local
// users and web pages do not have it), name in its Host header the address the API listens on
// or a loopback name (a foreign name that resolves to 127.0.0.1, DNS rebinding, does not), and,
// when it comes from a browser, an Origin of those same hosts (a page elsewhere cannot post to
// it). A refused request is answered before its body is read.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { networkInterfaces } from 'node:os';

/** A fresh token: 32 random bytes, base64url (a valid RFC 6750 bearer token). */
export function newApiToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What a token must look like (RFC 6750 b64token), long enough to be a secret. */
export const apiTokenPattern = /^[A-Za-z0-9\-._~+/]{16,}=*$/;

const loopbackNames = ['localhost', '127.0.0.1', '::1'];
const wildcard = new Set(['0.0.0.0', '::']);

const bracketed = (address: string) => (address.includes(':') ? `[${address}]` : address);

/** A digest of fixed length, so that comparing two tokens takes the same time whatever they are. */
const digest = (text: string) => createHash('sha256').update(text).digest();

export interface Refusal {
  status: 401 | 403;
  error: string;
}

export class ApiAccess {
  private readonly expected: Buffer;

  private constructor(
    token: string,
    /** `host:port` forms a request may name in its Host header (lower case). */
    private readonly hosts: ReadonlySet<string>,
  ) {
    this.expected = digest(token);
  }

  /**
   * `address` and `port`: where the API listens; `named`: the address as the user gave it (a
   * host name). Listening on every address (0.0.0.0), the host's interface addresses count too.
   */
  static of(token: string, listening: { address: string; port: number }, named?: string): ApiAccess {
    const names = new Set([...loopbackNames, listening.address, ...(named ? [named] : [])]);
    if (wildcard.has(listening.address)) {
      for (const addresses of Object.values(networkInterfaces())) for (const a of addresses ?? []) names.add(a.address);
    }
    const hosts = new Set<string>();
    for (const name of names) {
      const host = bracketed(name.toLowerCase());
      hosts.add(`${host}:${listening.port}`);
      // A browser leaves out the default port.
      if (listening.port === 80) hosts.add(host);
    }
    return new ApiAccess(token, hosts);
  }

  /** Why the request is refused, or undefined when it may proceed. */
  refusal(headers: IncomingHttpHeaders): Refusal | undefined {
    const host = headers.host?.toLowerCase();
    if (!host || !this.hosts.has(host)) return { status: 403, error: `the Host header ${host ? `"${host}"` : '(none)'} does not name this server` };
    const origin = headers.origin;
    if (origin !== undefined && !this.isOwnOrigin(origin)) return { status: 403, error: `requests from ${origin} are not accepted` };
    const bearer = /^Bearer +(\S+) *$/i.exec(headers.authorization ?? '');
    if (!bearer) return { status: 401, error: 'the management API needs "Authorization: Bearer TOKEN" (serve prints the token and writes it to its token file)' };
    if (!timingSafeEqual(digest(bearer[1]!), this.expected)) return { status: 401, error: 'wrong token' };
    return undefined;
  }

  private isOwnOrigin(origin: string): boolean {
    const match = /^http:\/\/([^/]+)$/i.exec(origin);
    return match !== null && this.hosts.has(match[1]!.toLowerCase());
  }
}
