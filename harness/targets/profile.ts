// The profile: what a target claims (features, version: the PICS) and how to reach, start and
// drive it (addresses, launch, drivers, timing: the PIXIT). Loaded from YAML with errors that
// name file, line, column and field.
import { dirname, resolve as resolvePath } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { ConfigError, type ConfigLocation } from './config-error.ts';
import { validate, type Schema } from './schema.ts';
import { checkSecretRef, securityModes, securitySchema, type TargetSecurity } from './credentials.ts';
import { driversSchema, toDriver, type DriverName } from './driver-spec.ts';
import { launchSchema, toLaunch, type Launch } from './launch-spec.ts';
import type { Driver } from './driver-spec.ts';
import { toJsonSchemaDocument } from './json-schema.ts';
import { isFixtureFile, readProfileText } from './profile-file.ts';
import { checkRelations } from './profile-relations.ts';
import { c1RegisterForm, type RegisterForm } from '../lwm2m/register-form.ts';
import { checkImpairSpec } from './impairment.ts';

export type { Launch, ProcessLaunch, ContainerLaunch, ExternalLaunch } from './launch-spec.ts';
export type { Driver, DriverName } from './driver-spec.ts';
export { driverNames } from './driver-spec.ts';

export interface Profile {
  /** Where the profile came from (for messages and reports). */
  file: string;
  name: string;
  target: {
    role: 'client' | 'server' | 'bootstrap-server';
    lwm2mVersion: '1.0' | '1.1' | '1.2';
    /** Endpoint client name the device registers with (client targets). */
    endpoint: string;
    /** Where the server under test listens, e.g. coap://127.0.0.1:5683 (server targets; placeholders allowed). */
    uri: string;
    /** How the harness and the target secure their exchanges; credentials by reference. */
    security: TargetSecurity;
    /** How a server under test shows it is up; unset: a CoAP ping (coap://) or a DTLS handshake (coaps://). */
    readiness?: Readiness;
    /** A device's server account as far as the profile states it; the rest is learned from the device. */
    server: { instance?: number; ssid?: number; securityInstance?: number };
  };
  /** How the simulated clients register with a server under test, unless a case asks for a particular form. */
  clients: ClientsConfig;
  features: {
    bindings: string[];
    /** Content formats the target reads and writes, by name (see featureFormats). */
    formats: string[];
    /** Objects the target implements, by id. */
    objects: number[];
    /** Optional resources the target implements, e.g. /1/0/4 (Disable). */
    resources: string[];
    /** Optional operations the target supports (see featureOperations). */
    operations: string[];
    queueMode: boolean;
    /** Bootstrap modes the target supports. */
    bootstrap: string[];
    /** Security modes the target supports. */
    security: string[];
    /** Firmware update delivery methods the target supports. */
    firmwareDelivery: string[];
    /** Protocols the device pulls packages over (its /5/0/8): coap, coaps, http, https, coap+tcp, coaps+tcp. */
    firmwareProtocols: string[];
    /** The largest package the device stores, bytes; a larger one must fail with Update Result 2 (int-773). */
    firmwareMaxBytes?: number;
    /** Profile IDs (LwM2M 1.2 `pid`) a server under test resolves, each to the object list it stands for. */
    profileIds: Record<string, string>;
    /** When the device Sends: on its own every timing.sendPeriod, or when its trigger-send driver tells it; unset: on-trigger with that driver, else not stated. */
    send?: 'periodic' | 'on-trigger';
    /** Which changes the device notifies: also a value a server wrote (the default), or only its own changes, made through the change-value driver. */
    notifyOn: 'server-write' | 'own-change';
  };
  harness: { address: string; port: number; bootstrapPort: number; impair?: string };
  timing: {
    startWithin: number;
    registerWithin: number;
    responseWithin: number;
    shortLifetime: number;
    tolerance: number;
    reactionWithin: number;
    caseDeadline: number;
    /** pmin and pmax (whole seconds) written where the ETS uses its own, longer periods. */
    pmin: number;
    pmax: number;
    /** How often the device sends on its own when periodic Send is configured (int-306, 307, 311). */
    sendPeriod: number;
    /** How long a server keeps a queue-mode client reachable after its last message (its MAX_TRANSMIT_WAIT). */
    queueAwake: number;
    /** Deadline for a firmware package to be downloaded and verified, or installed. */
    firmwareWithin: number;
    coap: { ackTimeout: number; maxRetransmit: number };
  };
  launch: Launch;
  drivers: Partial<Record<DriverName, Driver>>;
  /** Firmware packages for the Firmware Update cases, as files; absent kinds come from fixtures/firmware. */
  firmware: { images: Partial<Record<FirmwareImageKind, string>> };
}

