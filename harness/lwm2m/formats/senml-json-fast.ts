// The common case of SenML JSON decoding in one pass, straight from text to nodes: an array of
// objects with the known labels, each once, strings without escapes, integers of up to 15
// digits, names that are plain canonical paths, values that fit their types. It gives up
// (undefined) at the first thing outside that case, valid or not, and the exact decoder (the
// JSON tree, then records, then recordsToNodes) decides; so only accepted input needs to match
// the exact decoder's result, and every error keeps its exact position and reason.

import { fromBase64 } from '../bytes.ts';
import type { LwM2mNode } from '../node.ts';
import type { PathIds } from '../path.ts';
import type { DecodeContext } from './codec.ts';
import { GIVE_UP, runFastPath } from './fast-path.ts';
import { FastJson } from './json-fast.ts';
import { ResourceTypes } from './resource-types.ts';
import { SenmlFields, senmlRecordNode } from './senml-fast-record.ts';
import { BN, BT, N, T, V, VB, VD, VLO, VS } from './senml-label-bits.ts';

/** The bit of the known label (a member name) after whitespace, read without making its string. */
function label(json: FastJson): number {
  json.expect(0x22);
  const s = json.text;
  const p = json.p;
  const a = s.charCodeAt(p);
  const b = s.charCodeAt(p + 1);
  const c = s.charCodeAt(p + 2);
  let bit = 0;
  let length = 2;
  if (b === 0x22) {
    length = 1;
    bit = a === 0x6e ? N : a === 0x74 ? T : a === 0x76 ? V : 0; // n t v
  } else if (c === 0x22) {
    if (a === 0x62) bit = b === 0x6e ? BN : b === 0x74 ? BT : 0; // bn bt
    else if (a === 0x76) bit = b === 0x73 ? VS : b === 0x62 ? VB : b === 0x64 ? VD : 0; // vs vb vd
  } else if (a === 0x76 && b === 0x6c && c === 0x6f && s.charCodeAt(p + 3) === 0x22) {
    length = 3;
    bit = VLO;
  }
  if (bit === 0) throw GIVE_UP;
  json.p = p + length + 1;
  return bit;
}

/** A SenML number: the exact decoder reads an integer literal as a bigint, so '-0' is 0. */
function senmlNumber(json: FastJson): number {
  const v = json.number();
  return json.isInteger && v === 0 ? 0 : v;
}

/** Nodes of a SenML JSON text in the common case, or undefined: then the exact decoder runs. */
export function decodeSenmlJsonFast(text: string, context: DecodeContext): LwM2mNode[] | undefined {
  return runFastPath(new FastJson(text), context, readNodes);
}

function readNodes(json: FastJson, context: DecodeContext, request: PathIds): LwM2mNode[] | undefined {
  const text = json.text;
  json.expect(0x5b);
  json.ws();
  // An empty array: the exact decoder answers for the request path.
  if (text.charCodeAt(json.p) === 0x5d) return undefined;
  const types = new ResourceTypes(context, request);
  const out: LwM2mNode[] = [];
  const f = new SenmlFields();
  let bn = '';
  let bt: number | undefined;
  for (;;) {
    json.expect(0x7b);
    let seen = 0;
    for (;;) {
      const bit = label(json);
      json.expect(0x3a);
      switch (bit) {
        case BN:
          f.bn = json.string();
          break;
        case BT:
          f.bt = senmlNumber(json);
          break;
        case N:
          f.n = json.string();
          break;
        case T:
          f.t = senmlNumber(json);
          break;
        case V:
          f.v = senmlNumber(json);
          f.vIsFloat = !json.isInteger;
          break;
        case VS:
        case VLO:
          f.text = json.string();
          break;
        case VB:
          f.vb = json.boolean();
          break;
        default: {
          // VD
          const bytes = fromBase64(json.string(), 'either');
          if (bytes === undefined) return undefined;
          f.vd = bytes;
        }
      }
      if (seen & bit) return undefined;
      seen |= bit;
      json.ws();
      const c = text.charCodeAt(json.p++);
      if (c === 0x7d) break;
      if (c !== 0x2c) return undefined;
      json.ws();
    }
    if (seen & BN) bn = f.bn;
    if (seen & BT) bt = f.bt;
    const node = senmlRecordNode(f, seen, bn, bt, types);
    if (node === undefined) return undefined;
    out.push(node);
    json.ws();
    const next = text.charCodeAt(json.p++);
    if (next === 0x5d) break;
    if (next !== 0x2c) return undefined;
  }
  json.ws();
  return json.p === text.length ? out : undefined;
}
