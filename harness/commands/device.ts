// `lwm2m-conformance device`: the reference LwM2M client as its own process. It reads commands
// on stdin (`reboot`, `factory-reset`, `send`, `set`, `vary`, `update`, `disable`, `bootstrap`,
// `fw-low-storage`, `fw-low-ram`, `fw-fail-install`, `quit`) so that a harness can drive
// it, and logs to stderr. The firmware conditions (`fw-low-storage on`…) stand for what a real
// device meets but cannot be told on demand.
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { ReferenceClient, defaultSendPaths, parseServerUri } from '../peers/device/reference-client.ts';
import { isFirmwareCondition } from '../peers/device/firmware-update.ts';
import { clientFaults, isClientFault, type ClientFault } from '../peers/device/faults.ts';
import { type CommandIO } from './io.ts';
import { ExitCode, UsageError } from '../errors.ts';
import { deviceSecurityFlags, deviceSecurityOf } from './device-security.ts';
import { helpText } from './help/command-help.ts';
import { deviceHelp } from './help/device.ts';
import { parseServerLocation } from '../peers/device/client-security.ts';
import { socketOpenError } from './listen-failure.ts';

/** The flags device parses; each is documented in help/device.ts. */
export const deviceOptions = {
  server: { type: 'string' },
  bootstrap: { type: 'string' },
  'hold-off': { type: 'string' },
  'bootstrap-pack': { type: 'boolean' },
  'coap-ack-timeout': { type: 'string' },
  'coap-max-retransmit': { type: 'string' },
  'server-instance': { type: 'string' },
  ssid: { type: 'string' },
  'security-instance': { type: 'string' },
  'fw-storage': { type: 'string' },
  endpoint: { type: 'string' },
  lifetime: { type: 'string' },
  lwm2m: { type: 'string' },
  'lwm2m-first': { type: 'string' },
  'update-fraction': { type: 'string' },
  'send-every': { type: 'string' },
  'send-paths': { type: 'string' },
  'vary-every': { type: 'string' },
  fault: { type: 'string', multiple: true },
  set: { type: 'string', multiple: true },
  'notify-own-changes-only': { type: 'boolean' },
  ...deviceSecurityFlags,
  help: { type: 'boolean', short: 'h' },
} as const;

