// The `serve` command's DTLS flags: PSK identities with their keys read from files (never from
// the command line), and the server's certificate. With any of them the server listens on
// coaps:// instead of coap://.
import type { ServerSecurityOptions } from '../peers/server/server-security.ts';
import { readFlagFile, readPskKeyFile } from './device-security.ts';
import { UsageError } from '../errors.ts';

export const serveSecurityFlags = {
  'psk-identity': { type: 'string' },
  'psk-key-file': { type: 'string' },
  'psk-endpoint': { type: 'string' },
  cert: { type: 'string' },
  key: { type: 'string' },
  ca: { type: 'string' },
} as const;

export interface ServeSecurityValues {
  'psk-identity'?: string;
  'psk-key-file'?: string;
  'psk-endpoint'?: string;
  cert?: string;
  key?: string;
  ca?: string;
}

/** The server's DTLS options, or undefined for plain CoAP; UsageError on a bad combination. */
export function serveSecurityOf(values: ServeSecurityValues): ServerSecurityOptions | undefined {
  const psk = values['psk-identity'] !== undefined || values['psk-key-file'] !== undefined || values['psk-endpoint'] !== undefined;
  const cert = values.cert !== undefined || values.key !== undefined || values.ca !== undefined;
  if (!psk && !cert) return undefined;
  const options: ServerSecurityOptions = {};
  if (psk) {
    if (values['psk-identity'] === undefined || values['psk-key-file'] === undefined) throw new UsageError('serve: PSK needs both --psk-identity ID and --psk-key-file FILE');
    options.psk = [{ identity: values['psk-identity'], key: readPskKeyFile(values['psk-key-file'], 'serve'), ...(values['psk-endpoint'] ? { endpoint: values['psk-endpoint'] } : {}) }];
  }
  if (cert) {
    if (values.cert === undefined || values.key === undefined) throw new UsageError('serve: a certificate needs --cert FILE and --key FILE');
    options.certificate = {
      cert: readFlagFile('cert', values.cert, 'serve'),
      key: readFlagFile('key', values.key, 'serve'),
      ...(values.ca !== undefined ? { ca: readFlagFile('ca', values.ca, 'serve') } : {}),
    };
  }
  return options;
}
