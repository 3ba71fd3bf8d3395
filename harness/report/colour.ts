// Terminal colours for verdicts: only on a terminal and never when NO_COLOR is set
// (https://no-color.org), so CI logs and redirected output stay plain text.
import type { Verdict } from '../run/verdict.ts';

export type Paint = (verdict: Verdict, text: string) => string;

const codes: Record<Verdict, string> = {
  pass: '32', // green
  fail: '31', // red
  inconclusive: '33', // yellow
  error: '35', // magenta
  'not-applicable': '90', // grey
};

export function colourEnabled(isTTY: boolean | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY === true;
}

export const plain: Paint = (_verdict, text) => text;

export const ansi: Paint = (verdict, text) => `\x1b[${codes[verdict]}m${text}\x1b[0m`;

export function paintFor(enabled: boolean): Paint {
  return enabled ? ansi : plain;
}
