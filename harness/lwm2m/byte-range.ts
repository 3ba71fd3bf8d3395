// Reads values straight from a range of a payload, for the hot loops of the binary decoders:
// no subarray, DataView or result object per value. Callers check the range against the input.

const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

// Below this length a hand-written ASCII loop beats TextDecoder's per-call overhead.
const SHORT_TEXT = 16;

/** Strict UTF-8 of bytes[start, end), or undefined when it is not valid UTF-8. */
export function utf8Range(bytes: Uint8Array, start: number, end: number): string | undefined {
  if (end - start <= SHORT_TEXT) {
    let text = '';
    let k = start;
    for (; k < end; k++) {
      const c = bytes[k] as number;
      if (c > 0x7f) break;
      text += String.fromCharCode(c);
    }
    if (k === end) return text;
  }
  try {
    return utf8Strict.decode(bytes.subarray(start, end));
  } catch {
    return undefined;
  }
}

// One scratch buffer for float reads: copying 4 or 8 bytes beats creating a DataView per value.
const scratch = new Uint8Array(8);
const scratchView = new DataView(scratch.buffer);

/** Big-endian IEEE 754 single at bytes[at, at + 4). */
export function float32At(bytes: Uint8Array, at: number): number {
  scratch[0] = bytes[at] as number;
  scratch[1] = bytes[at + 1] as number;
  scratch[2] = bytes[at + 2] as number;
  scratch[3] = bytes[at + 3] as number;
  return scratchView.getFloat32(0);
}

/** Big-endian IEEE 754 double at bytes[at, at + 8). */
export function float64At(bytes: Uint8Array, at: number): number {
  for (let k = 0; k < 8; k++) scratch[k] = bytes[at + k] as number;
  return scratchView.getFloat64(0);
}

/** Unsigned big-endian 32-bit integer at bytes[at, at + 4). */
export function uint32At(bytes: Uint8Array, at: number): number {
  return (((bytes[at] as number) << 24) >>> 0) + (((bytes[at + 1] as number) << 16) | ((bytes[at + 2] as number) << 8) | (bytes[at + 3] as number));
}
