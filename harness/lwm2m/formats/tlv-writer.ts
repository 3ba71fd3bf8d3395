// OMA-TLV records written straight into one growing buffer (Core §7.4.3): a value record's
// header is written before its value (the value's length is known first); a container's
// children are written first, then moved up by the size of its header, once per nesting level
// (at most three), so encoding time stays linear in the payload size.

import { ByteWriter, isAscii, utf8Bytes } from '../byte-writer.ts';
import type { ValueType } from '../model/types.ts';
import type { LwM2mValue, ObjectLink } from '../value.ts';
import { EncodeError, type FloatWidth } from './codec.ts';
import { encodeTlvValue } from './tlv-value.ts';

const MAX_LENGTH = 0xffffff;

/** Bytes of a header for `id` and a value of `length` bytes. */
function headerSize(id: number, length: number): number {
  return 1 + (id > 255 ? 2 : 1) + (length < 8 ? 0 : length < 0x100 ? 1 : length < 0x10000 ? 2 : 3);
}

export class TlvWriter {
  private readonly w: ByteWriter;
  /** The first length beyond 24 bits, reported when the payload is finished (as the record encoder does). */
  private tooLong: number | undefined;

  /** `values`: how many values will be written, to size the buffer once in the common case. */
  constructor(private readonly floatWidth: FloatWidth, values = 0) {
    this.w = new ByteWriter(16 * values);
  }

  /** Writes the header of kind (type bits 7-6), id and length at `at`, which has room for it. */
  private headerAt(at: number, kind: number, id: number, length: number): void {
    if (length > MAX_LENGTH && this.tooLong === undefined) this.tooLong = length;
    const buf = this.w.buf;
    const wide = id > 255;
    const lengthBytes = length < 8 ? 0 : length < 0x100 ? 1 : length < 0x10000 ? 2 : 3;
    buf[at++] = (kind << 6) | (wide ? 0x20 : 0) | (lengthBytes << 3) | (lengthBytes === 0 ? length : 0);
    if (wide) buf[at++] = id >> 8;
    buf[at++] = id & 0xff;
    for (let k = lengthBytes - 1; k >= 0; k--) buf[at++] = (length >> (8 * k)) & 0xff;
  }

  private header(kind: number, id: number, length: number): void {
    const size = headerSize(id, length);
    this.w.ensure(size);
    this.headerAt(this.w.len, kind, id, length);
    this.w.len += size;
  }

  /** Where a container's children start; pass it to close() after writing them. */
  open(): number {
    return this.w.len;
  }

  close(kind: number, id: number, start: number): void {
    const length = this.w.len - start;
    this.w.openGap(start, headerSize(id, length));
    this.headerAt(start, kind, id, length);
  }

  /** A value record; the value is encoded as encodeTlvValue would, without its own array. */
  value(kind: number, id: number, type: ValueType, value: LwM2mValue): void {
    const w = this.w;
    switch (type) {
      case 'integer':
      case 'time':
      case 'unsigned': {
        if (typeof value !== 'number' || !Number.isSafeInteger(value)) break;
        const v = value;
        const signed = type !== 'unsigned';
        if (!signed && v < 0) break; // the exact encoder's error
        const width = signed
          ? v >= -0x80 && v < 0x80 ? 1 : v >= -0x8000 && v < 0x8000 ? 2 : v >= -0x80000000 && v < 0x80000000 ? 4 : 8
          : v < 0x100 ? 1 : v < 0x10000 ? 2 : v < 0x100000000 ? 4 : 8;
        this.header(kind, id, width);
        if (width === 8) w.int64(v);
        else w.uint(v >>> 0, width);
        return;
      }
      case 'float': {
        const v = value as number;
        const single = this.floatWidth !== 'double' && (Object.is(Math.fround(v), v) || Number.isNaN(v));
        this.header(kind, id, single ? 4 : 8);
        if (single) w.float32(v);
        else w.float64(v);
        return;
      }
      case 'boolean':
        this.header(kind, id, 1);
        w.byte(value ? 1 : 0);
        return;
      case 'objlnk': {
        const link = value as ObjectLink;
        this.header(kind, id, 4);
        w.ensure(4);
        const buf = w.buf;
        buf[w.len++] = link.objectId >> 8;
        buf[w.len++] = link.objectId & 0xff;
        buf[w.len++] = link.instanceId >> 8;
        buf[w.len++] = link.instanceId & 0xff;
        return;
      }
      case 'string':
      case 'corelnk':
        if (typeof value === 'string' && isAscii(value)) {
          this.header(kind, id, value.length);
          w.ascii(value);
        } else {
          const bytes = utf8Bytes(value as string);
          this.header(kind, id, bytes.length);
          w.bytes(bytes);
        }
        return;
      case 'opaque':
        if (!(value instanceof Uint8Array)) break;
        this.header(kind, id, value.length);
        w.bytes(value);
        return;
      case 'none':
        this.header(kind, id, 0);
        return;
    }
    // Big integers and values of the wrong kind: the general encoder (and its errors).
    const bytes = encodeTlvValue(type, value, this.floatWidth);
    this.header(kind, id, bytes.length);
    w.bytes(bytes);
  }

  finish(): Uint8Array {
    if (this.tooLong !== undefined) throw new EncodeError('tlv', `value of ${this.tooLong} bytes exceeds the 24-bit TLV length`);
    return this.w.finish();
  }
}
