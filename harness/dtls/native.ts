// Loads the DTLS addon (native/dtls.c, built by node-gyp at install) and describes its surface.
// Without it, DTLS use fails with DtlsUnavailableError naming the system package to install.
import { createRequire } from 'node:module';
import { DtlsUnavailableError } from './errors.ts';

/** Opaque handles owned by the addon. */
export type NativeConfig = { readonly __brand: 'DtlsNativeConfig' };
export type NativeSession = { readonly __brand: 'DtlsNativeSession' };

export interface NativeConfigOptions {
  endpoint: 'client' | 'server';
  /** mbedTLS spellings, e.g. 'TLS-PSK-WITH-AES-128-CCM-8'. */
  ciphersuites?: string[];
  pskIdentity?: Buffer;
  pskKey?: Buffer;
  pskLookup?: (identity: Buffer) => Buffer | undefined;
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  authMode?: 'none' | 'optional' | 'required';
  handshakeTimeoutMinMs?: number;
  handshakeTimeoutMaxMs?: number;
}

export interface NativeSessionOptions {
  /** Server: the client's address, bound into HelloVerifyRequest cookies. */
  transportId?: Buffer;
  /** Client: the name the server certificate must carry (CN or SAN). */
  hostname?: string;
  mtu?: number;
}

export type NativeState = 'handshaking' | 'open' | 'closed' | 'failed';

export interface NativeError {
  /** mbedTLS error code (negative). */
  code: number;
  text: string;
  alertReceived?: number;
  verifyFlags?: number;
  verifyText?: string;
  pskLookupThrew?: boolean;
}

export interface NativeResult {
  state: NativeState;
  /** Datagrams to send to the peer, in order. */
  out: Buffer[];
  /** Decrypted application datagrams (pump only). */
  data?: Buffer[];
  /** Call pump() again after this many ms; -1: no timer running. */
  timerMs: number;
  helloVerifySent?: boolean;
  reconnected?: boolean;
  error?: NativeError;
}

export interface NativeInfo {
  state: NativeState;
  cipherSuite?: string;
  version?: string;
  pskIdentity?: Buffer;
  peerCertificate?: { subject?: string; issuer?: string; der: Buffer };
  verifyFlags?: number;
}

export interface DtlsNative {
  mbedtlsVersion: string;
  createConfig(options: NativeConfigOptions): NativeConfig;
  createSession(config: NativeConfig, options: NativeSessionOptions): NativeSession;
  feed(session: NativeSession, datagram: Buffer): void;
  pump(session: NativeSession): NativeResult;
  write(session: NativeSession, plaintext: Buffer): NativeResult;
  closeNotify(session: NativeSession): NativeResult;
  info(session: NativeSession): NativeInfo;
  release(session: NativeSession): void;
}

const addonPath = '../../build/Release/dtls.node';
let loaded: DtlsNative | undefined;
let loadError: string | undefined;

function tryLoad(): void {
  if (loaded || loadError) return;
  try {
    loaded = createRequire(import.meta.url)(addonPath) as DtlsNative;
  } catch (err) {
    loadError = err instanceof Error ? err.message.split('\n')[0] : String(err);
  }
}

/** The addon, or throws DtlsUnavailableError. */
export function dtlsNative(): DtlsNative {
  tryLoad();
  if (!loaded) throw new DtlsUnavailableError(loadError ?? 'unknown');
  return loaded;
}

/** Why DTLS is unavailable, or undefined when the addon loads (for skip reasons). */
export function dtlsUnavailableReason(): string | undefined {
  tryLoad();
  return loaded ? undefined : new DtlsUnavailableError(loadError ?? 'unknown').message;
}
