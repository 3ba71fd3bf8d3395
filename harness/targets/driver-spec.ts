// Drivers as a profile declares them: how the harness makes the target act on cue. Kinds: a
// line on the launched process's stdin (optionally waiting for an answer on its output and
// capturing values from it), a shell command, an HTTP request, a prompt to a person at a
// terminal, or a restart of the launched target; or a list of such steps, run in order. Each may declare the format it takes payloads in.
import type { ConfigLocation } from './config-error.ts';
import { ConfigError } from './config-error.ts';
import type { Schema } from './schema.ts';
import { defaultPayloadFormat, payloadFormats, type PayloadFormat } from './payload-formats.ts';

/** Device drivers, then drivers that make a server under test send a request. */
export const driverNames = [
  'reboot',
  'factory-reset',
  'trigger-update',
  'trigger-send',
  'trigger-bootstrap',
  'disable',
  // Makes the device change {path} to {value} itself (a device that notifies only its own changes).
  'change-value',
  // Firmware conditions a device cannot be told over LwM2M, switched {state} on or off:
  // storage too small for a package, working memory giving out, an install that fails.
  'fw-low-storage',
  'fw-low-ram',
  'fw-fail-install',
  'read',
  'write',
  'execute',
  'observe',
  'cancel-observe',
  'create',
  'delete',
  'write-attributes',
  'discover',
  // Not an action: prints the server's record of an endpoint's registration (its object list).
  'registration',
] as const;
export type DriverName = (typeof driverNames)[number];

/** After a stdin line: a pattern the process prints within a timeout, and where its named groups go. */
export interface DriverExpect {
  /** JavaScript regular expression (multiline); {placeholders} in it match their values literally. */
  pattern: string;
  timeoutS: number;
  /** Named groups become placeholders {capture.group} for later drivers; without it, {group}. */
  capture?: string;
}

export type Driver = (
  | { kind: 'stdin'; line: string; expect?: DriverExpect }
  | { kind: 'steps'; steps: Driver[] }
  | { kind: 'shell'; command: string; timeoutS: number }
  | { kind: 'http'; method: string; url: string; body?: string; headers: Record<string, string>; expectStatus: number[]; timeoutS: number }
  | { kind: 'prompt'; message: string }
  | { kind: 'restart' }
) & {
  /** The format a payload the case gives as LwM2M nodes is rendered in, as {payload}; default TLV (hex). */
  payloadFormat?: PayloadFormat;
};

