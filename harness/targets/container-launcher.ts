// Starts a target in a container through testcontainers. Without a reachable container
// runtime it says so at once, naming what was looked for, instead of waiting on timeouts.
import { LaunchError, type OutputLine } from './process-launcher.ts';
import type { ContainerLaunch } from './launch-spec.ts';

export interface StartedContainerTarget {
  /** Host port mapped to each published container port. */
  mappedPorts: Map<number, number>;
  lines(sinceMs?: number): OutputLine[];
  stop(): Promise<void>;
}

const runtimesLookedFor = 'Docker or Podman (DOCKER_HOST, the testcontainers configuration, /var/run/docker.sock, $XDG_RUNTIME_DIR/podman/podman.sock)';

/** Why no container can be started here, or undefined when a runtime answers. */
export async function containerRuntimeProblem(): Promise<string | undefined> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return undefined;
  } catch (error) {
    return `no container runtime is reachable: looked for ${runtimesLookedFor} (${(error as Error).message})`;
  }
}

/** `onLine`: each line of the container's log as it arrives. */
export async function startContainer(launch: ContainerLaunch, command: string[], onLine?: (line: OutputLine) => void): Promise<StartedContainerTarget> {
  const problem = await containerRuntimeProblem();
  if (problem) throw new LaunchError(problem);
  const { GenericContainer } = await import('testcontainers');
  const output: OutputLine[] = [];
  let container = new GenericContainer(launch.image)
    .withEnvironment(launch.env)
    .withExposedPorts(...launch.ports.map((port) => ({ container: port, protocol: 'udp' as const })) as never[])
    .withLogConsumer((stream) => {
      stream.on('data', (chunk: Buffer | string) => {
        for (const text of String(chunk).split('\n').filter(Boolean)) {
          const line: OutputLine = { atMs: performance.now(), stream: 'stdout', text };
          output.push(line);
          onLine?.(line);
        }
      });
    });
  if (command.length > 0) container = container.withCommand(command);
  try {
    const started = await container.start();
    const mappedPorts = new Map(launch.ports.map((p) => [p, started.getMappedPort(p)]));
    return {
      mappedPorts,
      lines: (sinceMs = 0) => output.filter((l) => l.atMs >= sinceMs),
      stop: async () => {
        await started.stop({ timeout: 2000 });
      },
    };
  } catch (error) {
    throw new LaunchError(`could not start container ${launch.image}: ${(error as Error).message}`);
  }
}
