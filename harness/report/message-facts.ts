// What a failure rests on, in a few lines per message: the options (Content-Format by name and
// number, Accept, Observe, Block1/2, ETag, Location-Path, Uri-Query…) and the payload decoded,
// cut to a bound with a count of what was left out. The console and the HTML page show these
// under each message a failed check judged.
import { decodeMessage } from '../coap/message.ts';
import { decodeUint } from '../coap/options.ts';
import { coreModel, type ObjectModel } from '../lwm2m/model/index.ts';
import type { TraceEntry } from '../run/result.ts';
import { optionLines } from './option-text.ts';
import { payloadLines } from './payload-text.ts';
import { requestPath } from './payload-view.ts';

export const factLinesPerMessage = 12;

export function messageFacts(entry: TraceEntry, trace: readonly TraceEntry[], model: ObjectModel = coreModel(), maxLines = factLinesPerMessage): string[] {
  if (entry.wire) return ['encrypted DTLS records as on the wire'];
  const decoded = decodeMessage(Buffer.from(entry.bytesHex, 'hex'));
  if (!decoded.ok) return [`undecodable datagram: ${entry.decodeError ?? decoded.reason}`];
  const { options, payload } = decoded.message;
  const format = options.find((o) => o.number === 12);
  const formatNumber = format ? decodeUint(format.value) : undefined;
  const lines = [...optionLines(options), ...(payload.length ? payloadLines(payload, formatNumber, requestPath(entry, trace), model) : [])];
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines - 1);
  return [...kept, `… ${lines.length - kept.length} more line(s)`];
}
