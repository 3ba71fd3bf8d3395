// The messages between the fleet (parent process) and its workers, over Node's IPC channel.
import type { DeviceGroupOptions } from './devices.ts';
import type { WorkerMemory, WorkerReport } from './report.ts';

export type ToWorker = { type: 'start'; group: DeviceGroupOptions } | { type: 'stop'; deregister: boolean };

export type FromWorker =
  | { type: 'progress'; registered: number; settled: number }
  /** Every device registered or gave up; the memory was measured then, idle. */
  | { type: 'settled'; registered: number; memory: WorkerMemory }
  | { type: 'report'; report: WorkerReport }
  | { type: 'failed'; error: string };
