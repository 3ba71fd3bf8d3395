// The bearer token of `serve`'s management API and the file that holds it. Without --token-file
// each start makes a new token in a private temporary directory, removed when serve stops. With
// --token-file FILE, a FILE that already holds a token supplies it (so a script can fix the
// token before serve starts), else serve writes a new one there (mode 0600) and leaves it.
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiTokenPattern, newApiToken } from '../peers/server/api-access.ts';
import { UsageError } from '../errors.ts';

export interface ApiToken {
  token: string;
  file: string;
  /** Whether serve made the token (and so should show it), rather than reading it from the file. */
  generated: boolean;
  /** Removes a temporary token file. */
  dispose(): void;
}

const errno = (error: unknown) => (error as NodeJS.ErrnoException).code ?? 'error';

export function apiTokenOf(file: string | undefined): ApiToken {
  if (file === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'lwm2m-conformance-serve-'));
    const own = join(dir, 'api-token');
    const token = newApiToken();
    writeFileSync(own, `${token}\n`, { mode: 0o600 });
    return { token, file: own, generated: true, dispose: () => rmSync(dir, { recursive: true, force: true }) };
  }
  let existing: { token: string; mode: number } | undefined;
  try {
    existing = { token: readFileSync(file, 'utf8').trim(), mode: statSync(file).mode };
  } catch (error) {
    if (errno(error) !== 'ENOENT') throw new UsageError(`serve: --token-file: cannot read ${file} (${errno(error)})`);
  }
  if (existing?.token) {
    // Another user who can read the file could use the API: refuse rather than share the secret.
    if (process.platform !== 'win32' && (existing.mode & 0o077) !== 0) {
      throw new UsageError(`serve: --token-file ${file} may be read by other users; make it private (chmod 600)`);
    }
    if (!apiTokenPattern.test(existing.token)) throw new UsageError(`serve: --token-file ${file} must hold a token of at least 16 characters (letters, digits, -._~+/)`);
    return { token: existing.token, file, generated: false, dispose: () => undefined };
  }
  const token = newApiToken();
  try {
    writeFileSync(file, `${token}\n`, { mode: 0o600 });
    // An empty file that already existed keeps its mode on write.
    chmodSync(file, 0o600);
  } catch (error) {
    throw new UsageError(`serve: --token-file: cannot write ${file} (${errno(error)})`);
  }
  return { token, file, generated: true, dispose: () => undefined };
}
