// Runs a driver: writes its line to the target's stdin, runs its shell command, sends its HTTP
// request, or asks a person at the terminal. Its output (the command's stdout, the HTTP body,
// the person's typed answer) is returned for drivers that report state. Failures are
// LaunchErrors (the case's verdict is `error`), never a target's fail.
import { exec } from 'node:child_process';
import { createInterface } from 'node:readline/promises';
import { promisify } from 'node:util';
import type { Driver, DriverName } from './driver-spec.ts';
import { expandPlaceholders, type PlaceholderValues } from './placeholders.ts';
import { LaunchError } from './process-launcher.ts';

const execAsync = promisify(exec);

export interface DriverContext {
  name: DriverName;
  profileFile: string;
  placeholders: PlaceholderValues;
  /** Writes a line to the launched process, when there is one. */
  writeLine?: (line: string) => void;
  /** Whether a person can answer a prompt (stdin and stdout are terminals). */
  interactive?: boolean;
}

export async function runDriver(driver: Driver, ctx: DriverContext): Promise<string> {
  const expand = (text: string, field: string) =>
    expandPlaceholders(text, ctx.placeholders, { file: ctx.profileFile, field: `drivers.${ctx.name}.${field}` });
  switch (driver.kind) {
    case 'stdin':
      if (!ctx.writeLine) throw new LaunchError(`the "${ctx.name}" driver writes to stdin, but no process was launched`);
      ctx.writeLine(expand(driver.line, 'stdin'));
      return '';
    case 'shell':
      try {
        const { stdout } = await execAsync(expand(driver.command, 'shell'), { timeout: driver.timeoutS * 1000, killSignal: 'SIGKILL' });
        return stdout;
      } catch (error) {
        const e = error as { code?: number; killed?: boolean; stderr?: string; message: string };
        const why = e.killed ? `did not finish within ${driver.timeoutS} s` : `exited with ${e.code ?? 'an error'}: ${(e.stderr || e.message).trim().split('\n')[0]}`;
        throw new LaunchError(`the "${ctx.name}" driver's command ${why}`);
      }
    case 'http':
      return runHttp(driver, ctx.name, expand);
    case 'prompt': {
      const interactive = ctx.interactive ?? (process.stdin.isTTY === true && process.stdout.isTTY === true);
      if (!interactive) {
        throw new LaunchError(`the "${ctx.name}" driver asks a person ("${driver.message}"), but no terminal is attached; give it a stdin, shell or http form for unattended runs`);
      }
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      try {
        return await rl.question(`\n>>> ${expand(driver.message, 'prompt')} — press Enter when done `);
      } finally {
        rl.close();
      }
    }
  }
}

async function runHttp(driver: Extract<Driver, { kind: 'http' }>, name: string, expand: (text: string, field: string) => string): Promise<string> {
  const url = expand(driver.url, 'http.url');
  let response: Response;
  try {
    response = await fetch(url, {
      method: driver.method,
      headers: Object.fromEntries(Object.entries(driver.headers).map(([k, v]) => [k, expand(v, `http.headers.${k}`)])),
      ...(driver.body !== undefined ? { body: expand(driver.body, 'http.body') } : {}),
      signal: AbortSignal.timeout(driver.timeoutS * 1000),
    });
  } catch (error) {
    const { cause } = error as { cause?: { code?: string; message?: string } };
    const why = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new LaunchError(`the "${name}" driver's ${driver.method} ${url} failed: ${why}`);
  }
  const body = await response.text().catch(() => '');
  if (!driver.expectStatus.includes(response.status)) {
    throw new LaunchError(`the "${name}" driver's ${driver.method} ${url} answered ${response.status}, expected ${driver.expectStatus.join(' or ')}${body ? `: ${body.slice(0, 200)}` : ''}`);
  }
  return body;
}
