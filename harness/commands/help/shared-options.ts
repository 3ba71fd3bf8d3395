// Options more than one command takes, described once: case selection (run, list) and the DTLS
// credentials of the reference server (serve) and device (device).
import type { OptionGroup, OptionHelp } from './command-help.ts';

export const selectionOptions: readonly OptionHelp[] = [
  { name: 'case', value: 'GLOB', repeatable: true, text: "the cases whose id matches the glob, e.g. `'*int-10?'`; several values widen the selection" },
  { name: 'interface', value: 'NAME', repeatable: true, text: 'the cases of an interface: bootstrap, registration, management, reporting, security, objects…' },
  { name: 'tag', value: 'TAG', repeatable: true, text: 'the cases carrying a tag, e.g. `smoke`' },
];

export const serveSecurityGroup: OptionGroup = {
  title: 'DTLS (the server then listens on coaps://; keys are read from files, never from the command line)',
  options: [
    { name: 'psk-identity', value: 'ID', text: 'accept this PSK identity (needs `--psk-key-file`)' },
    { name: 'psk-key-file', value: 'FILE', text: 'the file holding the PSK key in hex' },
    { name: 'psk-endpoint', value: 'EP', text: 'accept the PSK identity only for Registers under this endpoint name' },
    { name: 'cert', value: 'FILE', text: "the server's certificate (PEM; needs `--key`)" },
    { name: 'key', value: 'FILE', text: "the server's private key (PEM)" },
    { name: 'ca', value: 'FILE', text: 'the root (PEM) that client certificates are verified against' },
  ],
};

export const deviceSecurityGroup: OptionGroup = {
  title: 'DTLS (with --server coaps://HOST:PORT; keys are read from files, never from the command line)',
  options: [
    { name: 'psk-identity', value: 'ID', text: 'PSK mode: the identity (needs `--psk-key-file`)' },
    { name: 'psk-key-file', value: 'FILE', text: 'PSK mode: the file holding the key in hex' },
    { name: 'cert', value: 'FILE', text: "certificate mode: the device's certificate (PEM; needs `--key` and `--ca`)" },
    { name: 'key', value: 'FILE', text: "certificate mode: the device's private key (PEM)" },
    { name: 'ca', value: 'FILE', text: "certificate mode: the root the device trusts for the server's certificate (PEM)" },
    { name: 'server-name', value: 'NAME', text: 'the name the server certificate must carry (default: the host of the URI)' },
  ],
};
