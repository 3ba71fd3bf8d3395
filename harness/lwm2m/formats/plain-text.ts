// text/plain (content-format 0): one resource value as text (Core §7.3.1 / Transport §7.4.1).
// Numbers in decimal, booleans '0'/'1', objlnk 'oid:iid', opaque as base64.

import { fail, ok, type DecodeResult } from '../decode-error.ts';
import { fromBase64, fromUtf8, toBase64, utf8 } from '../bytes.ts';
import type { ValueType } from '../model/types.ts';
import type { LwM2mNode } from '../node.ts';
import { formatObjectLink, parseObjectLink, toBigInt, type LwM2mValue, type ObjectLink } from '../value.ts';
import { EncodeError, type ContentFormatCodec, type DecodeContext, type EncodeOptions } from './codec.ts';
import { leafNode, singleValuePath, singleValueType, theSingleLeaf } from './single-value.ts';
import { formatFloatText, parseFloatText, parseIntegerText } from './text-format.ts';

const FORMAT = 'text';

/** Parses the text of one value of a known type (also used for Execute arguments and SenML 'vlo'). */
export function parseTextValue(text: string, type: ValueType, format = FORMAT): DecodeResult<LwM2mValue> {
  const bad = (what: string) => fail<LwM2mValue>(format, `'${text.length > 40 ? `${text.slice(0, 40)}…` : text}' is not ${what}`, { position: 0 });
  switch (type) {
    case 'string':
    case 'corelnk':
      return ok(text);
    case 'integer':
    case 'time': {
      const v = parseIntegerText(text, false);
      return v === undefined ? bad(`a signed 64-bit ${type}`) : ok(v);
    }
    case 'unsigned': {
      const v = parseIntegerText(text, true);
      return v === undefined ? bad('an unsigned 64-bit integer') : ok(v);
    }
    case 'float': {
      const v = parseFloatText(text);
      return v === undefined ? bad('a decimal number') : ok(v);
    }
    case 'boolean':
      return text === '1' ? ok(true) : text === '0' ? ok(false) : bad("a boolean '0' or '1'");
    case 'opaque': {
      const bytes = fromBase64(text, 'base64');
      return bytes === undefined ? bad('base64') : ok(bytes);
    }
    case 'objlnk':
      return parseObjectLink(text, format);
    case 'none':
      return text === '' ? ok(null) : bad('empty (type none)');
  }
}

export function formatTextValue(type: ValueType, value: LwM2mValue): string {
  switch (type) {
    case 'integer':
    case 'unsigned':
    case 'time':
      return String(toBigInt(value) ?? value);
    case 'float':
      return formatFloatText(value as number);
    case 'boolean':
      return value ? '1' : '0';
    case 'opaque':
      return toBase64(value as Uint8Array);
    case 'objlnk':
      return formatObjectLink(value as ObjectLink);
    case 'none':
      return '';
    default:
      return String(value);
  }
}

export function decodePlainText(payload: Uint8Array, context?: DecodeContext): DecodeResult<LwM2mNode[]> {
  const text = fromUtf8(payload);
  if (text === undefined) return fail(FORMAT, 'payload is not valid UTF-8', { offset: 0 });
  const type = singleValueType(context) ?? 'string';
  if (text === '' && type !== 'string' && type !== 'corelnk' && type !== 'none' && type !== 'opaque') {
    return fail(FORMAT, `empty payload for a ${type} value`, { offset: 0 });
  }
  const value = parseTextValue(text, type);
  if (!value.ok) return value;
  return ok([leafNode(singleValuePath(context), type, value.value)]);
}

export function encodePlainText(nodes: readonly LwM2mNode[], _options?: EncodeOptions): Uint8Array {
  const node = theSingleLeaf(FORMAT, nodes);
  if (node.path.split('/').length > 5) throw new EncodeError(FORMAT, `invalid path ${node.path}`);
  return utf8(formatTextValue(node.type, node.value as LwM2mValue));
}

export const plainTextCodec: ContentFormatCodec = {
  number: 0,
  name: 'text',
  mediaType: 'text/plain;charset=utf-8',
  decode: decodePlainText,
  encode: encodePlainText,
};
