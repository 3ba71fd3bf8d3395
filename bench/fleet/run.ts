// A fleet against `serve`: starts the reference server in a child process of its own
// (`serve --port 0`), runs a fleet of --devices against it (harness/fleet), and prints the
// fleet's summary and the server's resident memory when the fleet settled and at the end.
// Usage: node --import tsx bench/fleet/run.ts [--devices N] [--lifetime S] [--duration S]
//          [--window N] [--workers N] [--out FILE]
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runFleet } from '../../harness/fleet/fleet.ts';
import { summaryLines } from '../../harness/fleet/summary.ts';

const root = resolve(import.meta.dirname, '..', '..');
const { values } = parseArgs({
  options: {
    devices: { type: 'string', default: '10000' },
    lifetime: { type: 'string', default: '120' },
    duration: { type: 'string', default: '75' },
    window: { type: 'string', default: '128' },
    workers: { type: 'string' },
    out: { type: 'string' },
  },
});

const rssMb = (pid: number) => Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) / 1024;

const server = spawn(process.execPath, [resolve(root, 'bin', 'lwm2m-conformance.js'), 'serve', '--port', '0', '--http-port', '0'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
const port = await new Promise<number>((done, fail) => {
  let seen = '';
  server.stderr!.on('data', (chunk: Buffer) => {
    seen += chunk.toString();
    const m = seen.match(/LwM2M server on coap:\/\/[^:]+:(\d+)/);
    if (m) done(Number(m[1]));
  });
  server.once('exit', (code) => fail(new Error(`serve exited (${code}):\n${seen}`)));
});

try {
  let settledRss = 0;
  const summary = await runFleet({
    server: { address: '127.0.0.1', port },
    devices: Number(values.devices),
    lifetimeS: Number(values.lifetime),
    durationS: Number(values.duration),
    window: Number(values.window),
    ...(values.workers ? { workers: Number(values.workers) } : {}),
    onProgress: (line) => {
      if (line.startsWith('settled')) settledRss = rssMb(server.pid!);
      console.error(line);
    },
  });
  console.log(summaryLines(summary).join('\n'));
  console.log(`server resident memory: ${settledRss.toFixed(0)} MB when the fleet settled, ${rssMb(server.pid!).toFixed(0)} MB at the end`);
  console.log(`workers: ${summary.memory.workers.map((w) => `${w.devices} devices, heap ${w.heapPerDeviceBytes} B/device, rss ${(w.rssBytes / 2 ** 20).toFixed(0)} MB`).join('; ')}`);
  if (values.out) writeFileSync(values.out, `${JSON.stringify(summary, null, 2)}\n`);
} finally {
  server.kill('SIGTERM');
}
