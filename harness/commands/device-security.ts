// The `device` command's DTLS flags: a PSK identity with the key read from a file (never from
// the command line, so it shows in no process list or log), or certificate files. Turns them
// into the reference device's security options.
import { readFileSync } from 'node:fs';
import type { DeviceSecurity } from '../peers/device/client-security.ts';
import { UsageError } from '../errors.ts';

export const deviceSecurityFlags = {
  'psk-identity': { type: 'string' },
  'psk-key-file': { type: 'string' },
  cert: { type: 'string' },
  key: { type: 'string' },
  ca: { type: 'string' },
  'server-name': { type: 'string' },
} as const;

export interface SecurityFlagValues {
  'psk-identity'?: string;
  'psk-key-file'?: string;
  cert?: string;
  key?: string;
  ca?: string;
  'server-name'?: string;
}

/** A file a flag names (a key, a certificate), or a UsageError naming the command, flag and file. */
export function readFlagFile(flag: string, file: string, command = 'device'): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${command}: --${flag}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** A PSK key file's content as bytes; the message names the file, never its content. */
export function readPskKeyFile(file: string, command = 'device'): Buffer {
  const hex = readFlagFile('psk-key-file', file, command).trim();
  if (!/^([0-9a-fA-F]{2})+$/.test(hex)) throw new UsageError(`${command}: --psk-key-file: ${file} does not hold a key in hex`);
  return Buffer.from(hex, 'hex');
}

/** The security options for a coaps:// server, or undefined for coap://; UsageError on a bad combination. */
export function deviceSecurityOf(values: SecurityFlagValues, secure: boolean): DeviceSecurity | undefined {
  const psk = values['psk-identity'] !== undefined || values['psk-key-file'] !== undefined;
  const cert = values.cert !== undefined || values.key !== undefined || values.ca !== undefined;
  if (!secure) {
    if (psk || cert) throw new UsageError('device: DTLS credentials need a coaps:// --server');
    return undefined;
  }
  if (psk === cert) throw new UsageError('device: a coaps:// server needs either --psk-identity and --psk-key-file, or --cert, --key and --ca');
  const serverName = values['server-name'] !== undefined ? { serverName: values['server-name'] } : {};
  if (psk) {
    if (values['psk-identity'] === undefined || values['psk-key-file'] === undefined) {
      throw new UsageError('device: PSK mode needs both --psk-identity ID and --psk-key-file FILE');
    }
    return { psk: { identity: values['psk-identity'], key: readPskKeyFile(values['psk-key-file']) }, ...serverName };
  }
  if (values.cert === undefined || values.key === undefined || values.ca === undefined) {
    throw new UsageError('device: certificate mode needs --cert FILE, --key FILE and --ca FILE');
  }
  return {
    certificate: {
      cert: readFlagFile('cert', values.cert),
      key: readFlagFile('key', values.key),
      ca: readFlagFile('ca', values.ca),
    },
    ...serverName,
  };
}
