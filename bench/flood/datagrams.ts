// The datagrams of a flood: garbage, and CoAP that looks valid (Register, Update, Send, GET,
// pings, stray ACKs and RSTs), in a fixed rotation so that a count of each kind is known.
import { encodeMessage, type CoapMessage } from '../../harness/coap/message.ts';
import { OptionNumber } from '../../harness/coap/options.ts';

export type FloodKind = 'garbage' | 'register' | 'update' | 'send' | 'get' | 'ping' | 'bad-header' | 'stray-ack';

const rotation: readonly FloodKind[] = ['garbage', 'register', 'update', 'send', 'get', 'ping', 'bad-header', 'stray-ack'];

/** The kinds a server appends an event for (one each): Register, Update and Send. */
export const serverEventKinds: ReadonlySet<FloodKind> = new Set(['register', 'update', 'send']);

export const floodKindOf = (i: number): FloodKind => rotation[i % rotation.length]!;

/** A deterministic pseudo-random byte source (xorshift32): floods repeat exactly. */
function bytes(seed: number, length: number): Buffer {
  const out = Buffer.alloc(length);
  let x = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

const text = (value: string) => Buffer.from(value);

function message(i: number, m: Partial<CoapMessage> & Pick<CoapMessage, 'code'>): Buffer {
  return encodeMessage({ type: 'CON', messageId: i & 0xffff, token: bytes(i, 4), options: [], payload: Buffer.alloc(0), ...m });
}

/** The i-th datagram of a flood; `endpoints` bounds how many endpoint names Registers use. */
export function floodDatagram(i: number, endpoints = 16): Buffer {
  switch (floodKindOf(i)) {
    case 'garbage':
      return bytes(i, 1 + (i % 64));
    case 'register':
      return message(i, {
        code: '0.02',
        options: [
          { number: OptionNumber.UriPath, value: text('rd') },
          { number: OptionNumber.ContentFormat, value: Buffer.from([40]) },
          { number: OptionNumber.UriQuery, value: text(`ep=flood-${i % endpoints}`) },
          { number: OptionNumber.UriQuery, value: text('lt=60') },
          { number: OptionNumber.UriQuery, value: text('lwm2m=1.1') },
        ],
        payload: text('</1/0>,</3/0>,</3303/0>'),
      });
    case 'update':
      return message(i, { code: '0.02', options: [{ number: OptionNumber.UriPath, value: text('rd') }, { number: OptionNumber.UriPath, value: text(`gone${i}`) }] });
    case 'send':
      return message(i, {
        type: 'NON',
        code: '0.02',
        options: [{ number: OptionNumber.UriPath, value: text('dp') }, { number: OptionNumber.ContentFormat, value: Buffer.from([110]) }],
        payload: text(`[{"n":"/3/0/9","v":${i % 100}}]`),
      });
    case 'get':
      return message(i, { code: '0.01', options: [{ number: OptionNumber.UriPath, value: text('3') }, { number: OptionNumber.UriPath, value: text('0') }] });
    case 'ping':
      return message(i, { code: '0.00', token: Buffer.alloc(0) });
    case 'bad-header':
      // Version 1, token length 15 (reserved): a message format error.
      return Buffer.concat([Buffer.from([0x4f, 0x01, (i >> 8) & 0xff, i & 0xff]), bytes(i, 8)]);
    case 'stray-ack':
      return message(i, { type: i % 2 ? 'ACK' : 'RST', code: i % 2 ? '2.05' : '0.00', token: i % 2 ? bytes(i, 2) : Buffer.alloc(0) });
  }
}
