// Puts node-dtls-client on the harness's own UDP socket. The library creates its socket with
// dgram.createSocket() inside its constructor; for that one synchronous call, createSocket
// hands it a dgram-like object whose sends and receives go through a DatagramTransport, so the
// JavaScript client binds where the harness binds, sits above the impairment layer, and every
// record it sends or receives passes the harness first.
import dgram from 'node:dgram';
import { EventEmitter } from 'node:events';
import { syncBuiltinESMExports } from 'node:module';
import type { dtls } from 'node-dtls-client';
import type { PeerAddress } from '../transport/udp.ts';

/** What the library's record layer does with its socket, and no more. */
export class LibraryFacingSocket extends EventEmitter {
  private closed = false;

  constructor(
    private readonly local: PeerAddress,
    /** Records the library sends, to the peer it was given. */
    private readonly sendRecords: (datagram: Buffer) => void,
  ) {
    super();
  }

  /** The real socket is bound already: tell the library so, as dgram would, asynchronously. */
  bind(): this {
    setImmediate(() => this.emit('listening'));
    return this;
  }

  address(): { address: string; port: number; family: string } {
    return { ...this.local, family: this.local.address.includes(':') ? 'IPv6' : 'IPv4' };
  }

  send(buffer: Buffer, offset: number, length: number, _port: number, _address: string, callback?: (err: Error | null, bytes: number) => void): void {
    if (this.closed) {
      callback?.(new Error('DTLS socket closed'), 0);
      return;
    }
    this.sendRecords(Buffer.from(buffer.subarray(offset, offset + length)));
    callback?.(null, length);
  }

  /** A datagram from the peer, for the library. */
  deliver(datagram: Buffer, from: PeerAddress): void {
    if (this.closed) return;
    this.emit('message', datagram, { address: from.address, port: from.port, family: from.address.includes(':') ? 'IPv6' : 'IPv4', size: datagram.length });
  }

  /** The library is done with the socket; the harness closes the real one itself. */
  close(callback?: () => void): void {
    if (this.closed) return;
    this.closed = true;
    setImmediate(() => {
      this.emit('close');
      callback?.();
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }
}

/** The library, loaded on the first PSK session on it: a run or a device without DTLS never needs it. */
export async function loadLibrary(): Promise<typeof dtls> {
  return (await import('node-dtls-client')).dtls;
}

/** Creates the library's DTLS socket over `socket` (the handshake starts once it sees 'listening'). */
export function createLibrarySocket(library: typeof dtls, options: dtls.Options, socket: LibraryFacingSocket): dtls.Socket {
  const original = dgram.createSocket;
  // node:module's syncBuiltinESMExports makes the library's `import * as dgram` see the swap.
  dgram.createSocket = (() => socket) as unknown as typeof dgram.createSocket;
  syncBuiltinESMExports();
  try {
    return library.createSocket(options);
  } finally {
    dgram.createSocket = original;
    syncBuiltinESMExports();
  }
}
