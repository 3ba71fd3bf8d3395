// The bearer token a server-testing session offers the server it launches and its drivers:
// `{http.token.file}`, a private temporary file holding it (for `serve --token-file`), and
// `{http.token}`, for a driver's header (`authorization: "Bearer {http.token}"`). A new one per
// run; it is a secret, masked wherever the target's command line, output and driver errors are kept.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newApiToken } from '../peers/server/api-access.ts';

export interface ManagementToken {
  placeholders: { 'http.token': string; 'http.token.file': string };
  /** The token, for masking. */
  secret: string;
  /** Removes the temporary file. */
  dispose(): void;
}

export function managementToken(): ManagementToken {
  const token = newApiToken();
  const dir = mkdtempSync(join(tmpdir(), 'lwm2m-http-token-'));
  const file = join(dir, 'token');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return {
    placeholders: { 'http.token': token, 'http.token.file': file },
    secret: token,
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
