// `serve --help`, and README's reference for serve.
import { serverFaults } from '../../peers/server/faults.ts';
import type { CommandHelp } from './command-help.ts';
import { serveSecurityGroup } from './shared-options.ts';

export const serveHelp: CommandHelp = {
  name: 'serve',
  summary: 'run the reference LwM2M server with its HTTP management API',
  synopsis: [
    'serve [--address A] [--port P] [--http-address A] [--http-port H] [--token-file FILE] [--queue-awake S]',
    '[--profile-id PID=LINKS]... [--ignore-unknown-requests] [--accept-root-ct CT,...] [--lwm2m-max V]',
    '[--console] [--verbose] [--fault NAME]... [DTLS options]',
  ],
  description: [
    'The reference LwM2M server on its own, with its HTTP management API (and, with --console, commands on stdin). It is the bundled target of the server suite, and a handy server for trying a device; its switches reproduce what real servers do. It prints where it listens on stderr (with --verbose, each registration event too) and runs until SIGINT or SIGTERM. Running for days, it keeps the last 1,000 events.',
  ],
  groups: [
    {
      title: 'options',
      options: [
        { name: 'address', value: 'A', text: 'where the CoAP server listens (default 127.0.0.1)' },
        { name: 'port', value: 'P', text: 'its UDP port (default 5683; 0 for any free port)' },
        { name: 'http-address', value: 'A', text: 'where the management API listens (default 127.0.0.1, whatever --address is)' },
        { name: 'http-port', value: 'H', text: "the management API's TCP port (default 8080; 0 for any free port)" },
        { name: 'token-file', value: 'FILE', text: "the management API's bearer token: a FILE holding one supplies it, else a new one is written there (mode 0600); without the flag, a new token in a temporary file" },
        { name: 'queue-awake', value: 'S', text: 'seconds a queue-mode client stays reachable after its last message (default 93)' },
        { name: 'profile-id', value: 'PID=LINKS', repeatable: true, text: "a Profile ID the server resolves (LwM2M 1.2 pid) and the object list it stands for, e.g. `--profile-id '6:27354b9a=</1/0>,</3/0>'`" },
        { name: 'console', text: 'read commands on stdin and print results on stdout (type `help`)' },
        { name: 'verbose', text: 'print each event (register, update, deregister, expired, send, notify) on stderr' },
        { name: 'fault', value: 'NAME', repeatable: true, text: 'break one rule on purpose (faults below), for testing the server suite' },
      ],
    },
    {
      title: 'behaviours of real servers',
      options: [
        { name: 'ignore-unknown-requests', text: 'leave requests to resources it does not serve (e.g. CON GET /) without ACK or response; a CoAP ping (an empty CON) still gets RST' },
        { name: 'accept-root-ct', value: 'CT,...', text: 'content formats the root link `</>;rt="oma.lwm2m"` may name in ct=, e.g. 110,112; a Register naming none of them gets 4.00 (one without ct= is accepted)' },
        { name: 'lwm2m-max', value: 'V', text: 'the highest LwM2M version it accepts in Register, e.g. 1.1; a later one gets 4.12' },
      ],
    },
    serveSecurityGroup,
  ],
  notes: [
    {
      title: 'management API (JSON)',
      items: [
        { text: 'Every request carries `Authorization: Bearer TOKEN` (the token serve prints at start), a Host and any Origin naming this server or localhost, and a body as `Content-Type: application/json`.' },
        { text: '`GET /api/clients`, `GET /api/clients/{ep}`' },
        { text: '`POST /api/clients/{ep}/{read|write|execute|create|delete|discover|write-attributes|observe|cancel-observe}` with a body such as `{"path": "/3/0/0"}` or `{"path": "/1/0/1", "value": "60"}`' },
        { text: 'resource routes: `GET /api/clients/{ep}/{path}[?format=F]` (read), `PUT …/{path} {"value": V}` (write), `POST …/{o}` with a SenML JSON pack as application/senml+json (create), `POST …/{o/i/r} [{"args": "0=\'x\'"}]` (execute), `DELETE …/{path}`, `GET …/{path}/discover`, `PUT …/{path}/attributes?pmin=…`, `POST …/{path}/observe`, `DELETE …/{path}/observe[?active]` (?active: Observe=1, else RST to the next notification)' },
      ],
    },
    {
      title: 'faults (known non-conformances, for testing the server suite)',
      items: Object.entries(serverFaults).map(([term, text]) => ({ term, text })),
    },
  ],
  examples: [
    { command: 'serve', text: 'CoAP on 127.0.0.1:5683, the management API on 127.0.0.1:8080; prints the API token' },
    { command: 'serve --port 0 --http-port 0 --token-file ./api-token --console', text: 'any free ports, the token kept in ./api-token, commands on stdin' },
    { command: 'serve --psk-identity device-1 --psk-key-file psk-key.hex', text: 'a coaps:// server accepting one PSK identity' },
    { command: 'serve --lwm2m-max 1.1 --fault any-version-accepted', text: 'a server that claims 1.1 at most yet accepts any version (a server-suite case should fail)' },
  ],
};
