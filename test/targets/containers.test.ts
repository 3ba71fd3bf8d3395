// Container targets: without a runtime the harness says so at once; with one, a container
// starts and stops (that test runs only where a runtime exists).
import { describe, expect, it } from 'vitest';
import { containerRuntimeProblem, startContainer } from '../../harness/targets/container-launcher.ts';
import { LaunchError } from '../../harness/targets/process-launcher.ts';

const problem = await containerRuntimeProblem();

describe.skipIf(problem === undefined)('without a container runtime (this machine)', () => {
  it('names the runtimes looked for, in well under a second', async () => {
    const started = performance.now();
    const again = await containerRuntimeProblem();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(again).toMatch(/^no container runtime is reachable: looked for Docker or Podman/);
  });

  it('a container launch fails fast with a launch error', async () => {
    const started = performance.now();
    await expect(startContainer({ kind: 'container', image: 'alpine:3', command: [], env: {}, ports: [], restart: 'never' }, [])).rejects.toThrow(LaunchError);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe.skipIf(problem !== undefined)(`with a container runtime${problem ? ` (skipped: ${problem})` : ''}`, () => {
  it('starts a container, captures its output and stops it', async () => {
    const target = await startContainer({ kind: 'container', image: 'alpine:3', command: [], env: {}, ports: [], restart: 'never' }, ['sh', '-c', 'echo hello; sleep 30']);
    try {
      expect(target.lines()).toBeDefined();
    } finally {
      await target.stop();
    }
  }, 120_000);
});
