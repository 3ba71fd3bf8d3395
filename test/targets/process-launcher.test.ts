// The process launcher with real processes: output captured, the whole tree stopped, restarts,
// and a target that ends early reported as an error with its output.
import { describe, expect, it } from 'vitest';
import { LaunchError, LaunchedProcess } from '../../harness/targets/process-launcher.ts';
import { TargetControl } from '../../harness/targets/target-control.ts';
import { until } from '../../harness/peers/wait.ts';
import { runCases } from '../../harness/run/run-cases.ts';
import { registrationCases } from '../../suites/client/registration/index.ts';
import { referenceDeviceProfile } from '../support/reference-profile.ts';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('process launcher', () => {
  it('captures stdout and stderr lines and takes stdin lines', async () => {
    const p = await LaunchedProcess.start(process.execPath, ['-e', `
      console.log('ready'); console.error('on stderr');
      process.stdin.on('data', (d) => console.log('got ' + String(d).trim()));
    `], {});
    try {
      expect(await until(() => p.lines().some((l) => l.text === 'ready'), { within: 5000 })).toBe(true);
      p.writeLine('ping');
      expect(await until(() => p.lines().find((l) => l.text === 'got ping'), { within: 5000 })).toMatchObject({ stream: 'stdout' });
      expect(p.lines().find((l) => l.text === 'on stderr')?.stream).toBe('stderr');
    } finally {
      await p.stop();
    }
    expect(p.running).toBe(false);
  });

  it('shows a secret placeholder value ({psk.key.hex}) as * in its command line and kept output', async () => {
    const key = '000102030405060708090a0b0c0d0e0f';
    const p = await LaunchedProcess.start(process.execPath, ['-e', 'console.log("key " + process.argv[1])', key], { secrets: [key] });
    try {
      expect(await until(() => p.lines().some((l) => l.text.startsWith('key ')), { within: 5000 })).toBe(true);
      expect(p.lines().map((l) => l.text)).toContain('key *');
      expect(p.commandLine).not.toContain(key);
    } finally {
      await p.stop();
    }
  });

  it('stops the whole process tree, grandchildren included', async () => {
    const p = await LaunchedProcess.start(process.execPath, ['-e', `
      const { spawn } = require('node:child_process');
      const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
      console.log('child ' + child.pid);
      setInterval(() => {}, 1000);
    `], {});
    const line = await until(() => p.lines().find((l) => l.text.startsWith('child ')), { within: 5000 });
    const grandchild = Number(line!.text.split(' ')[1]);
    expect(alive(grandchild)).toBe(true);
    await p.stop();
    expect(await until(() => !alive(grandchild), { within: 5000 })).toBe(true);
  });

  it('kills a process that ignores SIGTERM after the grace period', async () => {
    const p = await LaunchedProcess.start(process.execPath, ['-e', `process.on('SIGTERM', () => {}); console.log('up'); setInterval(() => {}, 1000);`], {});
    await until(() => p.lines().some((l) => l.text === 'up'), { within: 5000 });
    await p.stop(300);
    expect(p.running).toBe(false);
    expect(p.exitDescription).toBe('signal SIGKILL');
  });

  it('a program that does not exist is a launch error naming it', async () => {
    await expect(LaunchedProcess.start('/nonexistent/lwm2m-client', [], {})).rejects.toThrow(LaunchError);
    await expect(LaunchedProcess.start('/nonexistent/lwm2m-client', [], {})).rejects.toThrow(/could not start the target "\/nonexistent\/lwm2m-client"/);
  });

  it('restarts a process target as its reset when it has no reboot driver', async () => {
    const profile = { ...referenceDeviceProfile(), drivers: {} };
    if (profile.launch.kind !== 'process') throw new Error('process profile expected');
    const control = new TargetControl({ ...profile, launch: { ...profile.launch, command: process.execPath, args: ['-e', 'console.log(process.pid); setInterval(() => {}, 1000)'] } }, {});
    await control.start();
    try {
      const first = await until(() => control.output().at(-1)?.text, { within: 5000 });
      expect(control.resetMethod).toBe('restart');
      await control.reset();
      const second = await until(() => control.output().find((l) => l.text !== first)?.text, { within: 5000 });
      expect(second).toBeDefined();
      expect(alive(Number(first))).toBe(false);
    } finally {
      await control.stop();
    }
  });
});

describe('a launched target that ends early', () => {
  it('gives error (not fail) with its output in the result', async () => {
    const profile = referenceDeviceProfile();
    if (profile.launch.kind !== 'process') throw new Error('process profile expected');
    const broken = { ...profile, launch: { ...profile.launch, command: process.execPath, args: ['-e', 'console.error("cannot open config file /etc/client.conf"); process.exit(4)'] } };
    const [result] = await runCases([registrationCases[0]!], broken);
    expect(result!.verdict).toBe('error');
    expect(result!.reason).toContain('the target process ended (exit code 4) before it registered');
    expect(result!.reason).toContain('cannot open config file /etc/client.conf');
  }, 40_000);
});
