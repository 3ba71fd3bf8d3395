// Where each traced datagram appears in trace.pcapng. Wireshark dissects UDP as CoAP only on
// port 5683 (it has no CoAP heuristic for UDP), and the harness usually listens on a free port,
// so the harness side of each exchange is shown on 5683; the real addresses go into a packet
// comment. Datagrams of a DTLS session are traced decrypted: they are CoAP and shown as such.
// Encrypted records (traced only where the impairment layer acted on them) are shown on 5684,
// where the DTLS dissector reads them.
import type { TraceEntry } from '../run/result.ts';
import { parseEndpoint, type Endpoint } from './ip-packet.ts';

export const coapPort = 5683;
export const dtlsPort = 5684;

export interface CapturedEnds {
  from: Endpoint;
  to: Endpoint;
  /** The harness's real port, when the capture shows another. */
  movedFrom?: number;
  /** The port the harness side is shown on. */
  shownPort: number;
}

/** The ends a datagram is shown between: the target's as they were, the harness's on the port its dissector needs. */
export function capturedEnds(entry: TraceEntry): CapturedEnds {
  const from = parseEndpoint(entry.from);
  const to = parseEndpoint(entry.to);
  const wanted = entry.wire ? dtlsPort : coapPort;
  const harness = entry.direction === 'out' ? from : to;
  // A target already on the wanted port is dissected as it is (a server under test on 5683).
  if (from.port === wanted || to.port === wanted) return { from, to, shownPort: harness.port };
  const moved = { ...harness, port: wanted };
  return entry.direction === 'out'
    ? { from: moved, to, movedFrom: harness.port, shownPort: wanted }
    : { from, to: moved, movedFrom: harness.port, shownPort: wanted };
}

/** Packet comments on how the datagram is shown: its real ends, and what DTLS did to it. */
export function presentationComments(entry: TraceEntry, ends: CapturedEnds): string[] {
  const comments: string[] = [];
  if (entry.security === 'dtls') {
    comments.push(entry.wire ? 'DTLS records as on the wire (encrypted)' : 'decrypted: CoAP carried in a DTLS session (on the wire it was DTLS application data)');
  }
  if (ends.movedFrom !== undefined) {
    comments.push(`real ends: ${entry.from} -> ${entry.to} (harness ${entry.endpoint} port ${ends.movedFrom} shown as ${ends.shownPort})`);
  }
  return comments;
}
