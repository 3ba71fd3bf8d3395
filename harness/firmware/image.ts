// The project's own firmware image format, which the bundled device verifies and the fixtures
// are made in: a header (magic, format version, package type, firmware version, payload length,
// SHA-256 of the payload) followed by the payload. A real device brings images in its own format.
import { createHash } from 'node:crypto';

const magic = Buffer.from('LWFW', 'ascii');
const formatVersion = 1;

/** Package types: the one the bundled device runs, and one it does not (int-777). */
export const packageTypes = { referenceDevice: 1, otherDevice: 2 } as const;

export interface ImageHeader {
  readonly type: number;
  /** The firmware version the image installs (what /3/0/3 and /5/0/7 show after the update). */
  readonly version: string;
  readonly payloadLength: number;
  readonly sha256: Buffer;
  /** Header length: where the payload starts. */
  readonly headerLength: number;
}

export type ImageCheck =
  | { ok: true; header: ImageHeader }
  /** Not an image of this format, or shorter than its header says: a package cut short or foreign. */
  | { ok: false; problem: 'not-an-image' | 'truncated' | 'integrity'; detail: string; header?: ImageHeader };

export function buildImage(spec: { type: number; version: string; payload: Buffer }): Buffer {
  const version = Buffer.from(spec.version, 'utf8');
  if (version.length > 255) throw new RangeError('the version takes at most 255 bytes');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(spec.payload.length);
  const digest = createHash('sha256').update(spec.payload).digest();
  return Buffer.concat([magic, Buffer.from([formatVersion, spec.type, version.length]), version, length, digest, spec.payload]);
}

/** Reads the header only: enough to learn an image's type, version and length as it arrives. */
export function readHeader(bytes: Buffer): ImageHeader | undefined {
  if (bytes.length < 7 || !bytes.subarray(0, 4).equals(magic) || bytes[4] !== formatVersion) return undefined;
  const versionLength = bytes[6]!;
  const headerLength = 7 + versionLength + 4 + 32;
  if (bytes.length < headerLength) return undefined;
  return {
    type: bytes[5]!,
    version: bytes.subarray(7, 7 + versionLength).toString('utf8'),
    payloadLength: bytes.readUInt32BE(7 + versionLength),
    sha256: Buffer.from(bytes.subarray(7 + versionLength + 4, headerLength)),
    headerLength,
  };
}

/** Checks a whole image: header, length and payload digest. Never throws on malformed input. */
export function checkImage(bytes: Buffer): ImageCheck {
  const header = readHeader(bytes);
  if (!header) return { ok: false, problem: 'not-an-image', detail: `${bytes.length} bytes without a complete LWFW header` };
  const payload = bytes.subarray(header.headerLength);
  if (payload.length < header.payloadLength) return { ok: false, problem: 'truncated', detail: `${payload.length} of ${header.payloadLength} payload bytes`, header };
  const digest = createHash('sha256').update(payload.subarray(0, header.payloadLength)).digest();
  if (payload.length !== header.payloadLength || !digest.equals(header.sha256)) {
    return { ok: false, problem: 'integrity', detail: payload.length !== header.payloadLength ? `${payload.length - header.payloadLength} bytes after the payload` : 'the payload does not match its SHA-256', header };
  }
  return { ok: true, header };
}

/** SHA-256 of a whole file, hex: what fixtures/firmware/SHA256SUMS lists. */
export function fileDigest(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
