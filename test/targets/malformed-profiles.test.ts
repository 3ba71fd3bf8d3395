// Each malformed profile gives one clear error naming the right line and field.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../harness/targets/config-error.ts';
import { parseProfile } from '../../harness/targets/profile.ts';

const dir = mkdtempSync(join(tmpdir(), 'profiles-'));
writeFileSync(join(dir, 'identity.txt'), 'dev-1');
const profileFile = join(dir, 'p.yaml');

/** A valid profile; each row below changes one thing. Line numbers refer to this text. */
const base = [
  'name: device', //                       1
  'target:', //                            2
  '  role: client', //                     3
  '  lwm2mVersion: "1.1"', //              4
  '  endpoint: dev-1', //                  5
  'features:', //                          6
  '  bindings: [U]', //                    7
  'timing:', //                            8
  '  shortLifetime: 5', //                 9
  'launch:', //                           10
  '  kind: process', //                   11
  '  command: ./client', //               12
  'drivers:', //                          13
  '  reboot: { stdin: reboot }', //       14
].join('\n');

const replace = (line: number, text: string) => base.split('\n').map((l, i) => (i === line - 1 ? text : l)).join('\n');
const append = (text: string) => `${base}\n${text}`;
const drop = (line: number) => base.split('\n').filter((_, i) => i !== line - 1).join('\n');

