// Runs a driver: writes its line to the target's stdin (and, when it expects an answer, waits for
// it on the target's output and captures values from it), runs its shell command, sends its HTTP
// request, or asks a person at the terminal; a list of steps runs in order. Payloads the case
// gives as LwM2M nodes become {payload} in the driver's declared format. Its output (the
// answer to a stdin line, the command's stdout, the HTTP body, the person's typed answer) is
// returned for drivers that report state. A restart driver stops and starts the launched target. Failures are LaunchErrors (the case's verdict is
// `error`), never a target's fail.
import { exec } from 'node:child_process';
import { createInterface } from 'node:readline/promises';
import { promisify } from 'node:util';
import type { Driver, DriverExpect, DriverName } from './driver-spec.ts';
import { expandPlaceholders, type PlaceholderValues } from './placeholders.ts';
import { defaultPayloadFormat, renderPayload, type DriverPayload } from './driver-payload.ts';
import { LaunchError, type OutputLine } from './process-launcher.ts';

const execAsync = promisify(exec);

export interface DriverContext {
  name: DriverName;
  profileFile: string;
  placeholders: PlaceholderValues;
  /** Payloads the case gave as LwM2M nodes, rendered per driver (or step) in its payloadFormat. */
  payloads?: Readonly<Record<string, DriverPayload>>;
  /** Writes a line to the launched process, when there is one. */
  writeLine?: (line: string) => void;
  /** The launched process's output lines since a monotonic time (performance.now() scale). */
  output?: (sinceMs: number) => readonly OutputLine[];
  /** Stops the launched process or container and starts it again (a restart driver). */
  restart?: () => Promise<void>;
  /** Keeps values an expect captured, as placeholders for later drivers. */
  capture?: (values: Record<string, string>) => void;
  /** Whether a person can answer a prompt (stdin and stdout are terminals). */
  interactive?: boolean;
}

export async function runDriver(driver: Driver, given: DriverContext, field = ''): Promise<string> {
  const ctx = driver.kind === 'steps' ? given : withPayloads(driver, given);
  const expand = (text: string, sub: string) =>
    expandPlaceholders(text, ctx.placeholders, { file: ctx.profileFile, field: `drivers.${ctx.name}${field}.${sub}` });
  switch (driver.kind) {
    case 'steps': {
      // Each step sees what the earlier ones captured; the last step's output is the driver's.
      let placeholders = ctx.placeholders;
      let output = '';
      for (const [i, step] of driver.steps.entries()) {
        const captured: Record<string, string> = {};
        output = await runDriver(step, { ...ctx, placeholders, capture: (values) => { Object.assign(captured, values); ctx.capture?.(values); } }, `${field}.${i}`);
        placeholders = { ...placeholders, ...captured };
      }
      return output;
    }
    case 'stdin': {
      if (!ctx.writeLine) throw new LaunchError(`the "${ctx.name}" driver writes to stdin, but no process was launched`);
      const line = expand(driver.line, 'stdin');
      const writtenAt = performance.now();
      ctx.writeLine(line);
      return driver.expect ? awaitAnswer(driver.expect, line, writtenAt, ctx, field) : '';
    }
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
    case 'restart':
      if (!ctx.restart) throw new LaunchError(`the "${ctx.name}" driver restarts the target, but no process or container was launched`);
      await ctx.restart();
      return '';
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

/** The context with the case's payloads rendered as placeholders in the driver's payloadFormat. */
function withPayloads(driver: Driver, ctx: DriverContext): DriverContext {
  if (!ctx.payloads) return ctx;
  const format = driver.payloadFormat ?? defaultPayloadFormat;
  const rendered: Record<string, string> = {};
  for (const [name, payload] of Object.entries(ctx.payloads)) {
    try {
      Object.assign(rendered, renderPayload(name, payload, format));
    } catch (error) {
      throw new LaunchError(`the "${ctx.name}" driver takes {${name}} as ${format}, which cannot carry the case's ${payload.path} payload: ${(error as Error).message}`);
    }
  }
  return { ...ctx, placeholders: { ...ctx.placeholders, ...rendered } };
}

/** Escapes a value for use inside a regular expression. */
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * Waits until the output printed since the line was written matches the pattern; returns that
 * output up to the end of the matching line, and hands the named groups to `capture`.
 */
async function awaitAnswer(expect: DriverExpect, line: string, writtenAt: number, ctx: DriverContext, field: string): Promise<string> {
  if (!ctx.output) throw new LaunchError(`the "${ctx.name}" driver expects an answer, but the target's output is not available`);
  // Only {name} placeholders are filled, each matching its value literally: a quantifier like {2} stays.
  const source = expect.pattern.replace(/\{([a-zA-Z][a-zA-Z0-9_.-]*)\}/g, (whole) =>
    literal(expandPlaceholders(whole, ctx.placeholders, { file: ctx.profileFile, field: `drivers.${ctx.name}${field}.expect` })),
  );
  const pattern = new RegExp(source, 'm');
  const deadline = writtenAt + expect.timeoutS * 1000;
  for (;;) {
    const text = ctx.output(writtenAt).map((l) => l.text).join('\n');
    const match = pattern.exec(text);
    if (match) {
      const groups = Object.entries(match.groups ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined);
      ctx.capture?.(Object.fromEntries(groups.map(([name, value]) => [expect.capture ? `${expect.capture}.${name}` : name, value])));
      const end = text.indexOf('\n', match.index + match[0].length);
      return end < 0 ? text : text.slice(0, end);
    }
    const left = deadline - performance.now();
    if (left <= 0) {
      const seen = text ? `; it printed: ${text.split('\n').slice(-3).join(' | ').slice(0, 300)}` : '; it printed nothing';
      throw new LaunchError(`the "${ctx.name}" driver wrote "${line}" but the target printed nothing matching /${expect.pattern}/ within ${expect.timeoutS} s${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(20, left)));
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
