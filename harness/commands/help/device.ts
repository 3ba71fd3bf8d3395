// `device --help`, and README's reference for device.
import { clientFaults } from '../../peers/device/faults.ts';
import type { CommandHelp } from './command-help.ts';
import { deviceSecurityGroup } from './shared-options.ts';

export const deviceHelp: CommandHelp = {
  name: 'device',
  summary: 'run the reference LwM2M client (simulated device)',
  synopsis: [
    'device --server coap[s]://HOST:PORT --endpoint NAME',
    '[--lifetime SECONDS] [--lwm2m 1.0|1.1|1.2] [--lwm2m-first 1.1|1.2] [--update-fraction F]',
    '[--send-every SECONDS] [--send-paths /o/i/r,...] [--vary-every SECONDS] [--fault NAME]...',
    '[--set PATH=VALUE]... [--notify-own-changes-only]',
    '[--bootstrap coap://HOST:PORT [--hold-off SECONDS] [--bootstrap-pack]]',
    '[--coap-ack-timeout SECONDS] [--coap-max-retransmit N]',
    '[--server-instance N] [--ssid N] [--security-instance N] [--fw-storage BYTES]',
    '[--psk-identity ID --psk-key-file FILE | --cert FILE --key FILE --ca FILE [--server-name NAME]]',
  ],
  description: [
    'The reference LwM2M client as its own process: a simulated device with objects 0-7, 10, 11, 13, 16, 19, 20 and 3303 holding the ETS configuration values (C.1, C.3, C.4, C.5, C.6, C.7, C.9, C.10, C.11, C.12, C.15, C.16); Connectivity Statistics /7/0 counts its traffic between Start and Stop. It registers (with every server account it holds, each over its own connection), updates before its lifetime ends, registers again after an Update is answered 4.04, and serves every management operation (Read in all formats at every level, Write replace and partial update, Execute with arguments, Create, Delete, Discover with depth, Write-Attributes, Read- and Write-Composite), Observe and Observe-Composite with pmin/pmax/gt/lt/st per level and per server, and Send.',
    'It reads commands on stdin (below) so that a harness can drive it, and logs what it does to stderr. Running for days, it keeps the last 5,000 events. The `--fault` switches make it break one rule on purpose: the project\'s own tests use them to prove each case can fail.',
  ],
  groups: [
    {
      title: 'options',
      options: [
        { name: 'server', value: 'URI', text: 'its LwM2M server account, coap:// or coaps:// (required unless --bootstrap is given)' },
        { name: 'endpoint', value: 'NAME', text: 'its endpoint client name (required)' },
        { name: 'lifetime', value: 'SECONDS', text: 'the registration lifetime it asks for (default 86400)' },
        { name: 'lwm2m', value: '1.0|1.1|1.2', text: 'the LwM2M version it implements (default 1.1)' },
        { name: 'lwm2m-first', value: '1.1|1.2', text: 'offer this later version in the first Register after each start, and fall back to the --lwm2m version when the server answers 4.12' },
        { name: 'update-fraction', value: 'F', text: 'the part of the lifetime after which it sends a Registration Update (between 0 and 1; default 0.5)' },
        { name: 'send-every', value: 'SECONDS', text: 'Send the --send-paths every SECONDS unless Mute Send /1/0/23 is true (without it, it Sends only on the `send` stdin command)' },
        { name: 'send-paths', value: '/o/i/r,...', text: 'the paths it Sends (default /1/0/1,/3/0/11/0)' },
        { name: 'vary-every', value: 'SECONDS', text: 'move voltage, current, battery level and temperature one step every SECONDS' },
        { name: 'set', value: 'PATH=VALUE', repeatable: true, text: 'hold VALUE (text form) at PATH from every start, e.g. `--set /3/0/16=UQ`: a device configured unlike the ETS' },
        { name: 'notify-own-changes-only', text: 'notify only changes the device makes itself (the `set` command, varying values), not values a server wrote, as many devices do' },
        { name: 'bootstrap', value: 'URI', text: 'a bootstrap account (Security instance 1, or 0 with --security-instance 1); without --server the device has no server account and bootstraps first (ETS C.13)' },
        { name: 'hold-off', value: 'SECONDS', text: 'the bootstrap account\'s Client Hold Off Time: how long it waits before bootstrapping (default 0)' },
        { name: 'bootstrap-pack', text: 'bootstrap with a Bootstrap-Pack-Request (`GET /bspack?ep=...`, LwM2M 1.2) instead of `POST /bs`' },
        { name: 'coap-ack-timeout', value: 'SECONDS', text: "the device's CoAP ACK_TIMEOUT (default 2): how soon an unanswered request is retransmitted, and the base of its registration retries" },
        { name: 'coap-max-retransmit', value: 'N', text: "the device's CoAP MAX_RETRANSMIT (default 4)" },
        { name: 'server-instance', value: 'N', text: 'the Server instance /1/N of the --server account (default 0); an account a bootstrap writes is used as written' },
        { name: 'ssid', value: 'N', text: 'the Short Server ID of the --server account (default 1)' },
        { name: 'security-instance', value: 'N', text: 'the Security instance /0/N of the --server account (default 0), as a real device may keep it elsewhere' },
        { name: 'fw-storage', value: 'BYTES', text: 'bytes of storage for a firmware package (default 32768); a larger package fails with Update Result 2' },
        { name: 'fault', value: 'NAME', repeatable: true, text: 'break one rule on purpose (faults below)' },
      ],
    },
    deviceSecurityGroup,
  ],
  notes: [
    {
      title: 'stdin commands',
      items: [
        { term: 'reboot', text: 'start afresh: keeps the configuration the last bootstrap gave, forgets the registration, values, attributes and observations' },
        { term: 'factory-reset', text: 'back to the factory configuration (no server account with --bootstrap alone), then start afresh' },
        { term: 'send [PATH...]', text: 'Send (POST /dp) the values under the paths (default: the --send-paths)' },
        { term: 'set PATH VALUE', text: 'change a value as the device itself would (e.g. `set /3303/0/5700 23.5`)' },
        { term: 'vary', text: 'move the varying values (voltage, current, battery, temperature) one step' },
        { term: 'update', text: 'send a Registration Update now, as Execute /1/x/8 asks' },
        { term: 'disable', text: 'de-register and stay off for the Disable Timeout (/1/x/5), as Execute /1/x/4 asks' },
        { term: 'bootstrap', text: 'bootstrap now (client-initiated), as Execute /1/x/9 asks' },
        { term: 'fw-low-storage on|off', text: 'storage for a firmware package shrinks to 1 KiB (Update Result 2)' },
        { term: 'fw-low-ram on|off', text: 'working memory gives out while a package arrives (Update Result 3)' },
        { term: 'fw-fail-install on|off', text: 'installing a downloaded package fails (Update Result 8)' },
        { term: 'quit', text: 'stop and exit' },
      ],
    },
    {
      title: 'faults (known non-conformances of devices)',
      items: Object.entries(clientFaults).map(([term, text]) => ({ term, text })),
    },
  ],
  examples: [
    { command: 'device --server coap://127.0.0.1:5683 --endpoint dev-1', text: 'register with a server on this host' },
    { command: 'device --bootstrap coap://127.0.0.1:5783 --endpoint dev-1', text: 'no server account: bootstrap first (ETS C.13)' },
    { command: 'device --server coaps://127.0.0.1:5684 --endpoint dev-1 --psk-identity dev-1 --psk-key-file psk-key.hex', text: 'over DTLS with a pre-shared key' },
    { command: 'device --server coap://127.0.0.1:5683 --endpoint dev-1 --lwm2m 1.2 --set /3/0/16=UQ --send-every 60', text: 'an LwM2M 1.2 device with binding UQ that Sends every minute' },
  ],
};
