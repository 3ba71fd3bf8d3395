// Object links as text, 'oid:iid' (Core §7.1 Objlnk): the helper behind text/plain, OMA JSON
// 'ov', SenML 'vlo' and CBOR text forms. 65535:65535 is the null link.

import type { DecodeResult } from '../decode-error.ts';
import { formatObjectLink, parseObjectLink, type ObjectLink } from '../value.ts';

export const NULL_OBJECT_LINK: ObjectLink = { objectId: 65535, instanceId: 65535 };

export function decodeObjectLinkText(text: string): DecodeResult<ObjectLink> {
  return parseObjectLink(text, 'objlnk');
}

export function encodeObjectLinkText(link: ObjectLink): string {
  return formatObjectLink(link);
}

/** 4 bytes: object id then instance id, each 16-bit big-endian (TLV, Core §7.4.3). */
export function objectLinkBytes(link: ObjectLink): Uint8Array {
  return new Uint8Array([link.objectId >> 8, link.objectId & 0xff, link.instanceId >> 8, link.instanceId & 0xff]);
}
