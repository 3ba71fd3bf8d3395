// The end of what the target printed during a case, bounded in lines and bytes, so that a
// chatty target cannot swell results.json and index.html; the whole output goes to
// target-output.log instead.
import type { OutputLine } from '../targets/process-launcher.ts';

export interface OutputBound {
  readonly lines: number;
  readonly bytes: number;
}

export const defaultOutputBound: OutputBound = { lines: 50, bytes: 8 * 1024 };

/** The last lines within the bound, and how many earlier ones were left out. */
export function outputTail(output: readonly OutputLine[], bound: OutputBound = defaultOutputBound): { lines: OutputLine[]; omitted: number } {
  const kept: OutputLine[] = [];
  let bytes = 0;
  for (let i = output.length - 1; i >= 0 && kept.length < bound.lines; i--) {
    const line = output[i]!;
    const size = Buffer.byteLength(line.text);
    if (bytes + size > bound.bytes) {
      // One line longer than the whole bound still shows its beginning rather than nothing.
      if (kept.length === 0) kept.push({ ...line, text: `${Buffer.from(line.text).subarray(0, bound.bytes).toString().replace(/\uFFFD$/, '')}… (${size - bound.bytes} more bytes)` });
      break;
    }
    bytes += size;
    kept.push(line);
  }
  return { lines: kept.reverse(), omitted: output.length - kept.length };
}
