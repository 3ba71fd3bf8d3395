// `lwm2m-conformance encode`: encodes nodes given as JSON in the vector notation (or, for
// link-format, a links array) into a content format; prints hex, text, or the raw bytes.

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fromUtf8, toHex, utf8 } from '../lwm2m/bytes.ts';
import { EncodeError, type EncodeOptions } from '../lwm2m/formats/codec.ts';
import { contentFormat, contentFormatNames } from '../lwm2m/formats/index.ts';
import { encodeLinkFormat, type Link } from '../lwm2m/formats/link-format.ts';
import { ENCODER_DIALECTS, type EncoderDialect } from '../lwm2m/formats/dialects.ts';
import { fromVectorNodes } from '../lwm2m/node.ts';
import { parsePath } from '../lwm2m/path.ts';
import { processIO, type CommandIO } from './io.ts';
import { ExitCode, UsageError } from '../errors.ts';
import { helpText, usageText } from './help/command-help.ts';
import { encodeHelp } from './help/encode.ts';

const ENCODE_USAGE = usageText(encodeHelp);

const TEXT_FORMATS = new Set([0, 40, 110, 11543]);

/** The flags encode parses; each is documented in help/encode.ts. */
export const encodeOptions = {
  format: { type: 'string', short: 'f' },
  path: { type: 'string', short: 'p' },
  json: { type: 'string' },
  file: { type: 'string' },
  hex: { type: 'boolean' },
  dialect: { type: 'string' },
  'float-width': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: encodeOptions,
    }).values;
  } catch (e) {
    throw new UsageError(`${e instanceof Error ? e.message : String(e)}\n${ENCODE_USAGE}`);
  }
}

function readJson(json: string | undefined, file: string | undefined): unknown {
  if ((json === undefined) === (file === undefined)) throw new UsageError(`give exactly one of --json or --file\n${ENCODE_USAGE}`);
  let text = json;
  if (file !== undefined) {
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new UsageError(`--file ${file}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  try {
    return JSON.parse(text as string);
  } catch (e) {
    throw new UsageError(`input is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function isLinks(value: unknown): value is Link[] {
  return Array.isArray(value) && value.every((l) => typeof l === 'object' && l !== null && typeof (l as Link).uri === 'string' && Array.isArray((l as Link).attributes));
}

/** Writes bytes: through a byte sink when the CommandIO has one, to stdout for the process IO, else as hex. */
function writeBytes(io: CommandIO, bytes: Uint8Array): void {
  const sink = io as CommandIO & { bytes?: (b: Uint8Array) => void };
  if (typeof sink.bytes === 'function') sink.bytes(bytes);
  else if (io === processIO) process.stdout.write(bytes);
  else io.out(toHex(bytes));
}

export async function encodeCommand(args: string[], io: CommandIO): Promise<number> {
  try {
    const flags = parse(args);
    if (flags.help) {
      io.out(helpText(encodeHelp));
      return ExitCode.ok;
    }
    if (flags.format === undefined) throw new UsageError(`--format is required (${contentFormatNames().join(', ')})\n${ENCODE_USAGE}`);
    const codec = contentFormat(flags.format);
    if (!codec) throw new UsageError(`unknown content format '${flags.format}' (known: ${contentFormatNames().join(', ')})`);
    if (flags.path !== undefined && !parsePath(flags.path, { allowRelative: false }).ok) throw new UsageError(`--path '${flags.path}' is not an LwM2M path like /3/0/1`);
    const dialect = (flags.dialect ?? 'default') as EncoderDialect;
    if (!(dialect in ENCODER_DIALECTS)) throw new UsageError(`--dialect must be one of ${Object.keys(ENCODER_DIALECTS).join(', ')}`);
    const width = flags['float-width'];
    if (width !== undefined && width !== 'shortest' && width !== 'single' && width !== 'double') throw new UsageError('--float-width must be shortest, single or double');
    const input = readJson(flags.json, flags.file);
    let bytes: Uint8Array;
    if (codec.number === 40 && isLinks(input)) {
      bytes = utf8(encodeLinkFormat(input));
    } else {
      const nodes = fromVectorNodes(input);
      if (!nodes.ok) throw new UsageError(`input nodes: ${nodes.reason}`);
      const options: EncodeOptions = {
        ...ENCODER_DIALECTS[dialect],
        ...(flags.path !== undefined ? { path: flags.path } : {}),
        ...(width !== undefined ? { floatWidth: width } : {}),
      };
      bytes = codec.encode(nodes.value, options);
    }
    if (flags.hex) io.out(toHex(bytes));
    else if (TEXT_FORMATS.has(codec.number)) io.out(fromUtf8(bytes) ?? toHex(bytes));
    else writeBytes(io, bytes);
    return ExitCode.ok;
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(e.message);
      return ExitCode.usage;
    }
    if (e instanceof EncodeError) {
      // The nodes given do not fit the format: bad input, like a bad flag.
      io.err(e.message);
      return ExitCode.usage;
    }
    io.err(`encode failed: ${e instanceof Error ? e.message : String(e)}`);
    return ExitCode.error;
  }
}
