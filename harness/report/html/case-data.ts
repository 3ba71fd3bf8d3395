// What the page's script needs to draw one case's sequence chart and message details when the
// case is opened (trace-view.ts), as compact JSON inside the article: drawn on the server, the
// charts and details of a full run made most of the page's size though few are ever looked at.
// What only the harness can work out (options by name, payloads decoded through the object
// model) is done here; layout and markup are left to the script.
import { decodeMessage } from '../../coap/message.ts';
import type { ObjectModel } from '../../lwm2m/model/index.ts';
import type { CaseResult, TraceEntry } from '../../run/result.ts';
import { namedOptions } from '../option-text.ts';
import { decodePayload } from '../payload-view.ts';

/** A check as the chart and details show it: id, verdict, description, judged message, time, actual value as text. */
type CheckData = [string, string, string, number | null, number, string];

/** A message: seq, time, direction, harness endpoint, from and to (indexes into `addresses`), summary, details. */
type MessageData = [number, number, 'in' | 'out', string, number, number, string, MessageDetailData];

interface MessageDetailData {
  type?: string;
  code?: string;
  mid?: number;
  token?: string;
  /** Options by their RFC names, values as people read them. */
  options?: [string, string][];
  payload?: string;
  /** Decoded payload: format, nodes (JSON) or the reason it could not be decoded. */
  decoded?: { format: string; nodes?: unknown; error?: string };
  /** The datagram, base64. */
  bytes: string;
  decodeError?: string;
  impairment?: string;
  impairmentDelayMs?: number;
}

export interface CaseData {
  checks: CheckData[];
  addresses: string[];
  messages: MessageData[];
}

const text = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value) ?? '');

function optionRows(t: TraceEntry): [string, string][] {
  const decoded = t.options?.length && !t.wire ? decodeMessage(Buffer.from(t.bytesHex, 'hex')) : undefined;
  const rows = decoded?.ok ? namedOptions(decoded.message.options) : (t.options ?? []);
  return rows.map((o) => [o.name, o.value]);
}

function detailOf(result: CaseResult, t: TraceEntry, model?: ObjectModel): MessageDetailData {
  const options = optionRows(t);
  const decoded = decodePayload(t, result.trace, model);
  return {
    ...(t.type !== undefined ? { type: t.type } : {}),
    ...(t.code !== undefined ? { code: t.code } : {}),
    ...(t.messageId !== undefined ? { mid: t.messageId } : {}),
    ...(t.token !== undefined ? { token: t.token } : {}),
    ...(options.length ? { options } : {}),
    ...(t.payload !== undefined ? { payload: t.payload } : {}),
    ...(decoded ? { decoded: { format: decoded.format, ...(decoded.text !== undefined ? { nodes: JSON.parse(decoded.text) } : {}), ...(decoded.error ? { error: decoded.error } : {}) } } : {}),
    bytes: Buffer.from(t.bytesHex, 'hex').toString('base64'),
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

/** The data as the content of a <script type="application/json">: nothing in it can end the element. */
export function caseDataScript(result: CaseResult, model?: ObjectModel): string {
  const json = JSON.stringify(caseData(result, model)).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  return `<script type="application/json" class="case-data">${json}</script>`;
}
