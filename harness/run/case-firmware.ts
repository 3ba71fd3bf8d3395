// Firmware packages as the Firmware Update cases take them: read from the files the profile
// names (or the project's fixtures/firmware), with what the harness can tell of each: its size
// and SHA-256, and, for an image in the project's own format, its type and version.
import { readFile } from 'node:fs/promises';
import { fileDigest, readHeader } from '../firmware/image.ts';
import { HarnessError } from '../errors.ts';
import type { TargetView } from '../targets/target-view.ts';

export type { FirmwareImageKind } from '../targets/profile.ts';
import type { FirmwareImageKind } from '../targets/profile.ts';

export interface FirmwarePackage {
  readonly kind: FirmwareImageKind;
  readonly file: string;
  readonly bytes: Buffer;
  readonly sha256: string;
  /** The version it installs, when the harness can read it (the project's own format). */
  readonly version?: string;
}

/** Reads one package; an unreadable file is the harness's error (the profile named it). */
export async function firmwarePackage(target: TargetView, kind: FirmwareImageKind): Promise<FirmwarePackage> {
  const file = target.firmware?.images[kind];
  if (!file) throw new HarnessError(`no firmware package of kind ${kind} is configured`);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new HarnessError(`the firmware package ${file} (${kind}) cannot be read: ${(error as Error).message}`);
  }
  const version = readHeader(bytes)?.version;
  return { kind, file, bytes, sha256: fileDigest(bytes), ...(version !== undefined ? { version } : {}) };
}

/** A line for a case's notes naming a package. */
export function describePackage(pkg: FirmwarePackage): string {
  return `${pkg.kind} package ${pkg.file.split(/[\\/]/).pop()} (${pkg.bytes.length} bytes, SHA-256 ${pkg.sha256.slice(0, 16)}…${pkg.version ? `, version ${pkg.version}` : ''})`;
}
