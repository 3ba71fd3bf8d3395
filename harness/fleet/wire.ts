// The datagrams a fleet device sends, built from parts every device shares: the Register's
// options and object list are encoded once per fleet, and only the endpoint name, message id and
// token differ. Incoming datagrams are read from their header first, since nearly all of them
// are piggybacked answers that need nothing more.
import { encodeMessage, type CoapOption } from '../coap/message.ts';
import { OptionNumber, encodeUint } from '../coap/options.ts';

export interface RegisterShape {
  lifetimeS: number;
  lwm2mVersion: string;
  binding: string;
  /** The object list (link format) after which nothing varies per device. */
  objects: string;
}

/** Two bytes of token: the message id. A device has one request in flight at a time, on its own socket. */
const tokenOf = (messageId: number) => Buffer.from([messageId >> 8, messageId & 0xff]);

const uriPath = (path: string): CoapOption[] =>
  path.split('/').filter(Boolean).map((s) => ({ number: OptionNumber.UriPath, value: Buffer.from(s) }));

export class FleetWire {
  private readonly registerTail: CoapOption[];
  private readonly objects: Buffer;

  constructor(shape: RegisterShape) {
    this.objects = Buffer.from(shape.objects);
    this.registerTail = [`lt=${shape.lifetimeS}`, `lwm2m=${shape.lwm2mVersion}`, `b=${shape.binding}`].map((q) => ({ number: OptionNumber.UriQuery, value: Buffer.from(q) }));
  }

  register(endpoint: string, messageId: number): Buffer {
    return encodeMessage({
      type: 'CON',
      code: '0.02',
      messageId,
      token: tokenOf(messageId),
      options: [
        { number: OptionNumber.UriPath, value: Buffer.from('rd') },
        { number: OptionNumber.ContentFormat, value: encodeUint(40) },
        { number: OptionNumber.UriQuery, value: Buffer.from(`ep=${endpoint}`) },
        ...this.registerTail,
      ],
      payload: this.objects,
    });
  }

  /** A parameterless Update: nothing changed but the time. */
  update(location: string, messageId: number): Buffer {
    return encodeMessage({ type: 'CON', code: '0.02', messageId, token: tokenOf(messageId), options: uriPath(location), payload: Buffer.alloc(0) });
  }

  deregister(location: string, messageId: number): Buffer {
    return encodeMessage({ type: 'CON', code: '0.04', messageId, token: tokenOf(messageId), options: uriPath(location), payload: Buffer.alloc(0) });
  }
}

export const enum Kind {
  CON = 0,
  NON = 1,
  ACK = 2,
  RST = 3,
}

/** The fixed header of a datagram, or undefined when it is not CoAP version 1. */
export function header(bytes: Buffer): { kind: Kind; code: number; messageId: number; tokenLength: number } | undefined {
  if (bytes.length < 4 || bytes[0]! >> 6 !== 1) return undefined;
  return { kind: ((bytes[0]! >> 4) & 3) as Kind, code: bytes[1]!, messageId: bytes.readUInt16BE(2), tokenLength: bytes[0]! & 0x0f };
}

/** Whether the token of `bytes` is the one a request with `messageId` carried. */
export function tokenMatches(bytes: Buffer, messageId: number): boolean {
  return (bytes[0]! & 0x0f) === 2 && bytes.length >= 6 && bytes.readUInt16BE(4) === messageId;
}

/** An empty message (ACK or RST) for `messageId`. */
export function emptyMessage(kind: Kind.ACK | Kind.RST, messageId: number): Buffer {
  return Buffer.from([0x40 | (kind << 4), 0, messageId >> 8, messageId & 0xff]);
}

export const Code = {
  created: 0x41,
  changed: 0x44,
  deleted: 0x42,
  notFound: 0x84,
} as const;
