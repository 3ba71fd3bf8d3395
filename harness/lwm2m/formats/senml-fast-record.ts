// One record of the SenML fast decoders (JSON and CBOR alike) as a node: its fields as read, the
// mask of its labels (senml-label-bits.ts), and the base name and time in force. Undefined for
// anything outside the common case (no or several values, a name that is not a plain canonical
// path, a value its type does not take as it is): the exact decoder then decides.

import type { ValueType } from '../model/types.ts';
import type { LwM2mNode } from '../node.ts';
import { canonicalPathIds } from '../path.ts';
import { parseObjectLink, type LwM2mValue } from '../value.ts';
import type { ResourceTypes } from './resource-types.ts';
import { N, T, V, VB, VD, VLO, VS } from './senml-label-bits.ts';

/** One record's fields as read; reused across records (a field counts only when its label was seen). */
export class SenmlFields {
  bn = '';
  bt = 0;
  n = '';
  t = 0;
  v = 0;
  /** Whether v was written as a float (a fraction or exponent in JSON, a float item in CBOR). */
  vIsFloat = false;
  /** The value of vs or vlo. */
  text = '';
  vb = false;
  vd: Uint8Array = new Uint8Array(0);
}

export function senmlRecordNode(f: SenmlFields, seen: number, bn: string, bt: number | undefined, types: ResourceTypes): LwM2mNode | undefined {
  const values = seen & (V | VS | VB | VD | VLO);
  // Exactly one value label: a power of two.
  if (values === 0 || (values & (values - 1)) !== 0) return undefined;
  const name = seen & N ? bn + f.n : bn;
  // Gateway prefixes and odd names go to the exact decoder.
  const c = name.charCodeAt(1);
  if (name.charCodeAt(0) !== 0x2f || c < 0x30 || c > 0x39) return undefined;
  const ids = canonicalPathIds(name);
  if (ids === undefined || ids.length < 3) return undefined;
  const declared = types.typeOf(ids[0] as number, ids[2] as number);
  let type: ValueType;
  let value: LwM2mValue;
  if (values === V) {
    if (f.vIsFloat) {
      // A float for an integer type needs the exact decoder's rounding rules.
      if (declared !== undefined && declared !== 'float') return undefined;
      type = 'float';
    } else {
      type = declared ?? 'integer';
      if (type !== 'integer' && type !== 'time' && type !== 'float' && !(type === 'unsigned' && f.v >= 0)) return undefined;
    }
    value = f.v;
  } else if (values === VB) {
    if (declared !== undefined && declared !== 'boolean') return undefined;
    type = 'boolean';
    value = f.vb;
  } else if (values === VD) {
    if (declared !== undefined && declared !== 'opaque') return undefined;
    type = 'opaque';
    value = f.vd;
  } else {
    type = declared ?? (values === VLO ? 'objlnk' : 'string');
    if (type === 'objlnk') {
      const link = parseObjectLink(f.text);
      // 'FFFF:FFFF' and errors: the exact decoder.
      if (!link.ok) return undefined;
      value = link.value;
    } else if (type === 'string' || type === 'corelnk') value = f.text;
    else return undefined;
  }
  const node: { path: string; type: ValueType; value: LwM2mValue; time?: number } = { path: name, type, value };
  if (bt !== undefined || seen & T) node.time = (bt ?? 0) + (seen & T ? f.t : 0);
  return node;
}
