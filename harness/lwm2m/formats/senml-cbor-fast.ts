// The common case of SenML CBOR decoding in one pass, straight from bytes to nodes: a definite
// array of definite maps with the known labels, small integers, floats, definite strings, names
// that are plain canonical paths, values that fit their types. It gives up (undefined) at the
// first thing outside that case, valid or not, and the exact decoder (senml-cbor-read.ts then
// recordsToNodes) decides; so only accepted input needs to match the exact decoder's result,
// and every error keeps its exact offset and reason.

import { float32At, float64At, uint32At, utf8Range } from '../byte-range.ts';
import { halfToNumber } from '../cbor/reader.ts';
import type { LwM2mNode } from '../node.ts';
import type { PathIds } from '../path.ts';
import type { DecodeContext } from './codec.ts';
import { GIVE_UP, runFastPath } from './fast-path.ts';
import { ResourceTypes } from './resource-types.ts';
import { SenmlFields, senmlRecordNode } from './senml-fast-record.ts';
import { BN, BT, N, T, V, VB, VD, VLO, VS } from './senml-label-bits.ts';

class FastReader {
  p = 0;
  /** Whether the last number() read a float. */
  isFloat = false;
  constructor(readonly bytes: Uint8Array) {}

  /** Argument of the head at p, a safe integer; gives up on indefinite or larger ones. */
  argument(): number {
    const b = this.bytes;
    const ai = (b[this.p] as number) & 31;
    const p = this.p + 1;
    if (ai < 24) {
      this.p = p;
      return ai;
    }
    if (ai === 24 && p + 1 <= b.length) {
      this.p = p + 1;
      return b[p] as number;
    }
    if (ai === 25 && p + 2 <= b.length) {
      this.p = p + 2;
      return ((b[p] as number) << 8) | (b[p + 1] as number);
    }
    if (ai === 26 && p + 4 <= b.length) {
      this.p = p + 4;
      return uint32At(b, p);
    }
    if (ai === 27 && p + 8 <= b.length) {
      const hi = uint32At(b, p);
      // Below 2^53 - 2^32, so that the negative integer -1 - arg stays safe too.
      if (hi >= 0x1fffff) throw GIVE_UP;
      this.p = p + 8;
      return hi * 0x100000000 + uint32At(b, p + 4);
    }
    throw GIVE_UP;
  }

  /** A definite text string. */
  text(): string {
    if (this.p >= this.bytes.length || (this.bytes[this.p] as number) >> 5 !== 3) throw GIVE_UP;
    const n = this.argument();
    const start = this.p;
    if (n > this.bytes.length - start) throw GIVE_UP;
    this.p = start + n;
    const text = utf8Range(this.bytes, start, start + n);
    if (text === undefined) throw GIVE_UP;
    return text;
  }

  /** A number: a safe integer or a float; sets `isFloat`. */
  number(): number {
    const b = this.bytes;
    if (this.p >= b.length) throw GIVE_UP;
    const ib = b[this.p] as number;
    const major = ib >> 5;
    this.isFloat = false;
    if (major === 0) return this.argument();
    if (major === 1) return -1 - this.argument();
    const p = this.p + 1;
    this.isFloat = true;
    if (ib === 0xf9 && p + 2 <= b.length) {
      this.p = p + 2;
      return halfToNumber(((b[p] as number) << 8) | (b[p + 1] as number));
    }
    if (ib === 0xfa && p + 4 <= b.length) {
      this.p = p + 4;
      return float32At(b, p);
    }
    if (ib === 0xfb && p + 8 <= b.length) {
      this.p = p + 8;
      return float64At(b, p);
    }
    throw GIVE_UP;
  }
}

/** Nodes of a SenML CBOR payload in the common case, or undefined: then the exact decoder runs. */
export function decodeSenmlCborFast(payload: Uint8Array, context: DecodeContext): LwM2mNode[] | undefined {
  if (payload.length === 0) return undefined;
  return runFastPath(payload, context, readNodes);
}

function readNodes(payload: Uint8Array, context: DecodeContext, request: PathIds): LwM2mNode[] | undefined {
  const cbor = new FastReader(payload);
  if ((payload[0] as number) >> 5 !== 4) return undefined;
  const count = cbor.argument();
  if (count === 0) return undefined;
  const types = new ResourceTypes(context, request);
  const f = new SenmlFields();
  const out: LwM2mNode[] = [];
  let bn = '';
  let bt: number | undefined;
  for (let k = 0; k < count; k++) {
    if (cbor.p >= payload.length || (payload[cbor.p] as number) >> 5 !== 5) return undefined;
    const labels = cbor.argument();
    let seen = 0;
    for (let e = 0; e < labels; e++) {
      if (cbor.p >= payload.length) return undefined;
      const ib = payload[cbor.p++] as number;
      let bit: number;
      switch (ib) {
        case 0x21: // -2 bn
          bit = BN;
          f.bn = cbor.text();
          break;
        case 0x22: // -3 bt
          bit = BT;
          f.bt = cbor.number();
          break;
        case 0x00: // 0 n
          bit = N;
          f.n = cbor.text();
          break;
        case 0x06: // 6 t
          bit = T;
          f.t = cbor.number();
          break;
        case 0x02: // 2 v
          bit = V;
          f.v = cbor.number();
          f.vIsFloat = cbor.isFloat;
          break;
        case 0x03: // 3 vs
          bit = VS;
          f.text = cbor.text();
          break;
        case 0x04: {
          // 4 vb
          bit = VB;
          const b = payload[cbor.p++];
          if (b !== 0xf4 && b !== 0xf5) return undefined;
          f.vb = b === 0xf5;
          break;
        }
        case 0x08: {
          // 8 vd: a definite byte string
          bit = VD;
          if (cbor.p >= payload.length || (payload[cbor.p] as number) >> 5 !== 2) return undefined;
          const n = cbor.argument();
          if (n > payload.length - cbor.p) return undefined;
          f.vd = payload.slice(cbor.p, cbor.p + n);
          cbor.p += n;
          break;
        }
        case 0x63: // "vlo"
          if (payload[cbor.p] !== 0x76 || payload[cbor.p + 1] !== 0x6c || payload[cbor.p + 2] !== 0x6f) return undefined;
          cbor.p += 3;
          bit = VLO;
          f.text = cbor.text();
          break;
        default:
          return undefined;
      }
      if (seen & bit) return undefined;
      seen |= bit;
    }
    if (seen & BN) bn = f.bn;
    if (seen & BT) bt = f.bt;
    const node = senmlRecordNode(f, seen, bn, bt, types);
    if (node === undefined) return undefined;
    out.push(node);
  }
  return cbor.p === payload.length ? out : undefined;
}
