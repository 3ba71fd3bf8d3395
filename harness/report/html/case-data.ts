// What the page's script needs to draw each case's sequence chart and message details when the
// case is opened (trace-view.ts): drawn on the server, the charts and details of a full run made
// most of the page's size though few are ever looked at. What only the harness can work out
// (options by name, payloads decoded through the object model) is done here; what the datagram's
// bytes already say (CoAP header, payload) is left out and read from them by the script. All
// cases' data is one gzip-compressed, base64 JSON object in the page, keyed by case anchor.
import { gzipSync } from 'node:zlib';
import { decodeMessage } from '../../coap/message.ts';
import type { ObjectModel } from '../../lwm2m/model/index.ts';
import type { CaseResult, TraceEntry } from '../../run/result.ts';
import type { RunReport } from '../run-report.ts';
import { namedOptions } from '../option-text.ts';
import { decodePayload } from '../payload-view.ts';
import { caseAnchor } from './anchors.ts';

/** A check as the chart and details show it: id, verdict, description, judged message, time, actual value as text. */
type CheckData = [string, string, string, number | null, number, string];

/** A message: seq, time, direction, harness endpoint, from and to (indexes into `addresses`), summary, details. */
type MessageData = [number, number, 'in' | 'out', string, number, number, string, MessageDetailData];

export interface MessageDetailData {
  /** The datagram, hex. */
  bytes: string;
  /** The bytes are the CoAP message shown: the script reads type, code, message ID, token and payload from them. */
  coap?: true;
  type?: string;
  code?: string;
  mid?: number;
  token?: string;
  payload?: string;
  /** Options by their RFC names, values as people read them. */
  options?: [string, string][];
  /** Decoded payload: format, nodes (JSON) or the reason it could not be decoded. */
  decoded?: { format: string; nodes?: unknown; error?: string };
  decodeError?: string;
  impairment?: string;
  impairmentDelayMs?: number;
}

export interface CaseData {
  checks: CheckData[];
  addresses: string[];
  messages: MessageData[];
}

const text = (value: unknown) => (typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));
const printable = /^[\t\n\r\x20-\x7e]*$/;

function optionRows(t: TraceEntry): [string, string][] {
  const decoded = t.options?.length && !t.wire ? decodeMessage(Buffer.from(t.bytesHex, 'hex')) : undefined;
  const rows = decoded?.ok ? namedOptions(decoded.message.options) : (t.options ?? []);
  return rows.map((o) => [o.name, o.value]);
}

/** Whether the script, reading the bytes as CoAP, shows what the entry says. */
function bytesSayIt(t: TraceEntry): boolean {
  if (t.wire || t.code === undefined) return false;
  const decoded = decodeMessage(Buffer.from(t.bytesHex, 'hex'));
  if (!decoded.ok) return false;
  const m = decoded.message;
  const body = m.payload.toString('utf8');
  const payload = m.payload.length ? (printable.test(body) ? body : `0x${m.payload.toString('hex')}`) : undefined;
  return m.type === t.type && m.code === t.code && m.messageId === t.messageId && m.token.toString('hex') === t.token && payload === t.payload;
}

function detailOf(result: CaseResult, t: TraceEntry, model?: ObjectModel): MessageDetailData {
  const options = optionRows(t);
  const decoded = decodePayload(t, result.trace, model);
  const header = bytesSayIt(t)
    ? { coap: true as const }
    : {
        ...(t.type !== undefined ? { type: t.type } : {}),
        ...(t.code !== undefined ? { code: t.code } : {}),
        ...(t.messageId !== undefined ? { mid: t.messageId } : {}),
        ...(t.token !== undefined ? { token: t.token } : {}),
        ...(t.payload !== undefined ? { payload: t.payload } : {}),
      };
  return {
    bytes: t.bytesHex,
    ...header,
    ...(options.length ? { options } : {}),
    ...(decoded ? { decoded: { format: decoded.format, ...(decoded.text !== undefined ? { nodes: JSON.parse(decoded.text) } : {}), ...(decoded.error ? { error: decoded.error } : {}) } } : {}),
    ...(t.decodeError !== undefined ? { decodeError: t.decodeError } : {}),
    ...(t.impairment ? { impairment: t.impairment } : {}),
    ...(t.impairmentDelayMs !== undefined ? { impairmentDelayMs: t.impairmentDelayMs } : {}),
  };
}

export function caseData(result: CaseResult, model?: ObjectModel): CaseData {
  const addresses: string[] = [];
  const index = (address: string) => {
    const at = addresses.indexOf(address);
    return at >= 0 ? at : addresses.push(address) - 1;
  };
  // The chart marks judged messages and draws the failed checks that judged no message.
  const checks = result.checks
    .filter((c) => c.at !== undefined || c.verdict !== 'pass')
    .map((c): CheckData => [c.id, c.verdict, c.description, c.at ?? null, c.atMs, text(c.actual)]);
  const messages = result.trace.map((t): MessageData => [t.seq, t.atMs, t.direction, t.endpoint, index(t.from), index(t.to), t.summary, detailOf(result, t, model)]);
  return { checks, addresses, messages };
}

/** Every case's data, by case anchor, gzip-compressed and base64: the content of the page's data element. */
export function traceData(report: RunReport, model?: ObjectModel): string {
  const all = Object.fromEntries(report.cases.map((c) => [caseAnchor(c.id), caseData(c, model)]));
  return gzipSync(JSON.stringify(all), { level: 9 }).toString('base64');
}
