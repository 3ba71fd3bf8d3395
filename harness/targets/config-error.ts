// A user's configuration is wrong: the message names the file, line, column and field, and the
// CLI exits with code 3. Never a stack trace.
import { UsageError } from '../errors.ts';

export interface ConfigLocation {
  file: string;
  line?: number;
  column?: number;
  /** Dotted field path, e.g. `timing.shortLifetime`. */
  field?: string;
}

export class ConfigError extends UsageError {
  constructor(
    readonly location: ConfigLocation,
    readonly problem: string,
  ) {
    const where = [location.file, location.line, location.column].filter((p) => p !== undefined).join(':');
    super(`${where}: ${location.field ? `${location.field}: ` : ''}${problem}`);
  }
}

/** Closest candidate by edit distance, for "did you mean" hints. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
