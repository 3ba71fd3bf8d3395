// `fleet --help`, and README's reference for fleet.
import type { CommandHelp } from './command-help.ts';

export const fleetHelp: CommandHelp = {
  name: 'fleet',
  summary: 'load an LwM2M server with a fleet of simulated devices, over worker processes and shards',
  synopsis: [
    'fleet --server URI --devices N [--shard I/N] [--lifetime S] [--duration S] [--jitter F] [--window N]',
    '[--workers N] [--per-worker N] [--source A] [--per-address N] [--endpoint-prefix P] [--lwm2m V]',
    '[--objects LINKS] [--ack-timeout MS] [--max-retransmit N] [--deregister] [--out FILE] [--quiet]',
    'fleet --merge FILE... [--out FILE] [--quiet]',
  ],
  description: [
    'Runs N simulated devices (endpoints PREFIX0 … PREFIX<N-1>) against a LwM2M server over CoAP/UDP: each registers (at most --window Registers in flight), sends a parameterless Update at lifetime/2 (spread by --jitter) and again after each 2.04, registers afresh after a 4.04 or an Update that failed, and answers the server\'s Reads of the C.1 values from one shared table. Requests retransmit as RFC 7252 says.',
    'Devices run in worker processes, at most --per-worker each (under the hard file descriptor limit, to which each worker raises its soft one): every device has a socket, and so a source address and port, of its own, because a server knows a client by them. Against a loopback server the devices bind 127.100.0.1, 127.100.0.2, … (--per-address devices each, on ports the system picks).',
    'Once every device has registered or given up, the fleet stays up --duration seconds, then stops (De-registering with --deregister) and prints a summary: registered, time to register all, latencies, Updates sent, acknowledged, on time (before the lifetime ran out) and failed, heap and resident memory per device. --out writes it as JSON; --merge joins the JSON of the shards of one fleet (--shard 1/N … N/N, on one host or many).',
    'Exit code: 0 every device registered and every Update was acknowledged on time, 1 otherwise (or a merge missing shards), 2 a worker or the environment failed, 3 bad usage. SIGINT stops the fleet early and reports what it has.',
  ],
  arguments: [{ name: 'FILE...', text: 'with --merge: the summaries to join (fleet --out of each shard)' }],
  groups: [
    {
      title: 'options',
      options: [
        { name: 'server', value: 'URI', text: 'the LwM2M server, `coap://HOST:PORT` (an IPv4 address; required)' },
        { name: 'devices', value: 'N', text: 'devices in the whole fleet, every shard together (required)' },
        { name: 'shard', value: 'I/N', text: 'run only the I-th of N contiguous slices of the devices (default 1/1)' },
        { name: 'lifetime', value: 'S', text: 'registration lifetime lt=, seconds (default 300)' },
        { name: 'duration', value: 'S', text: 'seconds the fleet stays up after every device registered or gave up (default: the lifetime)' },
        { name: 'jitter', value: 'F', text: 'spread of the Update time, a fraction of lifetime/2 either way (default 0.1: 45-55 % of the lifetime)' },
        { name: 'window', value: 'N', text: 'Registers in flight at once across the shard, shared by its workers (default 128)' },
        { name: 'workers', value: 'N', text: 'worker processes (default: enough for --per-worker, at least one per core above 1,000 devices)' },
        { name: 'per-worker', value: 'N', text: 'most devices one worker holds (default 15,000, less when the hard descriptor limit is lower)' },
        { name: 'source', value: 'A', text: 'first source address: on 127/8 one address per --per-address devices from it, else every device on A (default 127.100.0.1 for a loopback server, else 0.0.0.0)' },
        { name: 'per-address', value: 'N', text: 'devices per source address on 127/8 (default 10,000)' },
        { name: 'endpoint-prefix', value: 'P', text: 'endpoint names are P followed by the device number (default `fleet-`)' },
        { name: 'lwm2m', value: 'V', text: 'the lwm2m= version the devices register with (default 1.1)' },
        { name: 'objects', value: 'LINKS', text: 'the object list they register (default `</1/0>,</3/0>`)' },
        { name: 'ack-timeout', value: 'MS', text: 'CoAP ACK_TIMEOUT, milliseconds (default 2000; ACK_RANDOM_FACTOR 1.5)' },
        { name: 'max-retransmit', value: 'N', text: 'CoAP MAX_RETRANSMIT (default 4)' },
        { name: 'deregister', text: 'De-register every device at the end' },
        { name: 'merge', text: 'join shard summaries (the FILE arguments) instead of running devices' },
        { name: 'out', value: 'FILE', text: 'write the summary (or the merged one) as JSON' },
        { name: 'quiet', short: 'q', text: 'no progress lines, only the summary' },
      ],
    },
  ],
  examples: [
    { command: 'fleet --server coap://127.0.0.1:5683 --devices 10000 --lifetime 120 --out fleet.json', text: 'ten thousand devices, two minutes up, the summary in fleet.json' },
    { command: 'fleet --server coap://10.0.0.5:5683 --devices 100000 --shard 3/10 --out shard-3.json', text: 'the third tenth of a fleet spread over ten hosts (docs/fleet.md: a Kubernetes Indexed Job)' },
    { command: 'fleet --merge shard-*.json --out fleet.json', text: 'the shards as one fleet' },
  ],
};
