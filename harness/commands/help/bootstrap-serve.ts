// `bootstrap-serve --help`, and README's reference for bootstrap-serve.
import { bootstrapFaults } from '../../peers/bootstrap/faults.ts';
import type { CommandHelp } from './command-help.ts';

export const bootstrapServeHelp: CommandHelp = {
  name: 'bootstrap-serve',
  summary: 'run the reference LwM2M bootstrap server',
  synopsis: [
    'bootstrap-serve --server-uri coap://HOST:PORT [--client NAME]... [--address A] [--port P]',
    '[--config c13|c14] [--second-server-uri URI] [--format tlv|senml-json|senml-cbor] [--fault NAME]...',
  ],
  description: [
    'The reference bootstrap server on its own. It provisions each known endpoint with a configuration (ETS C.13: one server account; C.14: two) and answers 4.00 to endpoints it does not know. It is the bundled target of the bootstrap-server suite, and a handy bootstrap server for trying a device. It prints each bootstrap event on stderr and runs until SIGINT or SIGTERM.',
  ],
  groups: [
    {
      title: 'options',
      options: [
        { name: 'server-uri', value: 'URI', text: 'the LwM2M server the clients are given (Security /0/x/0), coap:// or coaps:// (required)' },
        { name: 'second-server-uri', value: 'URI', text: 'with `--config c14`, the second server account (default: the --server-uri)' },
        { name: 'client', value: 'NAME', repeatable: true, text: 'an endpoint name to provision; without any, every endpoint is provisioned' },
        { name: 'config', value: 'c13|c14', text: 'c13: one server account, SSID 1 (default); c14: two, SSID 1 and 2, and an ACL' },
        { name: 'format', value: 'tlv|senml-json|senml-cbor', text: 'the content format of its Bootstrap-Writes (default tlv)' },
        { name: 'address', value: 'A', text: 'where it listens (default 127.0.0.1)' },
        { name: 'port', value: 'P', text: 'its UDP port (default 5783; 0 for any free port)' },
        { name: 'fault', value: 'NAME', repeatable: true, text: 'break one rule on purpose (faults below), for testing the bootstrap-server suite' },
      ],
    },
  ],
  notes: [
    {
      title: 'faults (known non-conformances, for testing the bootstrap-server suite)',
      items: Object.entries(bootstrapFaults).map(([term, text]) => ({ term, text })),
    },
  ],
  examples: [
    { command: 'bootstrap-serve --server-uri coap://127.0.0.1:5683', text: 'provision every endpoint with one account on the server at 127.0.0.1:5683 (C.13)' },
    { command: 'bootstrap-serve --server-uri coap://127.0.0.1:5683 --client dev-1 --config c14 --format senml-cbor', text: 'provision only dev-1 with two server accounts, written as SenML CBOR' },
  ],
};
