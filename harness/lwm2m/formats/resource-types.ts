// Resource types for one decode: the resourceTyping rule (codec.ts) remembered per resource id,
// since a payload repeats its resources across instances and a model lookup costs far more than
// a table hit. One shared table, each entry stamped with the decode that wrote it, so a decode
// allocates nothing and can never read another decode's entries (even a nested one's).

import type { ValueType } from '../model/types.ts';
import type { PathIds } from '../path.ts';
import { VALUE_TYPES } from '../value.ts';
import type { DecodeContext } from './codec.ts';

const stampOf = new Uint32Array(65536);
const objectOf = new Uint16Array(65536);
/** 0: no type known; k: VALUE_TYPES[k - 1]. */
const codeOf = new Uint8Array(65536);
let lastStamp = 0;

export class ResourceTypes {
  private readonly stamp: number;

  constructor(private readonly context: DecodeContext, private readonly request: PathIds) {
    if (++lastStamp === 0xffffffff) {
      stampOf.fill(0);
      lastStamp = 1;
    }
    this.stamp = lastStamp;
  }

  /** Type of /o/i/r for any i: the explicit type for the requested resource, else the model's. */
  typeOf(o: number, r: number): ValueType | undefined {
    if (stampOf[r] === this.stamp && objectOf[r] === o) {
      const code = codeOf[r] as number;
      return code === 0 ? undefined : VALUE_TYPES[code - 1];
    }
    const context = this.context;
    const request = this.request;
    let type = context.model?.resource(o, r)?.type;
    if (context.type !== undefined && request.length >= 3 && o === request[0] && r === request[2]) type = context.type;
    const code = type === undefined ? 0 : VALUE_TYPES.indexOf(type) + 1;
    // A type outside VALUE_TYPES (a model's own spelling) is passed on as is, uncached.
    if (type === undefined || code > 0) {
      stampOf[r] = this.stamp;
      objectOf[r] = o;
      codeOf[r] = code;
    }
    return type;
  }
}
