// Which DTLS implementation a client session runs on. The native addon (mbedTLS) does PSK and
// certificates; without it, PSK sessions run on the JavaScript client (node-dtls-client), so a
// machine without a compiler can still test a coaps:// server. LWM2M_DTLS_CLIENT=native or js
// forces one (tests make the two stacks check each other); certificates always need the addon.
import { DtlsClientTransport } from './client.ts';
import type { DtlsClientOptions } from './client.ts';
import { JsDtlsClientTransport } from './js-client.ts';
import { dtlsUnavailableReason } from './native.ts';
import type { PeerAddress } from '../transport/udp.ts';

export type DtlsClientStack = 'native' | 'js';

/** The environment variable that forces a stack. */
export const clientStackVariable = 'LWM2M_DTLS_CLIENT';

/** A DTLS client session, on either stack. */
export type DtlsClient = DtlsClientTransport | JsDtlsClientTransport;

export interface StackChoice {
  stack: DtlsClientStack;
  /** Why, in a few words, for check-profile and logs. */
  why: string;
}

function forced(env: NodeJS.ProcessEnv): DtlsClientStack | undefined {
  const value = env[clientStackVariable]?.trim().toLowerCase();
  if (!value || value === 'auto') return undefined;
  if (value === 'native' || value === 'js') return value;
  throw new Error(`${clientStackVariable} must be native, js or auto, not "${env[clientStackVariable]}"`);
}

/** The stack a client with these credentials gets on this machine. */
export function chooseClientStack(mode: 'psk' | 'x509', options: { stack?: DtlsClientStack; env?: NodeJS.ProcessEnv } = {}): StackChoice {
  const wanted = options.stack ?? forced(options.env ?? process.env);
  if (wanted) return { stack: wanted, why: options.stack ? 'chosen by the caller' : `forced by ${clientStackVariable}` };
  const missing = dtlsUnavailableReason();
  if (!missing) return { stack: 'native', why: 'the native addon is built' };
  // The addon's own error (naming the package to install) is the better answer for certificates.
  if (mode === 'x509') return { stack: 'native', why: 'certificates need the native addon' };
  return { stack: 'js', why: 'the native addon is not built: PSK runs on the JavaScript client' };
}

export interface ClientStackOptions {
  /** Forces a stack; default: LWM2M_DTLS_CLIENT, else the addon when it loads. */
  stack?: DtlsClientStack;
}

/** Binds a socket and completes a handshake on the chosen stack (errors as DtlsClientTransport.connect). */
export function connectDtlsClient(peer: PeerAddress, opts: DtlsClientOptions & ClientStackOptions): Promise<DtlsClient> {
  const { stack, ...rest } = opts;
  const choice = chooseClientStack(opts.certificate ? 'x509' : 'psk', stack ? { stack } : {});
  return choice.stack === 'js' ? JsDtlsClientTransport.connect(peer, rest) : DtlsClientTransport.connect(peer, rest);
}