const rows: { name: string; yaml: string; line: number; field: string; says: RegExp }[] = [
  { name: 'tab indentation', yaml: replace(3, '\trole: client'), line: 3, field: '', says: /not valid YAML/ },
  { name: 'unclosed flow list', yaml: replace(7, '  bindings: [U'), line: 8, field: '', says: /not valid YAML/ },
  { name: 'duplicate key', yaml: replace(4, '  role: client'), line: 4, field: 'target.role', says: /duplicate key "role" \(first at line 3\)/ },
  { name: 'unclosed quote', yaml: replace(14, '  reboot: { stdin: "reboot }'), line: 14, field: '', says: /not valid YAML: Missing closing "quote/ },
  { name: 'nested compact mapping', yaml: replace(3, '  role: client: x'), line: 3, field: '', says: /not valid YAML/ },
  { name: 'top level is a list', yaml: '- name: x\n', line: 1, field: '(top level)', says: /expected a mapping, found a list/ },
  { name: 'empty file', yaml: '', line: 0, field: '(top level)', says: /expected a mapping/ },
  { name: 'missing name', yaml: drop(1), line: 1, field: '(top level)', says: /missing required key "name"/ },
  { name: 'missing target', yaml: base.split('\n').filter((_, i) => i < 1 || i > 4).join('\n'), line: 1, field: '(top level)', says: /missing required key "target"/ },
  { name: 'missing role', yaml: drop(3), line: 3, field: 'target', says: /missing required key "role"/ },
  { name: 'missing version', yaml: drop(4), line: 3, field: 'target', says: /missing required key "lwm2mVersion"/ },
  { name: 'client without endpoint', yaml: drop(5), line: 3, field: 'target', says: /needs "endpoint"/ },
  { name: 'name is a list', yaml: replace(1, 'name: [a, b]'), line: 1, field: 'name', says: /expected a string, found a list/ },
  { name: 'target is a string', yaml: base.replace(/target:\n(  .*\n){3}/, 'target: client\n'), line: 2, field: 'target', says: /expected a mapping/ },
  { name: 'unknown role', yaml: replace(3, '  role: device'), line: 3, field: 'target.role', says: /expected one of client, server, bootstrap-server/ },
  { name: 'misspelt role', yaml: replace(3, '  role: clint'), line: 3, field: 'target.role', says: /did you mean "client"/ },
  { name: 'bootstrap-server without uri', yaml: replace(3, '  role: bootstrap-server'), line: 3, field: 'target', says: /a bootstrap-server target needs "uri"/ },
  { name: 'server without uri', yaml: replace(3, '  role: server'), line: 3, field: 'target', says: /a server target needs "uri"/ },
  { name: 'coaps server without credentials', yaml: replace(3, '  role: server\n  uri: coaps://127.0.0.1:5684'), line: 4, field: 'target.uri', says: /a coaps:\/\/ server needs target.security/ },
  { name: 'coaps bootstrap server', yaml: replace(3, '  role: bootstrap-server\n  uri: coaps://127.0.0.1:5784'), line: 4, field: 'target.uri', says: /over coap:\/\/ only/ },
  { name: 'server uri not coap', yaml: replace(3, '  role: server\n  uri: http://x'), line: 4, field: 'target.uri', says: /a coap:\/\/ or coaps:\/\/ URI/ },
  { name: 'version as a number', yaml: replace(4, '  lwm2mVersion: 1.3'), line: 4, field: 'target.lwm2mVersion', says: /expected one of 1\.0, 1\.1, 1\.2/ },
  { name: 'endpoint with a space', yaml: replace(5, '  endpoint: dev 1'), line: 5, field: 'target.endpoint', says: /an endpoint name without spaces/ },
  { name: 'unknown top-level key', yaml: append('lifetime: 30'), line: 15, field: 'lifetime', says: /unknown key "lifetime"/ },
  { name: 'misspelt top-level key', yaml: append('driver: {}'), line: 15, field: 'driver', says: /did you mean "drivers"/ },
  { name: 'unknown target key', yaml: replace(5, '  endpiont: dev-1'), line: 5, field: 'target.endpiont', says: /did you mean "endpoint"/ },
  { name: 'Profile ID key not suite:hash', yaml: replace(7, '  bindings: [U]\n  profileIds: { "sha256": "</1/0>" }'), line: 8, field: 'features.profileIds.sha256', says: /a Profile ID such as 6:27354b9a/ },
  { name: 'Profile ID list not link format', yaml: replace(7, '  bindings: [U]\n  profileIds: { "6:ab": "1/0, 3/0" }'), line: 8, field: 'features.profileIds.6:ab', says: /a link-format object list/ },
  { name: 'unknown binding', yaml: replace(7, '  bindings: [X]'), line: 7, field: 'features.bindings[0]', says: /expected one of U, T, S, N, M, H/ },
  { name: 'bindings not a list', yaml: replace(7, '  bindings: U'), line: 7, field: 'features.bindings', says: /expected a list/ },
  { name: 'unknown format', yaml: append('features2: 1').replace('  bindings: [U]', '  bindings: [U]\n  formats: [xml]'), line: 8, field: 'features.formats[0]', says: /expected one of text/ },
  { name: 'object id too large', yaml: replace(7, '  objects: [70000]'), line: 7, field: 'features.objects[0]', says: /at most 65534/ },
  { name: 'bad resource path', yaml: replace(7, '  resources: [/1/0]'), line: 7, field: 'features.resources[0]', says: /a resource path \/o\/i\/r/ },
  { name: 'unknown operation', yaml: replace(7, '  operations: [teleport]'), line: 7, field: 'features.operations[0]', says: /expected one of create/ },
  { name: 'queue mode not boolean', yaml: replace(7, '  queueMode: sometimes'), line: 7, field: 'features.queueMode', says: /expected true or false/ },
  { name: 'unknown feature key', yaml: replace(7, '  binding: [U]'), line: 7, field: 'features.binding', says: /did you mean "bindings"/ },
  { name: 'lifetime as text', yaml: replace(9, '  shortLifetime: soon'), line: 9, field: 'timing.shortLifetime', says: /expected a number, found string "soon"/ },
  { name: 'lifetime fractional', yaml: replace(9, '  shortLifetime: 2.5'), line: 9, field: 'timing.shortLifetime', says: /whole number/ },
  { name: 'lifetime zero', yaml: replace(9, '  shortLifetime: 0'), line: 9, field: 'timing.shortLifetime', says: /at least 1/ },
  { name: 'negative tolerance', yaml: replace(9, '  tolerance: -1'), line: 9, field: 'timing.tolerance', says: /expected more than 0, found -1/ },
  { name: 'zero tolerance', yaml: replace(9, '  tolerance: 0'), line: 9, field: 'timing.tolerance', says: /expected more than 0, found 0/ },
  { name: 'unknown timing key', yaml: replace(9, '  shortLifetme: 5'), line: 9, field: 'timing.shortLifetme', says: /did you mean "shortLifetime"/ },
  { name: 'coap retransmit out of range', yaml: replace(9, '  coap: { maxRetransmit: 99 }'), line: 9, field: 'timing.coap.maxRetransmit', says: /at most 10/ },
  { name: 'port out of range', yaml: append('harness: { port: 70000 }'), line: 15, field: 'harness.port', says: /at most 65535/ },
  { name: 'bootstrap port out of range', yaml: append('harness: { bootstrapPort: -1 }'), line: 15, field: 'harness.bootstrapPort', says: /at least 0/ },
  { name: 'server instance fractional', yaml: replace(5, '  endpoint: dev-1\n  server: { instance: 1.5 }'), line: 6, field: 'target.server.instance', says: /whole number/ },
  { name: 'server instance negative', yaml: replace(5, '  endpoint: dev-1\n  server: { instance: -1 }'), line: 6, field: 'target.server.instance', says: /at least 0/ },
  { name: 'ssid zero', yaml: replace(5, '  endpoint: dev-1\n  server: { ssid: 0 }'), line: 6, field: 'target.server.ssid', says: /at least 1/ },
  { name: 'ssid reserved 65535', yaml: replace(5, '  endpoint: dev-1\n  server:\n    ssid: 65535'), line: 7, field: 'target.server.ssid', says: /at most 65534/ },
  { name: 'security instance as text', yaml: replace(5, '  endpoint: dev-1\n  server: { securityInstance: two }'), line: 6, field: 'target.server.securityInstance', says: /expected a number/ },
  { name: 'unknown server account key', yaml: replace(5, '  endpoint: dev-1\n  server: { shortServerId: 5 }'), line: 6, field: 'target.server.shortServerId', says: /unknown key "shortServerId"/ },
  { name: 'unknown launch kind', yaml: replace(11, '  kind: docker'), line: 11, field: 'launch.kind', says: /expected one of external, process, container/ },
  { name: 'process without command', yaml: drop(12), line: 11, field: 'launch', says: /needs "command"/ },
  { name: 'external with a command', yaml: replace(11, '  kind: external').replace('drivers:\n  reboot: { stdin: reboot }', ''), line: 12, field: 'launch.command', says: /an external launch does not take "command"/ },
  { name: 'process with an image', yaml: append('').replace('  command: ./client', '  command: ./client\n  image: x'), line: 13, field: 'launch.image', says: /a process launch does not take "image"/ },
  { name: 'container without image', yaml: replace(11, '  kind: container').replace('  command: ./client', '  command: [x]').replace('drivers:\n  reboot: { stdin: reboot }', ''), line: 11, field: 'launch', says: /needs "image"/ },
  { name: 'container command as a string', yaml: replace(11, '  kind: container').replace('  command: ./client', '  image: i\n  command: x').replace('drivers:\n  reboot: { stdin: reboot }', ''), line: 13, field: 'launch.command', says: /a container command is a list/ },
  { name: 'args not a list', yaml: replace(12, '  command: ./client\n  args: --x'), line: 13, field: 'launch.args', says: /expected a list/ },
  { name: 'unknown driver name', yaml: replace(14, '  rebot: { stdin: reboot }'), line: 14, field: 'drivers.rebot', says: /did you mean "reboot"/ },
  { name: 'driver with two kinds', yaml: replace(14, '  reboot: { stdin: reboot, shell: reboot }'), line: 14, field: 'drivers.reboot', says: /exactly one of/ },
  { name: 'driver with no kind', yaml: replace(14, '  reboot: {}'), line: 14, field: 'drivers.reboot', says: /exactly one of/ },
  { name: 'unknown driver kind', yaml: replace(14, '  reboot: { ssh: reboot }'), line: 14, field: 'drivers.reboot.ssh', says: /unknown key "ssh"/ },
  { name: 'http driver without url', yaml: replace(14, '  reboot: { http: { method: POST } }'), line: 14, field: 'drivers.reboot.http', says: /missing required key "url"/ },
  { name: 'http driver with a bad url', yaml: replace(14, '  reboot: { http: { url: "ftp://x" } }'), line: 14, field: 'drivers.reboot.http.url', says: /an http:\/\/ or https:\/\/ URL/ },
  { name: 'http driver with a bad status', yaml: replace(14, '  reboot: { http: { url: "http://x", expectStatus: [42] } }'), line: 14, field: 'drivers.reboot.http.expectStatus[0]', says: /at least 100/ },
  { name: 'stdin driver without a process', yaml: replace(11, '  kind: external').replace('  command: ./client\n', ''), line: 13, field: 'drivers.reboot.stdin', says: /needs a process launch/ },
  { name: 'timeout on a stdin driver', yaml: replace(14, '  reboot: { stdin: reboot, timeout: 3 }'), line: 14, field: 'drivers.reboot.timeout', says: /goes with "shell"/ },
  { name: 'expect without a stdin line', yaml: replace(14, '  reboot: { shell: reboot, expect: ok }'), line: 14, field: 'drivers.reboot.expect', says: /waits for an answer to a "stdin" line/ },
  { name: 'capture without expect', yaml: replace(14, '  reboot: { stdin: reboot, capture: client }'), line: 14, field: 'drivers.reboot.capture', says: /takes the named groups of "expect"/ },
  { name: 'expect that is no regular expression', yaml: replace(14, '  reboot: { stdin: reboot, expect: "(unclosed" }'), line: 14, field: 'drivers.reboot.expect', says: /not a regular expression/ },
  { name: 'a step of a driver list', yaml: replace(14, '  reboot: [{ stdin: list }, { stdin: reboot, capture: client }]'), line: 14, field: 'drivers.reboot.1.capture', says: /takes the named groups of "expect"/ },
  { name: 'unknown payload format', yaml: replace(14, '  reboot: { stdin: reboot, payloadFormat: xml }'), line: 14, field: 'drivers.reboot.payloadFormat', says: /senml-json/ },
  { name: 'payload format of a step', yaml: replace(14, '  reboot: [{ stdin: list }, { stdin: reboot, payloadFormat: cbor }]'), line: 14, field: 'drivers.reboot[1].payloadFormat', says: /tlv/ },
  { name: 'restart driver that is not true', yaml: replace(14, '  reboot: { restart: false }'), line: 14, field: 'drivers.reboot.restart', says: /"restart" takes true/ },
  { name: 'restart driver with a stdin line', yaml: replace(14, '  reboot: { restart: true, stdin: reboot }'), line: 14, field: 'drivers.reboot', says: /exactly one of/ },
  { name: 'restart driver without a launch', yaml: replace(11, '  kind: external').replace('  command: ./client\n', '').replace('reboot: { stdin: reboot }', 'factory-reset: { restart: true }'), line: 13, field: 'drivers.factory-reset.restart', says: /needs a process or container launch/ },
  { name: 'negative start delay', yaml: replace(12, '  command: ./client\n  startDelay: -1'), line: 13, field: 'launch.startDelay', says: /at least 0/ },
  { name: 'start delay of an external launch', yaml: replace(11, '  kind: external').replace('  command: ./client', '  startDelay: 1').replace('drivers:\n  reboot: { stdin: reboot }', ''), line: 12, field: 'launch.startDelay', says: /an external launch does not take "startDelay"/ },
  { name: 'readiness on a device', yaml: replace(5, '  endpoint: dev-1\n  readiness: ping'), line: 6, field: 'target.readiness', says: /for a server or bootstrap-server target/ },
  { name: 'unknown readiness', yaml: replace(5, '  endpoint: dev-1\n  readiness: pong'), line: 6, field: 'target.readiness', says: /expected one of ping, register, none, found "pong" \(did you mean "ping"\?\)/ },
  { name: 'negative readiness delay', yaml: replace(5, '  endpoint: dev-1\n  readiness: { delay: -1 }'), line: 6, field: 'target.readiness.delay', says: /at least 0/ },
  { name: 'any endpoint on a device', yaml: replace(5, '  endpoint: "*"'), line: 5, field: 'target.endpoint', says: /for a bootstrap-server target only/ },
  { name: 'clients without root content formats', yaml: append('clients: { rootContentFormats: [] }'), line: 15, field: 'clients.rootContentFormats', says: /at least one content format/ },
  { name: 'clients root content format by name', yaml: append('clients: { rootContentFormats: [tlv] }'), line: 15, field: 'clients.rootContentFormats[0]', says: /expected a number, found string "tlv"/ },
  { name: 'clients version not a version', yaml: append('clients:\n  lwm2mVersion: one'), line: 16, field: 'clients.lwm2mVersion', says: /a version such as 1\.1/ },
  { name: 'clients objects not link format', yaml: append('clients: { objects: "1/0,3/0" }'), line: 15, field: 'clients.objects', says: /a link-format object list/ },
  { name: 'clients lifetime zero', yaml: append('clients: { lifetime: 0 }'), line: 15, field: 'clients.lifetime', says: /at least 1/ },
  { name: 'misspelt clients key', yaml: append('clients: { lifetme: 30 }'), line: 15, field: 'clients.lifetme', says: /did you mean "lifetime"/ },
  { name: 'unknown security mode', yaml: replace(5, '  endpoint: dev-1\n  security: { mode: tls }'), line: 6, field: 'target.security.mode', says: /expected one of nosec, psk, x509/ },
  { name: 'psk without key', yaml: replace(5, '  endpoint: dev-1\n  security: { mode: psk, identity: { value: a } }'), line: 6, field: 'target.security', says: /psk needs "key"/ },
  { name: 'credential with two forms', yaml: replace(5, '  endpoint: dev-1\n  security: { mode: psk, identity: { value: a, env: A }, key: { env: K } }'), line: 6, field: 'target.security.identity', says: /exactly one of "value", "file" or "env"/ },
  { name: 'unreadable credential file', yaml: replace(5, '  endpoint: dev-1\n  security: { mode: psk, identity: { file: missing.txt }, key: { env: K } }'), line: 6, field: 'target.security.identity.file', says: /cannot read .*missing\.txt/ },
  { name: 'bad environment variable name', yaml: replace(5, '  endpoint: dev-1\n  security: { mode: psk, identity: { file: identity.txt }, key: { env: "1X" } }'), line: 6, field: 'target.security.key.env', says: /an environment variable name/ },
];

describe('malformed profiles', () => {
  it('the base profile is valid', () => {
    expect(parseProfile(base, profileFile).name).toBe('device');
  });

  it('has 40 or more cases', () => expect(rows.length).toBeGreaterThanOrEqual(40));

  it.each(rows)('$name → line $line, $field', ({ yaml, line, field, says }) => {
    let error: unknown;
    try {
      parseProfile(yaml, profileFile);
    } catch (e) {
      error = e;
    }
    expect(error, 'expected a ConfigError').toBeInstanceOf(ConfigError);
    const e = error as ConfigError;
    expect(e.message).toMatch(says);
    expect(e.location.file).toBe(profileFile);
    if (line > 0) expect(e.location.line, e.message).toBe(line);
    if (field) expect(e.location.field, e.message).toBe(field);
    expect(e.message.split('\n')).toHaveLength(1);
  });
});
