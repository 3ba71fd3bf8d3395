// A profile file as it lies on disk: read only when it is a regular file no larger than a
// profile ever needs (the YAML parser holds hundreds of bytes per byte of input, so a large
// file would exhaust memory before any message could name it), and whether it is one of the
// project's own test fixtures, the only profiles that may hold secrets inline.
import { open, realpath } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { isAbsolute, relative } from 'node:path';
import { ConfigError } from './config-error.ts';

/** The largest profile read; real ones are a few kilobytes. */
export const maxProfileBytes = 1024 * 1024;

const fixturesDir = fileURLToPath(new URL('../../fixtures/', import.meta.url));

/** The file's text; a missing, unreadable, non-regular or oversized file is a ConfigError. */
export async function readProfileText(file: string): Promise<string> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new ConfigError({ file }, cannotRead(error));
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new ConfigError({ file }, 'not a regular file');
    if (stat.size > maxProfileBytes) throw new ConfigError({ file }, tooLarge(stat.size));
    // Read at most one byte beyond the limit: a file that grows after the check is still refused.
    const buffer = Buffer.alloc(maxProfileBytes + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxProfileBytes) throw new ConfigError({ file }, tooLarge(length));
    return buffer.subarray(0, length).toString('utf8');
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError({ file }, cannotRead(error));
  } finally {
    await handle.close();
  }
}

/** Whether the file lies under the project's fixtures/ directory (symbolic links followed). */
export async function isFixtureFile(file: string): Promise<boolean> {
  try {
    const inside = relative(await realpath(fixturesDir), await realpath(file));
    return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside);
  } catch {
    return false;
  }
}

function tooLarge(size: number): string {
  return `the file is larger than 1 MiB (${size} bytes), the most a profile may have; it was not parsed`;
}

function cannotRead(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such file' : `cannot read the profile (${code ?? String(error)})`;
}
