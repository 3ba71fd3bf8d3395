// Wire model: encode/decode round trips, RFC 7252 format errors, and a total decoder under fuzzing.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as coapPacket from 'coap-packet';
import {
  asEncoded, block2, codeName, contentFormat, decodeMessage, encodeMessage, locationPath, observe, OptionNumber, uriPath, uriQuery,
} from '../../harness/coap/message.ts';
import type { CoapMessage, CoapType } from '../../harness/coap/message.ts';
import { decodeBlock, encodeBlock, encodeUint } from '../../harness/coap/options.ts';

const sample: CoapMessage = {
  type: 'CON',
  code: '0.02',
  messageId: 0x1234,
  token: Buffer.from('a1b2c3d4', 'hex'),
  options: [
    { number: OptionNumber.UriPath, value: Buffer.from('rd') },
    { number: OptionNumber.ContentFormat, value: encodeUint(40) },
    { number: OptionNumber.UriQuery, value: Buffer.from('ep=dev1') },
    { number: OptionNumber.UriQuery, value: Buffer.from('lt=300') },
  ],
  payload: Buffer.from('</1/0>,</3/0>'),
};

describe('message encode/decode', () => {
  it('round-trips a request and exposes its options', () => {
    const bytes = encodeMessage(sample);
    const r = decodeMessage(bytes);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.message.type).toBe('CON');
    expect(r.message.code).toBe('0.02');
    expect(r.message.messageId).toBe(0x1234);
    expect(r.message.token.toString('hex')).toBe('a1b2c3d4');
    expect(uriPath(r.message)).toBe('/rd');
    expect(uriQuery(r.message)).toEqual(['ep=dev1', 'lt=300']);
    expect(contentFormat(r.message)).toBe(40);
    expect(r.message.payload.toString()).toBe('</1/0>,</3/0>');
    expect(encodeMessage(r.message).equals(bytes)).toBe(true);
  });

  it('gives "/" for no Uri-Path, "" for no Location-Path, and names codes', () => {
    const m: CoapMessage = { type: 'ACK', code: '2.01', messageId: 1, token: Buffer.alloc(0), options: [
      { number: OptionNumber.LocationPath, value: Buffer.from('rd') },
      { number: OptionNumber.LocationPath, value: Buffer.from('5a3f') },
    ], payload: Buffer.alloc(0) };
    expect(uriPath(m)).toBe('/');
    expect(locationPath(m)).toBe('/rd/5a3f');
    expect(locationPath({ ...m, options: [] })).toBe('');
    expect(codeName('2.05')).toBe('Content');
    expect(codeName('4.13')).toBe('Request Entity Too Large');
  });

  it('encodes uint and block options minimally', () => {
    expect(encodeUint(0).length).toBe(0);
    expect(encodeUint(255)).toEqual(Buffer.from([255]));
    expect(encodeUint(256)).toEqual(Buffer.from([1, 0]));
    const b = decodeBlock(encodeBlock({ num: 1000, more: true, szx: 6 }));
    expect(b).toEqual({ num: 1000, more: true, szx: 6, size: 1024 });
    expect(decodeBlock(Buffer.from([0x07]))).toBeUndefined(); // SZX 7 reserved
    const m: CoapMessage = { ...sample, options: [{ number: OptionNumber.Block2, value: encodeBlock({ num: 2, more: false, szx: 2 }) }, { number: OptionNumber.Observe, value: encodeUint(70000) }] };
    const d = decodeMessage(encodeMessage(m));
    expect(d.ok && block2(d.message)).toEqual({ num: 2, more: false, szx: 2, size: 64 });
    expect(d.ok && observe(d.message)).toBe(70000);
  });

  it.each([
    ['short', Buffer.from([0x40, 0x01])],
    ['version 2', Buffer.from([0x80, 0x01, 0, 1])],
    ['token length 9', Buffer.from([0x49, 0x01, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9])],
    ['empty with token', Buffer.from([0x41, 0x00, 0, 1, 0xaa])],
    ['payload marker without payload', Buffer.from([0x40, 0x01, 0, 1, 0xff])],
    ['option delta 15', Buffer.from([0x40, 0x01, 0, 1, 0xf1, 0x00])],
    ['truncated option value', Buffer.from([0x40, 0x01, 0, 1, 0xb5, 0x61, 0x62])],
    ['truncated token', Buffer.from([0x48, 0x01, 0, 1, 1, 2])],
  ])('rejects a malformed datagram (%s) with a reason', (_name, bytes) => {
    const r = decodeMessage(bytes);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason.length).toBeGreaterThan(0);
  });

  it('never throws on random bytes (fuzz)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (arr) => {
        const r = decodeMessage(Buffer.from(arr));
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 5000 },
    );
  });

  it('never throws on mutated valid messages, and decoded ones re-encode to the same bytes (fuzz)', () => {
    const base = encodeMessage(sample);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(base.length + 4), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }), fc.nat(base.length + 4), (edits, cut) => {
        const bytes = Buffer.from(base);
        for (const [i, v] of edits) if (i < bytes.length) bytes[i] = v;
        const input = bytes.subarray(0, Math.min(bytes.length, cut + 4));
        const r = decodeMessage(input);
        if (r.ok && r.message.code !== '0.00') expect(encodeMessage(r.message).equals(input)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('round-trips arbitrary well-formed messages (property)', () => {
    const type = fc.constantFrom<CoapType>('CON', 'NON', 'ACK', 'RST');
    const option = fc.record({ number: fc.integer({ min: 1, max: 2000 }), value: fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)) });
    const msg = fc.record({
      type,
      code: fc.tuple(fc.constantFrom(0, 2, 4, 5), fc.integer({ min: 1, max: 31 })).map(([c, d]) => `${c}.${String(d).padStart(2, '0')}`),
      messageId: fc.integer({ min: 0, max: 0xffff }),
      token: fc.uint8Array({ maxLength: 8 }).map((a) => Buffer.from(a)),
      options: fc.array(option, { maxLength: 8 }).map((os) => [...os].sort((a, b) => a.number - b.number)),
      payload: fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
    });
    fc.assert(
      fc.property(msg, (m) => {
        const r = decodeMessage(encodeMessage(m));
        expect(r.ok).toBe(true);
        if (r.ok) expect(r.message).toEqual(m);
      }),
      { numRuns: 1000 },
    );
  });

  it('gives, for a message sent, what decoding its bytes gives (options in any order, an empty message with a payload)', () => {
    const option = fc.record({ number: fc.integer({ min: 1, max: 2000 }), value: fc.uint8Array({ maxLength: 20 }).map((a) => Buffer.from(a)) });
    const msg = fc.record({
      type: fc.constantFrom<CoapType>('CON', 'NON', 'ACK', 'RST'),
      code: fc.constantFrom('0.00', '0.01', '2.05', '4.04'),
      messageId: fc.integer({ min: 0, max: 0xffff }),
      token: fc.uint8Array({ maxLength: 8 }).map((a) => Buffer.from(a)),
      options: fc.array(option, { maxLength: 6 }),
      payload: fc.uint8Array({ maxLength: 20 }).map((a) => Buffer.from(a)),
    });
    fc.assert(
      fc.property(msg, (m) => {
        const r = decodeMessage(encodeMessage(m));
        expect(r.ok && asEncoded(m)).toEqual(r.ok && r.message);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('message encoding agrees with an independent CoAP implementation (coap-packet)', () => {
  const message = fc.record({
    type: fc.constantFrom<CoapType>('CON', 'NON', 'ACK', 'RST'),
    code: fc.tuple(fc.constantFrom(0, 2, 4, 5), fc.integer({ min: 1, max: 31 })).map(([c, d]) => `${c}.${String(d).padStart(2, '0')}`),
    messageId: fc.integer({ min: 0, max: 0xffff }),
    token: fc.uint8Array({ maxLength: 8 }).map((a) => Buffer.from(a)),
    // Numbers and lengths across the 4-bit, 1-byte and 2-byte extended forms.
    options: fc.array(fc.record({ number: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 13, max: 300 }), fc.integer({ min: 269, max: 3000 })), value: fc.uint8Array({ maxLength: 400 }).map((a) => Buffer.from(a)) }), { maxLength: 6 }),
    payload: fc.uint8Array({ maxLength: 100 }).map((a) => Buffer.from(a)),
  });

  it('encodes byte for byte as coap-packet does, and decodes what it encodes', () => {
    fc.assert(
      fc.property(message, (m) => {
        const ours = encodeMessage(m);
        const theirs = coapPacket.generate(
          { code: m.code, messageId: m.messageId, token: m.token, options: m.options.map((o) => ({ name: String(o.number), value: o.value })), payload: m.payload, confirmable: m.type === 'CON', ack: m.type === 'ACK', reset: m.type === 'RST' },
          0x7fffffff,
        );
        expect(ours.toString('hex')).toBe(theirs.toString('hex'));
        const parsed = coapPacket.parse(theirs);
        const decoded = decodeMessage(theirs);
        expect(decoded.ok).toBe(true);
        if (!decoded.ok) return;
        expect(decoded.message.code).toBe(parsed.code);
        expect(decoded.message.messageId).toBe(parsed.messageId);
        expect(decoded.message.token.equals(parsed.token)).toBe(true);
        expect(decoded.message.payload.equals(parsed.payload)).toBe(true);
        expect(decoded.message.options.map((o) => o.value.toString('hex'))).toEqual(parsed.options.map((o) => Buffer.from(o.value).toString('hex')));
      }),
      { numRuns: 2000 },
    );
  });
});
