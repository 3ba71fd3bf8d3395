// Strict checks of SenML payloads beyond what the lenient decoders accept: opaque 'vd' must be
// base64url without padding in SenML JSON (RFC 8428 §5; IF-08), the legacy OMA JSON keeps
// padded standard base64, and object links belong under 'vlo' (Core §7.4.4).

import { fromUtf8 } from '../bytes.ts';
import { JsonObject, parseJsonExact } from '../formats/json-exact.ts';
import { readSenmlCborRecords } from '../formats/senml-cbor.ts';
import { guard } from '../decode-error.ts';
import { finding, type Finding } from './finding.ts';

export function lintSenmlJson(payload: Uint8Array | string): Finding[] {
  const text = typeof payload === 'string' ? payload : fromUtf8(payload);
  if (text === undefined) return [finding('senml.utf8', 'MUST', 'payload is not valid UTF-8', 0)];
  const doc = guard('senml-json', () => parseJsonExact(text, 'senml-json'));
  if (!doc.ok) return [finding('senml.syntax', 'MUST', doc.error.reason, doc.error.position)];
  if (!Array.isArray(doc.value)) return [finding('senml.not-array', 'MUST', 'SenML JSON must be an array', 0)];
  const out: Finding[] = [];
  for (const record of doc.value) {
    if (!(record instanceof JsonObject)) continue;
    const vd = record.get('vd');
    if (typeof vd === 'string') {
      if (/[+/]/.test(vd)) out.push(finding('senml.vd-not-base64url', 'MUST', "'vd' uses the standard base64 alphabet ('+' or '/'); SenML JSON needs base64url", record.position));
      if (vd.endsWith('=')) out.push(finding('senml.vd-padded', 'MUST', "'vd' carries '=' padding; SenML JSON base64url has none", record.position));
    }
    const vs = record.get('vs');
    if (typeof vs === 'string' && /^\d{1,5}:\d{1,5}$/.test(vs)) {
      out.push(finding('senml.objlnk-as-vs', 'SHOULD', "an object link sent as 'vs'; LwM2M uses 'vlo'", record.position));
    }
    if (record.get('vlo') === 'FFFF:FFFF') out.push(finding('senml.objlnk-hex', 'MUST', "object link 'FFFF:FFFF' must be decimal '65535:65535'", record.position));
  }
  return out;
}

export function lintSenmlCbor(payload: Uint8Array): Finding[] {
  const records = guard('senml-cbor', () => readSenmlCborRecords(payload));
  if (!records.ok) return [finding('senml.syntax', 'MUST', records.error.reason, records.error.offset)];
  const out: Finding[] = [];
  for (const r of records.value) {
    if (r.vText !== undefined) out.push(finding('senml.text-under-v', 'MUST', "text under the numeric label 'v' (2)", r.at));
    if (r.vs !== undefined && /^\d{1,5}:\d{1,5}$/.test(r.vs)) out.push(finding('senml.objlnk-as-vs', 'SHOULD', "an object link sent as 'vs'; LwM2M uses 'vlo'", r.at));
  }
  return out;
}
