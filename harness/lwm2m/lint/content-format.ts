// Does the payload match the Content-Format the message declared? Decodes with the declared
// format and, when that fails, names the formats the payload does decode as.

import { contentFormat, CODECS } from '../formats/index.ts';
import type { DecodeContext } from '../formats/codec.ts';
import { finding, type Finding } from './finding.ts';

/** Formats worth guessing: those whose decoders do not accept almost anything. */
const GUESSABLE = [40, 110, 112, 11542, 11543, 11544];

export function lintContentFormat(declared: number | undefined, payload: Uint8Array, context: DecodeContext = {}): Finding[] {
  if (declared === undefined) {
    return payload.length > 0 ? [finding('cf.missing', 'MUST', 'payload without a Content-Format option')] : [];
  }
  const codec = contentFormat(declared);
  if (!codec) return [finding('cf.unknown', 'MUST', `Content-Format ${declared} is not an LwM2M content format`)];
  const legacy = declared !== codec.number ? [finding('cf.legacy-number', 'SHOULD', `Content-Format ${declared} is a pre-IANA number; use ${codec.number}`)] : [];
  const result = codec.decode(payload, context);
  if (result.ok) return legacy;
  const matches = CODECS.filter((c) => GUESSABLE.includes(c.number) && c.number !== codec.number && c.decode(payload, context).ok).map((c) => `${c.number} (${c.name})`);
  const hint = matches.length > 0 ? `; it decodes as ${matches.join(', ')}` : '';
  return [
    ...legacy,
    finding('cf.mismatch', 'MUST', `payload does not decode as Content-Format ${declared} (${codec.name}): ${result.error.reason}${hint}`, result.error.offset ?? result.error.position),
  ];
}
