// `lwm2m-conformance decode`: decodes a payload in any LwM2M content format and prints the nodes
// as JSON in the vector notation (../shared/vectors/README.md), or the decode error and its offset.

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fromHex, fromUtf8 } from '../lwm2m/bytes.ts';
import { describeDecodeError } from '../lwm2m/decode-error.ts';
import { contentFormat, contentFormatNames } from '../lwm2m/formats/index.ts';
import { decodeLinkFormat } from '../lwm2m/formats/link-format.ts';
import { combineModels, coreModel, formatDdfError, loadObjectDefinitions, modelFrom } from '../lwm2m/model/index.ts';
import type { ObjectModel, ValueType } from '../lwm2m/model/types.ts';
import { toVectorNode } from '../lwm2m/node.ts';
import { parsePath } from '../lwm2m/path.ts';
import { isValueType } from '../lwm2m/value.ts';
import { type CommandIO } from './io.ts';
import { ExitCode, UsageError } from '../errors.ts';
import { helpText, usageText } from './help/command-help.ts';
import { decodeHelp } from './help/decode.ts';

const DECODE_USAGE = usageText(decodeHelp);

/** Built-in objects plus the DDF files of --objects; DDF problems are usage errors (exit 3). */
export function modelFor(objectsDir: string | undefined): ObjectModel {
  const core = coreModel();
  if (objectsDir === undefined) return core;
  const loaded = loadObjectDefinitions(objectsDir);
  if (loaded.errors.length > 0) throw new UsageError(`--objects ${objectsDir}: ${loaded.errors.map(formatDdfError).join('; ')}`);
  return combineModels(core, modelFrom(loaded.definitions));
}

/** The flags decode parses; each is documented in help/decode.ts. */
export const decodeOptions = {
  format: { type: 'string', short: 'f' },
  hex: { type: 'string' },
  file: { type: 'string' },
  path: { type: 'string', short: 'p' },
  objects: { type: 'string' },
  type: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: decodeOptions,
    }).values;
  } catch (e) {
    throw new UsageError(`${e instanceof Error ? e.message : String(e)}\n${DECODE_USAGE}`);
  }
}

function readPayload(hex: string | undefined, file: string | undefined): Uint8Array {
  if ((hex === undefined) === (file === undefined)) throw new UsageError(`give exactly one of --hex or --file\n${DECODE_USAGE}`);
  if (hex !== undefined) {
    const bytes = fromHex(hex);
    if (!bytes) throw new UsageError('--hex needs an even number of hex digits');
    return bytes;
  }
  try {
    return new Uint8Array(readFileSync(file as string));
  } catch (e) {
    throw new UsageError(`--file ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

export async function decodeCommand(args: string[], io: CommandIO): Promise<number> {
  try {
    const flags = parse(args);
    if (flags.help) {
      io.out(helpText(decodeHelp));
      return ExitCode.ok;
    }
    if (flags.format === undefined) throw new UsageError(`--format is required (${contentFormatNames().join(', ')})\n${DECODE_USAGE}`);
    const codec = contentFormat(flags.format);
    if (!codec) throw new UsageError(`unknown content format '${flags.format}' (known: ${contentFormatNames().join(', ')})`);
    if (flags.path !== undefined && !parsePath(flags.path, { allowRelative: false }).ok) throw new UsageError(`--path '${flags.path}' is not an LwM2M path like /3/0/1`);
    if (flags.type !== undefined && !isValueType(flags.type)) throw new UsageError(`--type '${flags.type}' is not an LwM2M data type`);
    const payload = readPayload(flags.hex, flags.file);
    if (codec.number === 40) {
      const text = fromUtf8(payload);
      const links = text === undefined ? undefined : decodeLinkFormat(text);
      if (!links || !links.ok) {
        io.err(links ? describeDecodeError(links.error) : 'link-format: payload is not valid UTF-8 at byte 0');
        return ExitCode.failed;
      }
      io.out(jsonText(links.value));
      return ExitCode.ok;
    }
    const model = modelFor(flags.objects);
    const result = codec.decode(payload, {
      model,
      ...(flags.path !== undefined ? { path: flags.path } : {}),
      ...(flags.type !== undefined ? { type: flags.type as ValueType } : {}),
    });
    if (!result.ok) {
      io.err(describeDecodeError(result.error));
      return ExitCode.failed;
    }
    io.out(jsonText(result.value.map(toVectorNode)));
    return ExitCode.ok;
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(e.message);
      return ExitCode.usage;
    }
    io.err(`decode failed: ${e instanceof Error ? e.message : String(e)}`);
    return ExitCode.error;
  }
}
