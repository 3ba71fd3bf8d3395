// What a fleet device answers when the server asks: one table of C.1 values shared by every
// device, with the few values that are a device's own (its serial number, its lifetime) filled
// in at answer time. Requests are rare beside Updates, so they are decoded in full.
import { accept, decodeMessage, encodeMessage, uriPath, type CoapMessage } from '../coap/message.ts';
import { OptionNumber, encodeUint } from '../coap/options.ts';

const shared: Record<string, string> = {
  '/1/0/0': '1',
  '/1/0/6': 'false',
  '/1/0/7': 'U',
  '/3/0/0': 'lwm2m-conformance',
  '/3/0/1': 'fleet-device',
  '/3/0/3': '1.0.0',
  '/3/0/16': 'U',
};

/** What one device answered, and whether the server asked it for an Update now (Execute /1/0/8). */
export interface Answer {
  bytes: Buffer;
  updateNow: boolean;
}

/** The answer to a request datagram, or undefined when it is no request (or unreadable). */
export function answerRequest(bytes: Buffer, device: { endpoint: string; lifetimeS: number }): Answer | undefined {
  const decoded = decodeMessage(bytes);
  if (!decoded.ok) return undefined;
  const req = decoded.message;
  const path = uriPath(req);
  const value = path === '/3/0/2' ? device.endpoint : path === '/1/0/1' ? String(device.lifetimeS) : shared[path];
  const reply = (code: string, payload?: string): Buffer =>
    encodeMessage(responseTo(req, code, payload === undefined ? [] : [{ number: OptionNumber.ContentFormat, value: encodeUint(0) }], payload));
  if (req.code === '0.01' && value !== undefined) {
    // Only text/plain; an Observe is answered as a plain read, which RFC 7641 lets a server take as "not observed".
    const wanted = accept(req);
    return { bytes: wanted === undefined || wanted === 0 ? reply('2.05', value) : reply('4.06'), updateNow: false };
  }
  if (req.code === '0.02' && path === '/1/0/8') return { bytes: reply('2.04'), updateNow: true };
  return { bytes: reply(value === undefined ? '4.04' : '4.05'), updateNow: false };
}

function responseTo(req: CoapMessage, code: string, options: CoapMessage['options'], payload?: string): CoapMessage {
  return {
    type: req.type === 'CON' ? 'ACK' : 'NON',
    code,
    messageId: req.type === 'CON' ? req.messageId : (req.messageId + 1) & 0xffff,
    token: req.token,
    options,
    payload: Buffer.from(payload ?? ''),
  };
}