/** The firmware packages the Firmware Update cases use, by what they are for. */
export const firmwareImageKinds = ['valid', 'validAlt', 'corrupted', 'unsupportedType', 'oversized'] as const;
export type FirmwareImageKind = (typeof firmwareImageKinds)[number];

/** Firmware protocols a device may claim (Object 5 resource 8: 0 CoAP … 5 CoAP over TLS). */
export const firmwareProtocols = ['coap', 'coaps', 'http', 'https', 'coap+tcp', 'coaps+tcp'] as const;

/**
 * How a server under test shows it is up: it answers a CoAP ping (`ping`), it answers a simulated
 * client's Register with any code (`register`), at once (`none`), or after `delay` seconds.
 */
export type Readiness = 'ping' | 'register' | 'none' | { delay: number };

/** How the simulated clients register (the `clients` section); C.1 where it is silent. */
export type ClientsConfig = RegisterForm;

/** The endpoint name of a bootstrap server under test that bootstraps any endpoint. */
export const anyEndpoint = '*';

/** Content-format names a profile may claim (the codecs' names). */
export const featureFormats = ['text', 'opaque', 'cbor', 'tlv', 'oma-json', 'senml-json', 'senml-cbor', 'lwm2m-cbor', 'link-format'] as const;

/** Optional operations a profile may claim; cases name them in `requires` as `operation:<name>`. */
export const featureOperations = [
  'create',
  'delete',
  'execute-arguments',
  'write-attributes',
  'discover-depth',
  'observe',
  'observe-composite',
  'read-composite',
  'write-composite',
  'send',
  'mute-send',
  // Registers with several LwM2M servers at once, each seeing only its own attributes (ETS C.14).
  'multi-server',
] as const;

/** A duration in seconds, at least `min`. */
const seconds = (min = 0): Schema => ({ kind: 'number', min });

/** An object instance number or Short Server ID (65535 is reserved), at least `min`. */
const instanceNumber = (min: number): Schema => ({ kind: 'number', integer: true, min, max: 65534 });

/** A UDP port; 0 for any free port. */
const udpPort: Schema = { kind: 'number', integer: true, min: 0, max: 65535 };


