// `encode --help`, and README's reference for encode.
import type { CommandHelp } from './command-help.ts';
import { formatsText } from './formats.ts';

export const encodeHelp: CommandHelp = {
  name: 'encode',
  summary: 'encode JSON nodes into an LwM2M payload',
  synopsis: ['encode --format FORMAT (--json JSON | --file FILE) [--path /o/i/r] [--hex] [--dialect default|zephyr|leshan]', '       [--float-width shortest|single|double]'],
  description: [
    'Encodes nodes given as JSON (`[{path, type, value}]`, the vector notation; for link-format a links array) into a content format and prints it: text formats as text, others as raw bytes (or hex with --hex). Nodes that do not fit the format exit 3.',
  ],
  groups: [
    {
      title: 'options',
      options: [
        { name: 'format', value: 'FORMAT', short: 'f', text: `the content format (required), ${formatsText}` },
        { name: 'json', value: 'JSON', text: 'the nodes as JSON text' },
        { name: 'file', value: 'FILE', text: 'a file holding the nodes as JSON' },
        { name: 'path', value: '/o/i/r', short: 'p', text: 'the request path the payload answers (its base for relative paths)' },
        { name: 'hex', text: 'print the bytes as hex digits' },
        { name: 'dialect', value: 'default|zephyr|leshan', text: 'write as a widely used implementation does, so a payload can be compared byte for byte: `zephyr` 8-byte floats, grouped SenML names; `leshan` 8-byte floats, request-path base names' },
        { name: 'float-width', value: 'shortest|single|double', text: 'the width of floats in binary formats (default shortest: the narrowest that keeps the value)' },
      ],
    },
  ],
  examples: [
    { command: `encode --format senml-json --json '[{"path":"/3/0/0","type":"string","value":"Open Mobile Alliance"}]'`, text: 'one resource as SenML JSON' },
    { command: `encode --format tlv --path /3/0 --file nodes.json --hex`, text: 'nodes from a file as TLV, printed as hex' },
  ],
};
