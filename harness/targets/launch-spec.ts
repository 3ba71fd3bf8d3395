// How a target is started, as a profile declares it: already running (external), a local
// process, or a container.
import { dirname, resolve } from 'node:path';
import { ConfigError, type ConfigLocation } from './config-error.ts';
import type { Schema } from './schema.ts';

export interface ExternalLaunch {
  kind: 'external';
}

export interface ProcessLaunch {
  kind: 'process';
  /** Program to run; placeholders allowed (see README). */
  command: string;
  args: string[];
  cwd?: string;
  env?: Record<string, string>;
  /** `per-case`: a fresh process for every case; `never`: one process for the run. */
  restart: 'never' | 'per-case';
  /** Seconds to wait between stopping the process and starting it again. */
  startDelayS?: number;
}

export interface ContainerLaunch {
  kind: 'container';
  image: string;
  /** Command and arguments; placeholders allowed. */
  command: string[];
  env: Record<string, string>;
  /** Container UDP ports to publish, e.g. 5683. */
  ports: number[];
  restart: 'never' | 'per-case';
  /** Seconds to wait between stopping the container and starting it again. */
  startDelayS?: number;
}

export type Launch = ExternalLaunch | ProcessLaunch | ContainerLaunch;

const fieldsOf: Record<Launch['kind'], readonly string[]> = {
  external: [],
  process: ['command', 'args', 'cwd', 'env', 'restart', 'startDelay'],
  container: ['image', 'command', 'env', 'ports', 'restart', 'startDelay'],
};

export const launchSchema: Schema = {
  kind: 'object',
  fields: {
    kind: { schema: { kind: 'string', enum: ['external', 'process', 'container'] }, required: true, description: 'external, process or container' },
    command: {
      schema: { kind: 'oneOf', options: [{ kind: 'string' }, { kind: 'array', items: { kind: 'string' } }], describe: 'a program (process) or a list (container)' },
      description: 'program to run (process); command and arguments as a list (container)',
    },
    args: { schema: { kind: 'array', items: { kind: 'string' } }, description: 'arguments (process)' },
    cwd: { schema: { kind: 'string' }, description: 'working directory (process)' },
    env: { schema: { kind: 'map', values: { kind: 'string' } }, description: 'extra environment (process, container)' },
    image: { schema: { kind: 'string' }, description: 'container image (container)' },
    ports: { schema: { kind: 'array', items: { kind: 'number', integer: true, min: 1, max: 65535 } }, description: 'UDP ports to publish (container)' },
    restart: { schema: { kind: 'string', enum: ['never', 'per-case'] }, description: 'restart policy (process, container)' },
    startDelay: { schema: { kind: 'number', min: 0 }, description: 'seconds between stopping the target and starting it again, for a device that must not restart at once (process, container)' },
  },
};

export function toLaunch(raw: Record<string, unknown> | undefined, profileFile: string, at: (field: string) => ConfigLocation): Launch {
  if (raw === undefined) return { kind: 'external' };
  const kind = raw.kind as Launch['kind'];
  for (const key of Object.keys(raw)) {
    if (key !== 'kind' && !fieldsOf[kind].includes(key)) {
      throw new ConfigError(at(`launch.${key}`), `${kind === 'external' ? 'an' : 'a'} ${kind} launch does not take "${key}"${kind === 'external' ? '' : ` (it takes ${fieldsOf[kind].join(', ')})`}`);
    }
  }
  const restart = (raw.restart as 'never' | 'per-case' | undefined) ?? 'never';
  const startDelay = raw.startDelay === undefined ? {} : { startDelayS: raw.startDelay as number };
  if (kind === 'process') {
    if (typeof raw.command !== 'string') throw new ConfigError(at('launch'), 'a process launch needs "command"');
    return {
      kind,
      command: raw.command,
      args: (raw.args as string[] | undefined) ?? [],
      ...(raw.cwd ? { cwd: resolve(dirname(profileFile), raw.cwd as string) } : {}),
      ...(raw.env ? { env: raw.env as Record<string, string> } : {}),
      restart,
      ...startDelay,
    };
  }
  if (kind === 'container') {
    if (typeof raw.image !== 'string') throw new ConfigError(at('launch'), 'a container launch needs "image"');
    if (raw.command !== undefined && typeof raw.command === 'string') {
      throw new ConfigError(at('launch.command'), 'a container command is a list, e.g. [my-client, --server, "{server.uri}"]');
    }
    return { kind, image: raw.image, command: (raw.command as string[] | undefined) ?? [], env: (raw.env as Record<string, string> | undefined) ?? {}, ports: (raw.ports as number[] | undefined) ?? [], restart, ...startDelay };
  }
  return { kind: 'external' };
}
