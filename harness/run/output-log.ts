// target-output.log: everything the launched target printed during a run, each line with its
// time and stream, and a line naming each case as it starts, so that the bounded tails in the
// reports can be read in full. Written as the lines arrive; the file appears with the first line.
import { createWriteStream, type WriteStream } from 'node:fs';
import type { OutputLine } from '../targets/process-launcher.ts';

export class TargetOutputLog {
  private stream: WriteStream | undefined;
  /** The case running and its start line, written first should the file open during it. */
  private currentCase: string | undefined;

  constructor(readonly file: string) {}

  caseStarted(id: string): void {
    this.currentCase = `${new Date().toISOString()} ----- case ${id} starts\n`;
    this.stream?.write(this.currentCase);
  }

  line(line: OutputLine): void {
    if (!this.stream) {
      this.stream = createWriteStream(this.file);
      // A log that cannot be written must not end the run; the reports say what they can.
      this.stream.on('error', () => {});
      if (this.currentCase) this.stream.write(this.currentCase);
    }
    // OutputLine times are performance.now(): turned into wall-clock time for the reader.
    const at = new Date(performance.timeOrigin + line.atMs).toISOString();
    this.stream.write(`${at} ${line.stream.padEnd(6)} ${line.text}\n`);
  }

  async close(): Promise<void> {
    const stream = this.stream;
    this.stream = undefined;
    if (stream) await new Promise<void>((resolve) => stream.end(resolve));
  }
}
