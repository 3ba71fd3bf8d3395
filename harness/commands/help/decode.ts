// `decode --help`, and README's reference for decode.
import type { CommandHelp } from './command-help.ts';
import { formatsText } from './formats.ts';

export const decodeHelp: CommandHelp = {
  name: 'decode',
  summary: 'decode an LwM2M payload to JSON nodes',
  synopsis: ['decode --format FORMAT (--hex HEX | --file FILE) [--path /o/i/r] [--objects DIR] [--type TYPE]'],
  description: [
    'Decodes a payload in any LwM2M content format and prints the nodes as JSON (`[{path, type, value}]`, the vector notation), or link-format as a links array. An invalid payload prints the decode error and its offset and exits 1.',
  ],
  groups: [
    {
      title: 'options',
      options: [
        { name: 'format', value: 'FORMAT', short: 'f', text: `the content format (required), ${formatsText}` },
        { name: 'hex', value: 'HEX', text: 'the payload as hex digits' },
        { name: 'file', value: 'FILE', text: 'the payload as the bytes of a file' },
        { name: 'path', value: '/o/i/r', short: 'p', text: 'the request path the payload answers (needed by formats that carry relative paths, such as TLV and text)' },
        { name: 'objects', value: 'DIR', text: 'add your own object definitions (OMA DDF XML files in DIR) to the built-in core objects' },
        { name: 'type', value: 'TYPE', text: 'the LwM2M data type of a single value (text, opaque, CBOR), e.g. integer, float, string' },
      ],
    },
  ],
  examples: [
    { command: 'decode --format tlv --hex c800144f70656e204d6f62696c6520416c6c69616e6365 --path /3/0', text: 'a TLV payload read from /3/0' },
    { command: 'decode --format senml-cbor --file payload.bin --objects ./my-objects', text: 'a SenML CBOR payload from a file, with your own objects' },
  ],
};