export const profileSchema: Schema = {
  kind: 'object',
  fields: {
    name: { schema: { kind: 'string' }, required: true, description: 'name shown in reports' },
    target: {
      required: true,
      description: 'what is under test',
      schema: {
        kind: 'object',
        fields: {
          role: { schema: { kind: 'string', enum: ['client', 'server', 'bootstrap-server'] }, required: true, description: 'kind of target' },
          lwm2mVersion: { schema: { kind: 'string', enum: ['1.0', '1.1', '1.2'] }, required: true, description: 'LwM2M version the target implements' },
          endpoint: { schema: { kind: 'string', pattern: /^\S+$/, patternText: 'an endpoint name without spaces' }, description: 'endpoint client name the device registers with' },
          uri: { schema: { kind: 'string', pattern: /^coaps?:\/\/\S+$/, patternText: 'a coap:// or coaps:// URI' }, description: 'where the server under test listens (server targets)' },
          security: { schema: securitySchema, description: 'security mode and credentials (by reference)' },
          readiness: {
            schema: {
              kind: 'oneOf',
              options: [
                { kind: 'string', enum: ['ping', 'register', 'none'] },
                { kind: 'object', fields: { delay: { schema: seconds(), required: true, description: 'seconds to wait before the first case' } } },
              ],
              describe: 'ping, register, none or { delay: S }',
            },
            description: 'how a server under test shows it is up (default: a CoAP ping; over coaps://, a DTLS handshake)',
          },
          server: {
            description: 'the device\'s server account on the harness\'s server, where the profile states it (else learned from the device)',
            schema: {
              kind: 'object',
              fields: {
                instance: { schema: instanceNumber(0), description: 'Server object instance (/1/x)' },
                ssid: { schema: instanceNumber(1), description: 'Short Server ID (/1/x/0)' },
                securityInstance: { schema: instanceNumber(0), description: 'Security object instance (/0/x) of the account' },
              },
            },
          },
        },
      },
    },
    clients: {
      description: 'how the simulated clients register with a server under test',
      schema: {
        kind: 'object',
        fields: {
          lwm2mVersion: { schema: { kind: 'string', pattern: /^\d+\.\d+$/, patternText: 'a version such as 1.1' }, description: 'the lwm2m= version of a Register' },
          binding: { schema: { kind: 'string', pattern: /^[UTSNMHQ]+$/, patternText: 'a binding such as U' }, description: 'the b= binding of a Register' },
          objects: { schema: { kind: 'string', pattern: /^<\/[^>]*>/, patternText: 'a link-format object list such as </1/0>,</3/0>' }, description: 'the object instances listed after the root link' },
          rootContentFormats: { schema: { kind: 'array', items: { kind: 'number', integer: true, min: 0, max: 65535 } }, description: 'the ct of the root link </>: content formats the clients use' },
          lifetime: { schema: { kind: 'number', integer: true, min: 1 }, description: 'the lt= lifetime of a Register, seconds' },
          queueMode: { schema: { kind: 'boolean' }, description: 'whether a Register asks for queue mode' },
        },
      },
    },
    features: {
      description: 'what the target claims to support',
      schema: {
        kind: 'object',
        fields: {
          bindings: { schema: { kind: 'array', items: { kind: 'string', enum: ['U', 'T', 'S', 'N', 'M', 'H'] } }, description: 'transport bindings' },
          formats: { schema: { kind: 'array', items: { kind: 'string', enum: featureFormats } }, description: 'content formats supported' },
          objects: { schema: { kind: 'array', items: { kind: 'number', integer: true, min: 0, max: 65534 } }, description: 'object ids implemented' },
          operations: { schema: { kind: 'array', items: { kind: 'string', enum: featureOperations } }, description: 'optional operations supported' },
          queueMode: { schema: { kind: 'boolean' }, description: 'queue mode supported' },
          bootstrap: { schema: { kind: 'array', items: { kind: 'string', enum: ['client-initiated', 'server-initiated', 'factory', 'smartcard', 'bootstrap-pack'] } }, description: 'bootstrap modes supported' },
          security: { schema: { kind: 'array', items: { kind: 'string', enum: securityModes } }, description: 'security modes supported' },
          firmwareDelivery: { schema: { kind: 'array', items: { kind: 'string', enum: ['push', 'pull'] } }, description: 'firmware update delivery methods' },
          firmwareProtocols: { schema: { kind: 'array', items: { kind: 'string', enum: firmwareProtocols } }, description: 'protocols the device pulls firmware packages over (its /5/0/8); default [coap] when it claims pull' },
          firmwareMaxBytes: { schema: { kind: 'number', integer: true, min: 1 }, description: 'the largest firmware package the device stores, bytes (int-773 pushes a larger one)' },
          send: { schema: { kind: 'string', enum: ['periodic', 'on-trigger'] }, description: 'when the device Sends: periodic (every timing.sendPeriod) or on-trigger (its trigger-send driver)' },
          notifyOn: { schema: { kind: 'string', enum: ['server-write', 'own-change'] }, description: 'which changes the device notifies: server-write (also a value a server wrote) or own-change (only its own, made by the change-value driver)' },
          resources: {
            schema: { kind: 'array', items: { kind: 'string', pattern: /^\/\d+\/\d+\/\d+$/, patternText: 'a resource path /o/i/r' } },
            description: 'optional resources implemented, e.g. /1/0/4',
          },
          profileIds: {
            schema: {
              kind: 'map',
              keys: /^\d+:[0-9a-fA-F]+$/,
              keysText: 'a Profile ID such as 6:27354b9a (hash suite : hash)',
              values: { kind: 'string', pattern: /^<\/[^>]*>/, patternText: 'a link-format object list such as </1/0>,</3/0>' },
            },
            description: 'Profile IDs (LwM2M 1.2 pid) the server under test knows, each with the object list it stands for',
          },
        },
      },
    },
    harness: {
      description: 'where the harness listens',
      schema: {
        kind: 'object',
        fields: {
          address: { schema: { kind: 'string' }, description: 'address to bind (127.0.0.1, ::1, 0.0.0.0)' },
          port: { schema: udpPort, description: 'UDP port of the LwM2M server, 0 for any free port' },
          bootstrapPort: { schema: udpPort, description: 'UDP port of the bootstrap server, 0 for any free port' },
          impair: { schema: { kind: 'string' }, description: 'network impairment between the harness and the target, e.g. "loss=5%,dup=1%,reorder=2%,delay=20-200ms" (--impair overrides it)' },
        },
      },
    },
    timing: {
      description: 'deadlines and protocol timers, in seconds',
      schema: {
        kind: 'object',
        fields: {
          startWithin: { schema: seconds(0.1), description: 'deadline for the first Register after a launched process starts' },
          registerWithin: { schema: seconds(0.1), description: 'deadline for a Register after a reset (reboot)' },
          responseWithin: { schema: seconds(0.1), description: 'deadline for a response to a harness request' },
          shortLifetime: { schema: { kind: 'number', integer: true, min: 1 }, description: 'lifetime used where the ETS uses 20 s' },
          tolerance: { schema: { kind: 'number', above: 0 }, description: 'allowed lateness of timed behaviour (above 0)' },
          reactionWithin: { schema: seconds(0.1), description: 'deadline for a reaction the ETS calls immediate' },
          caseDeadline: { schema: seconds(1), description: 'overall deadline of one case' },
          pmin: { schema: { kind: 'number', integer: true, min: 0 }, description: 'pmin written where the ETS uses its own (whole seconds)' },
          pmax: { schema: { kind: 'number', integer: true, min: 1 }, description: 'pmax written where the ETS uses its own (whole seconds, at least pmin)' },
          sendPeriod: { schema: seconds(0.1), description: 'period of the device\'s configured Send' },
          queueAwake: { schema: seconds(0.1), description: 'how long a server under test keeps a queue-mode client reachable after its last message' },
          firmwareWithin: { schema: seconds(0.1), description: 'deadline for a firmware package to be downloaded and verified, or installed' },
          coap: {
            description: 'CoAP transmission parameters of the harness',
            schema: {
              kind: 'object',
              fields: {
                ackTimeout: { schema: seconds(0.05), description: 'ACK_TIMEOUT' },
                maxRetransmit: { schema: { kind: 'number', integer: true, min: 0, max: 10 }, description: 'MAX_RETRANSMIT' },
              },
            },
          },
        },
      },
    },
    launch: { schema: launchSchema, description: 'how the target is started' },
    drivers: { schema: driversSchema, description: 'how the harness makes the target act' },
    firmware: {
      description: 'firmware packages for the Firmware Update cases, in the device\'s own format',
      schema: {
        kind: 'object',
        fields: {
          images: {
            description: 'package files (relative to the profile); absent ones are the project\'s fixtures/firmware images, which only the bundled device takes',
            schema: {
              kind: 'object',
              fields: {
                valid: { schema: { kind: 'string' }, description: 'a package the device installs' },
                validAlt: { schema: { kind: 'string' }, description: 'another valid package, of another version' },
                corrupted: { schema: { kind: 'string' }, description: 'a package whose integrity check fails (int-776)' },
                unsupportedType: { schema: { kind: 'string' }, description: 'a package of a type the device does not take (int-777)' },
                oversized: { schema: { kind: 'string' }, description: 'a package larger than features.firmwareMaxBytes (int-773)' },
              },
            },
          },
        },
      },
    },
  },
};

