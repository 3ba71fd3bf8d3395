// A socket a command could not open (a port in use, an address not on this host) as one line
// naming what and where: an EnvironmentError (exit code 2) rather than a stack trace. Errors
// that are not such failures pass through unchanged, to be reported as the harness's own.
import { EnvironmentError } from '../errors.ts';

const reasons: Record<string, string> = {
  EADDRINUSE: 'in use',
  EADDRNOTAVAIL: 'not an address of this host',
  EACCES: 'not permitted (ports below 1024 need privileges)',
  EPERM: 'not permitted',
  EAFNOSUPPORT: 'an address family this host does not support',
  ENOTFOUND: 'an unknown host name',
  EAI_AGAIN: 'a host name that could not be resolved now',
};

/** The reason a socket could not be opened, or undefined when the error is something else. */
export function socketFailure(error: unknown): { code: string; reason: string } | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string' || !(code in reasons)) return undefined;
  return { code, reason: reasons[code]! };
}

const hostPort = (address: string, port: number) => `${address.includes(':') ? `[${address}]` : address}:${port}`;

/** `serve: UDP port 5683 on 127.0.0.1 is in use (EADDRINUSE)`, for a CoAP socket. */
export function udpListenError(command: string, address: string, port: number, error: unknown): unknown {
  const failure = socketFailure(error);
  if (!failure) return error;
  const place = `UDP port ${port} on ${address}`;
  return new EnvironmentError(failure.code === 'EADDRINUSE' ? `${command}: ${place} is in use (EADDRINUSE)` : `${command}: cannot listen on ${place}: ${failure.reason} (${failure.code})`);
}

/** `serve: cannot listen for the management API on 127.0.0.1:8080: in use (EADDRINUSE)`. */
export function tcpListenError(command: string, what: string, address: string, port: number, error: unknown): unknown {
  const failure = socketFailure(error);
  if (!failure) return error;
  return new EnvironmentError(`${command}: cannot listen for ${what} on ${hostPort(address, port)}: ${failure.reason} (${failure.code})`);
}

/** `device: cannot open its UDP socket: not permitted (EPERM)`, where no address or port was chosen. */
export function socketOpenError(command: string, what: string, error: unknown): unknown {
  const failure = socketFailure(error);
  if (!failure) return error;
  return new EnvironmentError(`${command}: cannot open ${what}: ${failure.reason} (${failure.code})`);
}
