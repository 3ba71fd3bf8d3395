// CoAP URIs as the harness meets them: coap://host[:port] and coaps://host[:port] (RFC 7252
// §6.1, §6.2), naming where a server listens and whether it wants DTLS. The one parser for them.
import type { PeerAddress } from './trace.ts';

export interface CoapUri {
  peer: PeerAddress;
  /** coaps:// (DTLS). */
  secure: boolean;
  /** The host as written in the URI (a name or an address, without IPv6 brackets). */
  host: string;
}

/** coap://host[:5683] or coaps://host[:5684], a trailing '/' allowed; `localhost` means 127.0.0.1. Undefined for anything else. */
export function parseCoapUri(uri: string): CoapUri | undefined {
  const match = /^(coaps?):\/\/(\[[0-9a-fA-F:.]+\]|[^:/[\]]+)(?::(\d+))?\/?$/.exec(uri);
  if (!match) return undefined;
  const secure = match[1] === 'coaps';
  const host = match[2]!.replace(/^\[|\]$/g, '');
  const port = match[3] ? Number(match[3]) : secure ? 5684 : 5683;
  return { peer: { address: host === 'localhost' ? '127.0.0.1' : host, port }, secure, host };
}
