// A fleet worker: a process of its own, because the descriptor limit is per process and every
// device holds a socket. It runs one DeviceGroup as the parent's 'start' says, reports progress,
// measures its memory once the group is settled (after a full collection when run with
// --expose-gc), and on 'stop' sends its report and exits.
import { DeviceGroup } from './devices.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

const gc = (globalThis as { gc?: () => void }).gc;

/** JS heap and typed-array buffers in use (after a full collection when possible), and resident memory. */
function memory(): { heap: number; rss: number } {
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return { heap: m.heapUsed + m.arrayBuffers, rss: m.rss };
}

/** Resolves once the message is handed to the channel, so a disconnect after it loses nothing. */
const send = (message: FromWorker) => new Promise<void>((resolve) => (process.send ? process.send(message, undefined, {}, () => resolve()) : resolve()));

let group: DeviceGroup | undefined;

process.on('message', (message: ToWorker) => {
  void (async () => {
    if (message.type === 'start' && !group) {
      const before = memory();
      group = new DeviceGroup(message.group);
      const progress = setInterval(() => void send({ type: 'progress', registered: group!.report.registered, settled: group!.report.registered + group!.report.gaveUp + group!.report.refused }), 1000);
      await group.start();
      clearInterval(progress);
      const after = memory();
      const n = Math.max(1, message.group.count);
      const m = group.report.memory;
      Object.assign(m, {
        heapBaselineBytes: before.heap,
        heapIdleBytes: after.heap,
        heapPerDeviceBytes: Math.round((after.heap - before.heap) / n),
        rssPerDeviceBytes: Math.round((after.rss - before.rss) / n),
        rssBytes: after.rss,
        collected: gc !== undefined,
      });
      await send({ type: 'settled', registered: group.report.registered, memory: m });
    } else if (message.type === 'stop' && group) {
      const report = await group.stop(message.deregister);
      await send({ type: 'report', report });
      process.disconnect?.();
    }
  })().catch(async (error: unknown) => {
    process.exitCode = 2;
    await send({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.disconnect?.();
  });
});

// The parent gone, the fleet is over: the sockets close with the process.
process.on('disconnect', () => setImmediate(() => process.exit()));
