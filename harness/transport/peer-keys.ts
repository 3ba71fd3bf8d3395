// Map keys for a peer's address and port, and for a message exchange with it (peer and Message
// ID). A server under a registration storm makes one per datagram and keeps 10^4–10^5 of them,
// so an IPv4 peer's keys carry no address text: the key of a registration is one number, the key
// of an exchange a four-character string (shorter than 13 characters, V8 keeps it as one flat
// string instead of a chain of concatenated pieces). Any other address keeps its text in the key.
import type { PeerAddress } from './udp.ts';

/** An IPv4 address in dotted-quad text as a number, or undefined for any other text. */
export function ipv4Number(address: string): number | undefined {
  let value = 0;
  let part = -1;
  let dots = 0;
  for (let i = 0; i < address.length; i++) {
    const c = address.charCodeAt(i);
    if (c === 46) {
      if (part < 0 || ++dots > 3) return undefined;
      value = value * 256 + part;
      part = -1;
    } else if (c >= 48 && c <= 57) {
      part = part < 0 ? c - 48 : part * 10 + c - 48;
      if (part > 255) return undefined;
    } else return undefined;
  }
  return dots === 3 && part >= 0 ? value * 256 + part : undefined;
}

/** The key of a peer: an IPv4 one is a number. */
export function peerNumberKey(peer: PeerAddress): number | string {
  const ipv4 = ipv4Number(peer.address);
  return ipv4 === undefined ? `${peer.address}|${peer.port}` : ipv4 * 65536 + peer.port;
}

/** The key of an exchange: a peer and a Message ID. */
export function exchangeKey(peer: PeerAddress, messageId: number): string {
  const ipv4 = ipv4Number(peer.address);
  // Four 16-bit code units: address (high and low halves), port, MID. A text key is longer.
  if (ipv4 !== undefined) return String.fromCharCode(ipv4 >>> 16, ipv4 & 0xffff, peer.port, messageId);
  return `${peer.address}|${peer.port}|${messageId}`;
}