export async function deviceCommand(args: string[], io: CommandIO): Promise<number> {
  const { values } = parseArgs({ args, options: deviceOptions, strict: true });
  if (values.help) {
    io.out(helpText(deviceHelp));
    return ExitCode.ok;
  }
  if (!values.server && !values.bootstrap) throw new UsageError('device: --server coap://HOST:PORT (or --bootstrap coap://HOST:PORT) is required');
  if (values.bootstrap) {
    try {
      parseServerUri(values.bootstrap);
    } catch (error) {
      throw new UsageError(`device: --bootstrap: ${(error as Error).message}`);
    }
  }
  const holdOffS = values['hold-off'] === undefined ? 0 : Number(values['hold-off']);
  if (!(holdOffS >= 0)) throw new UsageError(`device: --hold-off must be a number of seconds, got "${values['hold-off']}"`);
  if (values['bootstrap-pack'] && !values.bootstrap) throw new UsageError('device: --bootstrap-pack needs --bootstrap coap://HOST:PORT');
  const ackTimeoutS = values['coap-ack-timeout'] === undefined ? undefined : Number(values['coap-ack-timeout']);
  if (ackTimeoutS !== undefined && !(ackTimeoutS > 0)) throw new UsageError(`device: --coap-ack-timeout must be a positive number of seconds, got "${values['coap-ack-timeout']}"`);
  const maxRetransmit = values['coap-max-retransmit'] === undefined ? undefined : Number(values['coap-max-retransmit']);
  if (maxRetransmit !== undefined && !(Number.isInteger(maxRetransmit) && maxRetransmit >= 0)) throw new UsageError(`device: --coap-max-retransmit must be a whole number, got "${values['coap-max-retransmit']}"`);
  if (!values.endpoint) throw new UsageError('device: --endpoint NAME is required');
  try {
    if (values.server) parseServerUri(values.server);
  } catch (error) {
    throw new UsageError(`device: --server: ${(error as Error).message}`);
  }
  const lifetimeS = values.lifetime === undefined ? 86400 : Number(values.lifetime);
  if (!Number.isInteger(lifetimeS) || lifetimeS <= 0) throw new UsageError(`device: --lifetime must be a positive whole number of seconds, got "${values.lifetime}"`);
  const version = values.lwm2m ?? '1.1';
  if (version !== '1.0' && version !== '1.1' && version !== '1.2') throw new UsageError(`device: --lwm2m must be 1.0, 1.1 or 1.2, got "${version}"`);
  const firstVersion = values['lwm2m-first'];
  if (firstVersion !== undefined && !((firstVersion === '1.1' || firstVersion === '1.2') && firstVersion > version)) {
    throw new UsageError(`device: --lwm2m-first must be a version later than --lwm2m ${version} (1.1 or 1.2), got "${firstVersion}"`);
  }
  if (values['bootstrap-pack'] && version !== '1.2') throw new UsageError('device: --bootstrap-pack needs --lwm2m 1.2 (the Bootstrap-Pack-Request came with LwM2M 1.2)');
  const updateFraction = values['update-fraction'] === undefined ? 0.5 : Number(values['update-fraction']);
  if (!(updateFraction > 0 && updateFraction < 1)) throw new UsageError(`device: --update-fraction must be between 0 and 1, got "${values['update-fraction']}"`);
  const positive = (flag: string): number | undefined => {
    const text = values[flag as 'send-every' | 'vary-every'];
    if (text === undefined) return undefined;
    const n = Number(text);
    if (!(n > 0)) throw new UsageError(`device: --${flag} must be a positive number of seconds, got "${text}"`);
    return n;
  };
  const sendEverySeconds = positive('send-every');
  const varyEverySeconds = positive('vary-every');
  const whole = (flag: 'server-instance' | 'ssid' | 'security-instance', min: number): number | undefined => {
    const text = values[flag];
    if (text === undefined) return undefined;
    const n = Number(text);
    if (!(Number.isInteger(n) && n >= min && n <= 65534)) throw new UsageError(`device: --${flag} must be a whole number from ${min} to 65534, got "${text}"`);
    return n;
  };
  const serverInstance = whole('server-instance', 0);
  const ssid = whole('ssid', 1);
  const securityInstance = whole('security-instance', 0);
  const account = {
    ...(serverInstance !== undefined ? { serverInstance } : {}),
    ...(ssid !== undefined ? { ssid } : {}),
    ...(securityInstance !== undefined ? { securityInstance } : {}),
  };
  const firmwareStorageBytes = values['fw-storage'] === undefined ? undefined : Number(values['fw-storage']);
  if (firmwareStorageBytes !== undefined && !(Number.isInteger(firmwareStorageBytes) && firmwareStorageBytes > 0)) {
    throw new UsageError(`device: --fw-storage must be a positive whole number of bytes, got "${values['fw-storage']}"`);
  }
  const sendPaths = values['send-paths']?.split(',').filter(Boolean) ?? defaultSendPaths(serverInstance);
  const security = deviceSecurityOf(values, parseServerLocation(values.server ?? values.bootstrap!).secure);
  const faults: ClientFault[] = [];
  for (const name of values.fault ?? []) {
    if (!isClientFault(name)) throw new UsageError(`device: unknown --fault "${name}"; known: ${Object.keys(clientFaults).join(', ')}`);
    faults.push(name);
  }

  const presetValues: Record<string, string> = {};
  for (const assignment of values.set ?? []) {
    const match = /^(\/\d+\/\d+\/\d+(?:\/\d+)?)=(.*)$/.exec(assignment);
    if (!match) throw new UsageError(`device: --set must be PATH=VALUE with a resource path, got "${assignment}"`);
    presetValues[match[1]!] = match[2]!;
  }

  const client = await ReferenceClient.create({
    ...(values.server ? { serverUri: values.server } : {}),
    ...(values.bootstrap ? { bootstrapUri: values.bootstrap, holdOffS } : {}),
    ...(values['bootstrap-pack'] ? { bootstrapPack: true } : {}),
    ...(ackTimeoutS !== undefined || maxRetransmit !== undefined
      ? { params: { ...(ackTimeoutS !== undefined ? { ackTimeoutMs: ackTimeoutS * 1000 } : {}), ...(maxRetransmit !== undefined ? { maxRetransmit } : {}) } }
      : {}),
    ...(security ? { security } : {}),
    endpoint: values.endpoint,
    account,
    lifetimeS,
    version,
    ...(firstVersion !== undefined ? { firstVersion } : {}),
    updateFraction,
    faults,
    sendPaths,
    ...(Object.keys(presetValues).length ? { presetValues } : {}),
    ...(values['notify-own-changes-only'] ? { notifyOwnChangesOnly: true } : {}),
    ...(sendEverySeconds ? { sendEverySeconds } : {}),
    ...(varyEverySeconds ? { varyEverySeconds } : {}),
    ...(firmwareStorageBytes !== undefined ? { firmwareStorageBytes } : {}),
    log: (line) => io.err(`device ${values.endpoint}: ${line}`),
  }).catch((error: unknown) => {
    throw socketOpenError('device', 'its UDP socket', error);
  });
  client.start();

  return new Promise<number>((resolve) => {
    let finished = false;
    const finish = async (code: number) => {
      if (finished) return;
      finished = true;
      lines.close();
      await client.stop();
      resolve(code);
    };
    const lines = createInterface({ input: process.stdin });
    lines.on('line', (line) => {
      const [command = '', ...rest] = line.trim().split(/\s+/);
      const say = (text: string) => io.err(`device ${values.endpoint}: ${text}`);
      if (command === 'reboot') client.reboot();
      else if (command === 'factory-reset') client.factoryReset();
      else if (command === 'quit') void finish(ExitCode.ok);
      else if (command === 'send') void client.sender.send(rest.length > 0 ? rest : sendPaths);
      else if (command === 'vary') client.sensors.tick();
      else if (command === 'update') client.triggerUpdate();
      else if (command === 'disable') client.disable();
      else if (command === 'bootstrap') client.triggerBootstrap();
      else if (isFirmwareCondition(command) && rest.length === 1 && (rest[0] === 'on' || rest[0] === 'off')) {
        client.firmware.setCondition(command, rest[0] === 'on');
        say(`ok ${command} ${rest[0]}`);
      } else if (command === 'set' && rest.length === 2) {
        const problem = client.sensors.set(rest[0]!, rest[1]!);
        if (problem) say(`set: ${problem}`);
      } else if (command !== '') say(`unknown command "${line.trim()}" (reboot, factory-reset, send, set PATH VALUE, vary, update, disable, bootstrap, fw-low-storage|fw-low-ram|fw-fail-install on|off, quit)`);
    });
    process.once('SIGTERM', () => void finish(ExitCode.ok));
    process.once('SIGINT', () => void finish(ExitCode.ok));
  });
}
