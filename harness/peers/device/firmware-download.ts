// How the simulated device pulls a firmware package from a Package URI (/5/0/1): a CoAP GET
// followed block by block (RFC 7959 Block2), in order, holding to the ETag of the first block.
// Every way it can end is an outcome the Firmware Update object turns into an Update Result.
import { CoapEndpoint } from '../../coap/endpoint.ts';
import { block2, optionValue, size2 } from '../../coap/message.ts';
import { encodeBlock, OptionNumber } from '../../coap/options.ts';
import type { TransmissionParams } from '../../coap/transmission.ts';
import type { TraceRecorder } from '../../coap/trace.ts';

export type DownloadOutcome =
  | { kind: 'complete'; body: Buffer }
  /** The URI is not one the device can fetch from (malformed, or the server has no such resource). */
  | { kind: 'invalid-uri'; detail: string }
  /** A scheme the device does not speak (coaps, http, https…). */
  | { kind: 'unsupported-protocol'; detail: string }
  /** The server stopped answering or refused mid-transfer. */
  | { kind: 'connection-lost'; detail: string }
  /** The package announces (Size2) or reaches more bytes than the device may take. */
  | { kind: 'too-large'; detail: string }
  /** The device ran out of working memory while receiving (a condition set on its console). */
  | { kind: 'out-of-ram'; detail: string }
  | { kind: 'cancelled' };

export interface DownloadOptions {
  uri: string;
  /** Most bytes the device stores. */
  maxBytes: number;
  /** Working memory gives out after the first block. */
  lowRam: boolean;
  /** Whether the download is still wanted (a reset or reboot abandons it). */
  wanted: () => boolean;
  params?: Partial<TransmissionParams>;
  trace?: TraceRecorder;
}

/** The device's preferred block size: SZX 6, 1024 bytes; the server may answer smaller blocks. */
const preferredSzx = 6;

export async function download(options: DownloadOptions): Promise<DownloadOutcome> {
  const match = /^([a-z][a-z0-9+.-]*):\/\/(\[[0-9a-fA-F:.]+\]|[^:/[\]?#]+)(?::(\d{1,5}))?(\/[^?#]*)?$/i.exec(options.uri);
  if (!match) return { kind: 'invalid-uri', detail: `"${options.uri}" is not an absolute URI` };
  const scheme = match[1]!.toLowerCase();
  if (scheme !== 'coap') return { kind: 'unsupported-protocol', detail: `${scheme}:// (the device downloads over coap:// only)` };
  const host = match[2]!.replace(/^\[|\]$/g, '');
  const port = match[3] ? Number(match[3]) : 5683;
  if (port < 1 || port > 65535) return { kind: 'invalid-uri', detail: `port ${port}` };
  const path = match[4] ?? '/';
  const peer = { address: host === 'localhost' ? '127.0.0.1' : host, port };
  let endpoint: CoapEndpoint;
  try {
    endpoint = await CoapEndpoint.bind({
      address: peer.address.includes(':') ? '::1' : '127.0.0.1',
      name: 'device (firmware download)',
      ...(options.params ? { params: options.params } : {}),
      ...(options.trace ? { trace: options.trace } : {}),
    });
  } catch (error) {
    return { kind: 'invalid-uri', detail: `cannot reach ${host}: ${(error as Error).message}` };
  }
  try {
    return await fetchBlocks(endpoint, peer, path, options);
  } finally {
    await endpoint.close();
  }
}

async function fetchBlocks(endpoint: CoapEndpoint, peer: { address: string; port: number }, path: string, options: DownloadOptions): Promise<DownloadOutcome> {
  const chunks: Buffer[] = [];
  let length = 0;
  let etag: Buffer | undefined;
  let szx = preferredSzx;
  let restarted = false;
  for (let num = 0; ; ) {
    if (!options.wanted()) return { kind: 'cancelled' };
    let response;
    try {
      response = await endpoint.request(peer, {
        method: 'GET',
        path,
        noBlockwise: true,
        options: [{ number: OptionNumber.Block2, value: encodeBlock({ num, more: false, szx }) }],
      });
    } catch (error) {
      return { kind: 'connection-lost', detail: `block ${num}: ${(error as Error).message}` };
    }
    if (!options.wanted()) return { kind: 'cancelled' };
    const code = response.code;
    if (num === 0 && (code === '4.04' || code === '4.00' || code === '4.02')) return { kind: 'invalid-uri', detail: `GET ${path} answered ${code}` };
    if (!code.startsWith('2.')) return { kind: 'connection-lost', detail: `block ${num} answered ${code}` };
    const block = block2(response.message);
    const tag = optionValue(response.message, OptionNumber.ETag);
    if (num === 0) {
      etag = tag;
      const total = size2(response.message);
      if (total !== undefined && total > options.maxBytes) return { kind: 'too-large', detail: `Size2 ${total} bytes, storage ${options.maxBytes}` };
    } else if (etag && (!tag || !tag.equals(etag))) {
      // The image changed under the transfer (RFC 7959 §2.4): start again once, then give up.
      if (restarted) return { kind: 'connection-lost', detail: 'the ETag changed twice during the transfer' };
      restarted = true;
      chunks.length = 0;
      length = 0;
      num = 0;
      continue;
    }
    // An empty block that promises more would never end the transfer.
    if (block?.more && response.payload.length === 0) return { kind: 'connection-lost', detail: `block ${num} is empty but says more follow` };
    chunks.push(response.payload);
    length += response.payload.length;
    if (length > options.maxBytes) return { kind: 'too-large', detail: `more than ${options.maxBytes} bytes` };
    if (options.lowRam) return { kind: 'out-of-ram', detail: `no buffer for block ${num + 1}` };
    if (!block || !block.more) return { kind: 'complete', body: Buffer.concat(chunks) };
    // Later blocks are counted in the size the server chose for the first.
    if (num === 0) szx = block.szx;
    num = length / (16 << szx);
    if (!Number.isInteger(num)) return { kind: 'connection-lost', detail: `a block of ${response.payload.length} bytes is not the block size` };
  }
}
