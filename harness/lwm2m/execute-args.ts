// Execute arguments (Core §5.4.5, text/plain payload of an Execute): "0,1='value',2".
// Each argument is one digit, optionally with a single-quoted value.

import { fail, ok, type DecodeResult } from './decode-error.ts';

export interface ExecuteArgument {
  readonly digit: number;
  readonly value?: string;
}

const FORMAT = 'execute-args';

export function parseExecuteArguments(text: string): DecodeResult<ExecuteArgument[]> {
  if (typeof text !== 'string') return fail(FORMAT, 'arguments are not text');
  if (text === '') return ok([]);
  const out: ExecuteArgument[] = [];
  let i = 0;
  for (;;) {
    const c = text[i];
    if (c === undefined || !/[0-9]/.test(c)) return fail(FORMAT, 'expected an argument digit', { position: i });
    const digit = Number(c);
    i++;
    if (text[i] === '=') {
      if (text[i + 1] !== "'") return fail(FORMAT, "an argument value must be in single quotes", { position: i + 1 });
      const close = text.indexOf("'", i + 2);
      if (close < 0) return fail(FORMAT, 'unterminated argument value', { position: i + 1 });
      const value = text.slice(i + 2, close);
      if (/[^\x20-\x7e]/.test(value)) return fail(FORMAT, 'argument value has characters outside printable ASCII', { position: i + 2 });
      out.push({ digit, value });
      i = close + 1;
    } else {
      out.push({ digit });
    }
    if (out.filter((a) => a.digit === digit).length > 1) return fail(FORMAT, `argument ${digit} given twice`, { position: i - 1 });
    if (i === text.length) return ok(out);
    if (text[i] !== ',') return fail(FORMAT, "expected ',' between arguments", { position: i });
    i++;
  }
}

export function formatExecuteArguments(args: readonly ExecuteArgument[]): string {
  return args.map((a) => (a.value === undefined ? String(a.digit) : `${a.digit}='${a.value}'`)).join(',');
}