export const defaultTiming: Profile['timing'] = {
  startWithin: 30,
  registerWithin: 10,
  responseWithin: 5,
  shortLifetime: 20,
  tolerance: 1,
  reactionWithin: 5,
  caseDeadline: 300,
  pmin: 5,
  pmax: 15,
  sendPeriod: 30,
  queueAwake: 93,
  firmwareWithin: 60,
  coap: { ackTimeout: 2, maxRetransmit: 4 },
};

/** Where a field lies in the profile file, for messages about values checked after parsing. */
export type Locate = (field: string) => ConfigLocation;

/** A parsed profile and the way back from its fields to their lines. */
export interface LocatedProfile {
  profile: Profile;
  locate: Locate;
}

/** Parses and validates profile YAML; `file` is used in messages and to resolve relative paths. */
export function parseProfile(text: string, file: string): Profile {
  return parseLocatedProfile(text, file).profile;
}

/**
 * parseProfile, keeping the field locations. `inlineSecrets` says whether credentials may be
 * given as `{ value: }`: yes for profiles built in memory by the project's tests; a profile read
 * from a file may only where it lies under fixtures/.
 */
export function parseLocatedProfile(text: string, file: string, { inlineSecrets = true } = {}): LocatedProfile {
  const lines = new LineCounter();
  // Duplicate keys are refused by validate(): the parser's own check is quadratic in the number of keys.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const problem = doc.errors[0];
  if (problem) {
    const pos = lines.linePos(problem.pos[0]);
    throw new ConfigError({ file, line: pos.line, column: pos.col }, `not valid YAML: ${problem.message.split('\n')[0]}`);
  }
  const raw = validate(doc.contents, profileSchema, '', { file, lines }) as Record<string, any>;
  const at = (field: string) => {
    const node = doc.getIn(field.split('.'), true) as { range?: [number] } | undefined;
    const pos = node?.range ? lines.linePos(node.range[0]) : undefined;
    return { file, ...(pos ? { line: pos.line, column: pos.col } : {}), field };
  };

  const role = raw.target.role as Profile['target']['role'];
  if (role === 'client' && !raw.target.endpoint) throw new ConfigError(at('target'), 'a client target needs "endpoint" (the endpoint name it registers with)');
  if (role === 'server' && !raw.target.uri) throw new ConfigError(at('target'), 'a server target needs "uri" (where it listens, e.g. coap://127.0.0.1:5683)');
  if (role === 'bootstrap-server' && !raw.target.uri) throw new ConfigError(at('target'), 'a bootstrap-server target needs "uri" (where it listens, e.g. coap://127.0.0.1:5783)');
  if (raw.target.endpoint === anyEndpoint && role !== 'bootstrap-server') throw new ConfigError(at('target.endpoint'), `"${anyEndpoint}" (any endpoint) is for a bootstrap-server target only; a ${role} needs one endpoint name`);
  if (raw.target.readiness !== undefined && role === 'client') throw new ConfigError(at('target.readiness'), 'readiness is for a server or bootstrap-server target (a device shows itself by registering)');
  if (raw.clients?.rootContentFormats?.length === 0) throw new ConfigError(at('clients.rootContentFormats'), 'name at least one content format (e.g. [11542])');
  if (raw.harness?.impair !== undefined) checkImpairSpec(raw.harness.impair, at('harness.impair'));

  const launch = toLaunch(raw.launch, file, at);
  const drivers: Profile['drivers'] = {};
  for (const [name, spec] of Object.entries((raw.drivers ?? {}) as Record<string, Record<string, unknown>>)) {
    drivers[name as DriverName] = toDriver(spec, at, `drivers.${name}`, launch.kind === 'process', launch.kind !== 'external');
  }
  const security = toSecurity(raw.target.security, file, at, inlineSecrets);
  // A target the harness reaches as a client: coaps:// and credentials go together.
  const secureUri = /^coaps:/.test(raw.target.uri ?? '');
  if (role === 'bootstrap-server' && secureUri) throw new ConfigError(at('target.uri'), 'the bootstrap-server suite reaches its target over coap:// only (no DTLS yet)');
  if (role === 'server' && secureUri && security.mode === 'nosec') throw new ConfigError(at('target.uri'), 'a coaps:// server needs target.security (mode psk or x509, with the credentials the simulated clients present)');
  if (role === 'server' && !secureUri && security.mode !== 'nosec') throw new ConfigError(at('target.security'), `security mode ${security.mode} needs a coaps:// target.uri`);

  const profile: Profile = {
    file,
    name: raw.name,
    // A bootstrap server under test must know the simulated client's endpoint name: target.endpoint.
    target: {
      role,
      lwm2mVersion: raw.target.lwm2mVersion,
      endpoint: raw.target.endpoint ?? (role === 'bootstrap-server' ? 'lwm2m-conformance-bootstrap-client' : ''),
      uri: raw.target.uri ?? '',
      security,
      ...(raw.target.readiness !== undefined ? { readiness: raw.target.readiness } : {}),
      server: { ...(raw.target.server ?? {}) },
    },
    clients: { ...c1RegisterForm, ...(raw.clients ?? {}) },
    features: {
      bindings: raw.features?.bindings ?? ['U'],
      formats: raw.features?.formats ?? ['text', 'tlv', 'link-format'],
      objects: raw.features?.objects ?? [1, 3],
      resources: raw.features?.resources ?? [],
      operations: raw.features?.operations ?? [],
      queueMode: raw.features?.queueMode ?? false,
      bootstrap: raw.features?.bootstrap ?? [],
      security: raw.features?.security ?? [security.mode],
      firmwareDelivery: raw.features?.firmwareDelivery ?? [],
      firmwareProtocols: raw.features?.firmwareProtocols ?? (raw.features?.firmwareDelivery?.includes('pull') ? ['coap'] : []),
      ...(raw.features?.firmwareMaxBytes !== undefined ? { firmwareMaxBytes: raw.features.firmwareMaxBytes } : {}),
      profileIds: raw.features?.profileIds ?? {},
      ...(raw.features?.send !== undefined ? { send: raw.features.send } : {}),
      notifyOn: raw.features?.notifyOn ?? 'server-write',
    },
    harness: {
      address: raw.harness?.address ?? '127.0.0.1',
      port: raw.harness?.port ?? 0,
      bootstrapPort: raw.harness?.bootstrapPort ?? 0,
      ...(raw.harness?.impair !== undefined ? { impair: raw.harness.impair } : {}),
    },
    timing: { ...defaultTiming, ...(raw.timing ?? {}), coap: { ...defaultTiming.coap, ...(raw.timing?.coap ?? {}) } },
    launch,
    drivers,
    firmware: { images: firmwareImagesOf(raw.firmware?.images ?? {}, file) },
  };
  checkRelations(profile, at, (field) => doc.hasIn(field.split('.')));
  return { profile, locate: at };
}

