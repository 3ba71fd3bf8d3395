// What one worker process tells the fleet when it stops: counts, timings as mergeable
// histograms, and its memory. Times of day are epoch milliseconds, so reports from workers and
// shards on other hosts (with synchronised clocks) can be laid on one time line.
import { emptyHistogram, type Histogram } from './histogram.ts';

export interface UpdateCounts {
  sent: number;
  acknowledged: number;
  /** Acknowledged before the registration's lifetime ran out (counted from the last 2.01 or 2.04). */
  onTime: number;
  /** Acknowledged, but only after the lifetime had run out: the server may have dropped the device. */
  late: number;
  /** No answer through every retransmission, or an error code; the device registers afresh. */
  failed: number;
  /** Register sent again after a 4.04 or a failed Update. */
  reRegistrations: number;
  /** Updates sent again after ACK_TIMEOUT (a lost datagram, or a server slow to answer). */
  retransmissions: number;
}

export interface WorkerMemory {
  pid: number;
  devices: number;
  /** Heap in use after a full collection, before any device existed. */
  heapBaselineBytes: number;
  /** Heap in use after a full collection once every device had registered (or given up), idle. */
  heapIdleBytes: number;
  /** (idle − baseline) / devices, the typed arrays' buffers included (V8 keeps them off its heap). */
  heapPerDeviceBytes: number;
  /** Resident memory growth per device: the heap's share, the sockets' native state, allocator slack. */
  rssPerDeviceBytes: number;
  rssBytes: number;
  /** False when the worker ran without --expose-gc: the heap figures then include garbage. */
  collected: boolean;
}

export interface WorkerReport {
  first: number;
  devices: number;
  startedAt: number;
  /** When the last device that registered got its first 2.01; null when none did. */
  lastRegisteredAt: number | null;
  endedAt: number;
  /** Devices that got a 2.01 at least once. */
  registered: number;
  /** Devices registered when the run ended (before any De-register). */
  registeredAtEnd: number;
  /** Devices whose first Register went unanswered through every retransmission. */
  gaveUp: number;
  /** Devices whose Register was answered with something other than 2.01 (or RST). */
  refused: number;
  /** Registers sent again after ACK_TIMEOUT. */
  retransmissions: number;
  updates: UpdateCounts;
  deregistered: number;
  /** Requests the server sent to the devices (Read, Execute, …), each answered. */
  serverRequests: number;
  registerLatencyMs: Histogram;
  /** How long after its scheduled time each Update left (the scheduler's tick and load). */
  updateLatenessMs: Histogram;
  updateRoundTripMs: Histogram;
  memory: WorkerMemory;
  /** Errors other than a silent server (a source address that cannot be bound, …), first few. */
  errors: string[];
}

export function emptyUpdateCounts(): UpdateCounts {
  return { sent: 0, acknowledged: 0, onTime: 0, late: 0, failed: 0, reRegistrations: 0, retransmissions: 0 };
}

export function emptyTimings(): Pick<WorkerReport, 'registerLatencyMs' | 'updateLatenessMs' | 'updateRoundTripMs'> {
  return { registerLatencyMs: emptyHistogram(), updateLatenessMs: emptyHistogram(), updateRoundTripMs: emptyHistogram() };
}
