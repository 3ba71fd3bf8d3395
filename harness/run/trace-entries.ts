// Turns recorded datagrams into the trace entries a result carries: times relative to the
// case start, addresses as text, the CoAP header and options decoded, payload shown as text
// when printable and as hex otherwise.
import type { DatagramRecord } from '../coap/trace.ts';
import { OptionNumber, codeName, type CoapMessage } from '../coap/message.ts';
import type { TraceEntry } from './result.ts';

const printable = /^[\t\n\r\x20-\x7e]*$/;

const optionNames = new Map<number, string>(Object.entries(OptionNumber).map(([name, number]) => [number, name]));

function optionName(number: number): string {
  return optionNames.get(number) ?? `Option${number}`;
}

function showBytes(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  return printable.test(text) ? text : `0x${bytes.toString('hex')}`;
}

function showOptionValue(number: number, value: Buffer): string {
  // Uri-Host, Location-Path, Uri-Path, Uri-Query, Location-Query, Proxy-Uri/Scheme are strings.
  if ([3, 8, 11, 15, 20, 35, 39].includes(number)) return value.toString('utf8');
  if (value.length <= 4) return String(value.length === 0 ? 0 : value.readUIntBE(0, value.length));
  return `0x${value.toString('hex')}`;
}

export function summarize(message: CoapMessage): string {
  const path = message.options.filter((o) => o.number === 11).map((o) => o.value.toString('utf8'));
  const query = message.options.filter((o) => o.number === 15).map((o) => o.value.toString('utf8'));
  const location = message.options.filter((o) => o.number === 8).map((o) => o.value.toString('utf8'));
  const target = path.length || query.length ? ` /${path.join('/')}${query.length ? `?${query.join('&')}` : ''}` : '';
  const loc = location.length ? ` Location /${location.join('/')}` : '';
  return `${message.type} ${message.code} ${codeName(message.code)}${target}${loc} mid=${message.messageId}`;
}

const dtlsContentTypes: Record<number, string> = { 20: 'ChangeCipherSpec', 21: 'Alert', 22: 'Handshake', 23: 'ApplicationData' };

/** A datagram as on the wire beneath DTLS: its records' content types, e.g. "DTLS Handshake, ChangeCipherSpec (123 bytes)". */
function summarizeDtlsRecords(bytes: Buffer): string {
  const types: string[] = [];
  for (let at = 0; at + 13 <= bytes.length; at += 13 + bytes.readUInt16BE(at + 11)) {
    const type = dtlsContentTypes[bytes[at]!] ?? `content type ${bytes[at]}`;
    if (types.at(-1) !== type) types.push(type);
  }
  return `${types.length ? `DTLS ${types.join(', ')}` : 'not DTLS'} (${bytes.length} bytes on the wire)`;
}

/** What the impairment layer did, as the trace shows it, e.g. "delayed 120 ms by impairment". */
export function impairmentNote(kind: NonNullable<DatagramRecord['impairment']>, delayMs?: number): string {
  const held = delayMs !== undefined ? ` ${delayMs} ms` : '';
  if (kind === 'reordered') return `held back${held} by impairment, reordered`;
  if (kind === 'delayed') return `delayed${held} by impairment`;
  return `${kind} by impairment`;
}

function summaryOf(r: DatagramRecord): string {
  const m = r.message;
  const base = m ? summarize(m) : r.wire ? summarizeDtlsRecords(r.bytes) : `undecodable datagram (${r.decodeError ?? 'unknown reason'})`;
  return r.impairment ? `${base} [${impairmentNote(r.impairment, r.impairmentDelayMs)}]` : base;
}

export function toTraceEntries(records: readonly DatagramRecord[], caseStart: number): TraceEntry[] {
  return records.map((r) => {
    const from = r.direction === 'out' ? r.local : r.remote;
    const to = r.direction === 'out' ? r.remote : r.local;
    const m = r.message;
    return {
      seq: r.seq,
      atMs: Math.round((r.atMs - caseStart) * 10) / 10,
      direction: r.direction,
      endpoint: r.endpoint,
      from: `${from.address}:${from.port}`,
      to: `${to.address}:${to.port}`,
      summary: summaryOf(r),
      ...(m
        ? {
            type: m.type,
            code: m.code,
            messageId: m.messageId,
            token: m.token.toString('hex'),
            options: m.options.map((o) => ({ name: optionName(o.number), value: showOptionValue(o.number, o.value) })),
            ...(m.payload.length ? { payload: showBytes(m.payload) } : {}),
          }
        : {}),
      bytesHex: r.bytes.toString('hex'),
      ...(r.decodeError !== undefined ? { decodeError: r.decodeError } : {}),
      ...(r.impairment ? { impairment: r.impairment } : {}),
      ...(r.impairmentDelayMs !== undefined ? { impairmentDelayMs: r.impairmentDelayMs } : {}),
      ...(r.security ? { security: r.security } : {}),
      ...(r.wire ? { wire: r.wire } : {}),
    };
  });
}