/** Package files as absolute paths (relative ones are the profile's), read when a case uses them. */
function firmwareImagesOf(raw: Record<string, string>, file: string): Profile['firmware']['images'] {
  return Object.fromEntries(Object.entries(raw).map(([kind, path]) => [kind, resolvePath(dirname(file), path)]));
}

function toSecurity(raw: Record<string, unknown> | undefined, file: string, at: (field: string) => ConfigLocation, inlineSecrets: boolean): TargetSecurity {
  if (!raw) return { mode: 'nosec' };
  const mode = raw.mode as TargetSecurity['mode'];
  const security: TargetSecurity = { mode };
  const needs: Record<TargetSecurity['mode'], readonly (keyof TargetSecurity)[]> = { nosec: [], psk: ['identity', 'key'], x509: ['certificate', 'privateKey'] };
  for (const name of ['identity', 'key', 'certificate', 'privateKey', 'ca', 'mismatchCertificate', 'mismatchPrivateKey'] as const) {
    const ref = raw[name] as Record<string, string> | undefined;
    if (ref) security[name] = checkSecretRef(ref, file, at, `target.security.${name}`, inlineSecrets);
  }
  for (const name of needs[mode]) {
    if (!security[name]) throw new ConfigError(at('target.security'), `security mode ${mode} needs "${name}"`);
  }
  return security;
}

export async function loadProfile(file: string): Promise<Profile> {
  return (await readLocatedProfile(file)).profile;
}

/** Reads and parses a profile file (at most 1 MiB), keeping the field locations. */
export async function readLocatedProfile(file: string): Promise<LocatedProfile> {
  const text = await readProfileText(file);
  return parseLocatedProfile(text, file, { inlineSecrets: await isFixtureFile(file) });
}

/** The profile schema as JSON Schema, for editors (schemas/profile.schema.json). */
export function profileJsonSchema(): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'urn:lwm2m-conformance:schemas:profile',
    title: 'lwm2m-conformance target profile',
    ...toJsonSchemaDocument(profileSchema),
  };
}
