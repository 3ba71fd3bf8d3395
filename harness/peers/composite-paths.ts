// The body of a Read-Composite or Observe-Composite request (Core §6.3.8, §6.4.4): a SenML pack
// of records that carry only names. Both peers use it: the server to build a FETCH, the device
// to read one. The content-format codecs decode SenML with values only, so names-only packs
// live here.
import { decode as decodeCbor, encode as encodeCbor } from 'cbor-x';
import { parsePath } from '../lwm2m/path.ts';

export const senmlJson = 110;
export const senmlCbor = 112;

export function encodePathList(paths: readonly string[], contentFormat: number): Buffer {
  if (contentFormat === senmlCbor) return Buffer.from(encodeCbor(paths.map((p) => new Map([[0, p]]))));
  return Buffer.from(JSON.stringify(paths.map((n) => ({ n }))), 'utf8');
}

/** The paths of a names-only SenML pack (bn + n per record); a reason when the body is not one. */
export function decodePathList(payload: Buffer, contentFormat: number | undefined): { paths: string[] } | { error: string } {
  let records: unknown;
  try {
    if (contentFormat === senmlCbor) records = decodeCbor(payload);
    else if (contentFormat === senmlJson) records = JSON.parse(payload.toString('utf8'));
    else return { error: `Content-Format ${contentFormat ?? '(none)'} is not SenML JSON or CBOR` };
  } catch (error) {
    return { error: `the body does not decode: ${(error as Error).message}` };
  }
  if (!Array.isArray(records)) return { error: 'the body is not a SenML pack (array)' };
  const paths: string[] = [];
  let base = '';
  for (const record of records) {
    const get = (jsonKey: string, cborKey: number): unknown =>
      record instanceof Map ? record.get(cborKey) ?? record.get(jsonKey) : typeof record === 'object' && record !== null ? (record as Record<string, unknown>)[jsonKey] ?? (record as Record<number, unknown>)[cborKey] : undefined;
    const bn = get('bn', -2);
    if (typeof bn === 'string') base = bn;
    const n = get('n', 0);
    const name = `${base}${typeof n === 'string' ? n : ''}`;
    const parsed = parsePath(name, { allowRelative: false });
    if (!parsed.ok) return { error: `record name "${name}" is not an LwM2M path` };
    paths.push(name === '' ? '/' : name);
  }
  return { paths };
}