const httpSchema: Schema = {
  kind: 'object',
  fields: {
    method: { schema: { kind: 'string', enum: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'] }, description: 'HTTP method' },
    url: { schema: { kind: 'string', pattern: /^https?:\/\//, patternText: 'an http:// or https:// URL' }, required: true, description: 'URL template' },
    body: { schema: { kind: 'string' }, description: 'body template' },
    headers: { schema: { kind: 'map', values: { kind: 'string' } }, description: 'request headers' },
    expectStatus: { schema: { kind: 'array', items: { kind: 'number', integer: true, min: 100, max: 599 } }, description: 'statuses that mean success' },
    timeout: { schema: { kind: 'number', min: 0.1 }, description: 'seconds' },
  },
};

export const driverSchema: Schema = {
  kind: 'object',
  fields: {
    stdin: { schema: { kind: 'string' }, description: 'line written to the launched process stdin' },
    expect: { schema: { kind: 'string' }, description: 'with stdin: a regular expression the process prints after the line (placeholders match literally)' },
    capture: {
      schema: { kind: 'string', pattern: /^[a-z][a-z0-9-]*$/, patternText: 'a lower-case name such as client' },
      description: 'with expect: its named groups become {NAME.group} placeholders for later drivers',
    },
    shell: { schema: { kind: 'string' }, description: 'shell command to run' },
    http: { schema: httpSchema, description: 'HTTP request to send' },
    prompt: { schema: { kind: 'string' }, description: 'instruction shown to a person at a terminal' },
    restart: { schema: { kind: 'boolean' }, description: 'true: stop and start the launched process or container instead (a device whose factory state is its start-up state)' },
    timeout: { schema: { kind: 'number', min: 0.1 }, description: 'seconds a shell command, or an expect, may take' },
    payloadFormat: {
      schema: { kind: 'string', enum: payloadFormats },
      description: `the format {payload} is rendered in (binary formats as hex; default ${defaultPayloadFormat})`,
    },
  },
};

const driverOrSteps: Schema = {
  kind: 'oneOf',
  options: [driverSchema, { kind: 'array', items: driverSchema }],
  describe: 'a driver (stdin, shell, http, prompt or restart) or a list of them, run in order',
  ref: 'driver',
};

export const driversSchema: Schema = {
  kind: 'object',
  fields: Object.fromEntries(driverNames.map((n) => [n, { schema: driverOrSteps, description: `${n} driver` }])),
};

/** Turns one validated driver entry into a Driver, checking that exactly one kind is given. */
export function toDriver(raw: Record<string, unknown> | Record<string, unknown>[], at: (field: string) => ConfigLocation, field: string, hasProcess: boolean, restartable = hasProcess): Driver {
  if (Array.isArray(raw)) {
    if (raw.length === 0) throw new ConfigError(at(field), 'a list of driver steps needs at least one step');
    return { kind: 'steps', steps: raw.map((step, i) => toDriver(step, at, `${field}.${i}`, hasProcess, restartable)) };
  }
  const kinds = ['stdin', 'shell', 'http', 'prompt', 'restart'].filter((k) => k in raw);
  if (kinds.length !== 1) throw new ConfigError(at(field), 'give exactly one of "stdin", "shell", "http", "prompt" or "restart"');
  if ('restart' in raw) {
    if (raw.restart !== true) throw new ConfigError(at(`${field}.restart`), '"restart" takes true (leave the driver out to not have one)');
    if (!restartable) throw new ConfigError(at(`${field}.restart`), 'a restart driver needs a process or container launch');
  }
  if ('timeout' in raw && !('shell' in raw) && !('expect' in raw)) throw new ConfigError(at(`${field}.timeout`), '"timeout" goes with "shell" or "expect" (an http driver has its own)');
  if ('expect' in raw && !('stdin' in raw)) throw new ConfigError(at(`${field}.expect`), '"expect" waits for an answer to a "stdin" line');
  if ('capture' in raw && !('expect' in raw)) throw new ConfigError(at(`${field}.capture`), '"capture" takes the named groups of "expect"');
  const format = raw.payloadFormat as PayloadFormat | undefined;
  if (format !== undefined) return { ...toDriver(Object.fromEntries(Object.entries(raw).filter(([k]) => k !== 'payloadFormat')), at, field, hasProcess), payloadFormat: format };
  if ('stdin' in raw) {
    if (!hasProcess) throw new ConfigError(at(`${field}.stdin`), 'a stdin driver needs a process launch');
    if (raw.expect === undefined) return { kind: 'stdin', line: raw.stdin as string };
    const pattern = raw.expect as string;
    try {
      new RegExp(pattern.replace(/\{[a-zA-Z][a-zA-Z0-9_.-]*\}/g, 'x'), 'm');
    } catch (error) {
      throw new ConfigError(at(`${field}.expect`), `not a regular expression: ${(error as Error).message}`);
    }
    const expect: DriverExpect = { pattern, timeoutS: (raw.timeout as number | undefined) ?? 10, ...(raw.capture !== undefined ? { capture: raw.capture as string } : {}) };
    return { kind: 'stdin', line: raw.stdin as string, expect };
  }
  if ('shell' in raw) return { kind: 'shell', command: raw.shell as string, timeoutS: (raw.timeout as number | undefined) ?? 30 };
  if ('prompt' in raw) return { kind: 'prompt', message: raw.prompt as string };
  if ('restart' in raw) return { kind: 'restart' };
  const http = raw.http as { method?: string; url: string; body?: string; headers?: Record<string, string>; expectStatus?: number[]; timeout?: number };
  return {
    kind: 'http',
    method: http.method ?? (http.body !== undefined ? 'POST' : 'GET'),
    url: http.url,
    ...(http.body !== undefined ? { body: http.body } : {}),
    headers: http.headers ?? {},
    expectStatus: http.expectStatus ?? [200, 201, 202, 204],
    timeoutS: http.timeout ?? 10,
  };
}
