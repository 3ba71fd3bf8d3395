// The load of a registration storm: N LwM2M clients, each registering once from an address and
// port of its own, at most `window` Registers in flight, each retransmitted as RFC 7252 §4.2
// says (ACK_TIMEOUT × a random factor, doubled each time, MAX_RETRANSMIT times) before the
// client gives up.
//
// Source addresses: a client's socket is open only while its Register is in flight, so at most
// `window` sockets (file descriptors) are open at once, whatever N is. Each client binds its own
// (address, port) pair, never reused within a storm: ports 10000-32767 (below Linux's ephemeral
// range, so the generator does not compete with other programs' sockets) on 127.0.0.2,
// 127.0.0.3, …; Linux routes all of 127/8 to the loopback interface.
import { createSocket, type Socket } from 'node:dgram';
import { decodeMessage, encodeMessage, optionValues } from '../../harness/coap/message.ts';
import { OptionNumber } from '../../harness/coap/options.ts';

export interface StormOptions {
  /** Where the server listens (127.0.0.1). */
  port: number;
  clients: number;
  window: number;
  /** Counts of registered clients at which a slice ends (e.g. 1000, 10000, 50000, 100000). */
  marks: readonly number[];
  lifetimeS: number;
  ackTimeoutMs: number;
  ackRandomFactor: number;
  maxRetransmit: number;
  /** Called as each mark is reached (e.g. to read the server's memory then). */
  onMark?: (registered: number) => void;
  /** Endpoint names are `${prefix}${n}` (default 'storm-'). */
  prefix?: string;
  /** Each client De-registers once registered (a DELETE of its location, answered before it ends). */
  deregister?: boolean;
  /** Where this storm's source pairs begin: a later storm starts past an earlier one's. */
  firstSource?: number;
}

export interface Slice {
  /** Registered clients when the slice began and ended. */
  from: number;
  to: number;
  seconds: number;
  /** Registrations per second within the slice. */
  rate: number;
}

export interface StormResult {
  slices: Slice[];
  registered: number;
  /** Clients that got no ACK through all their retransmissions. */
  gaveUp: number;
  /** Clients answered with something other than 2.01. */
  refused: number;
  retransmissions: number;
  seconds: number;
  /** Source pairs taken: the next storm's firstSource. */
  sourcesUsed: number;
}

const firstPort = 10_000;
const lastPort = 32_767;

/** The source address and port of the n-th bind attempt. */
function source(n: number): { address: string; port: number } {
  const perAddress = lastPort - firstPort + 1;
  const host = 2 + Math.floor(n / perAddress);
  if (host > 254) throw new Error('out of source addresses in 127.0.0.0/24');
  return { address: `127.0.0.${host}`, port: firstPort + (n % perAddress) };
}

function registerRequest(name: string, client: number, messageId: number, lifetimeS: number): Buffer {
  const query = [`ep=${name}`, `lt=${lifetimeS}`, 'lwm2m=1.1', 'b=U'];
  return encodeMessage({
    type: 'CON',
    code: '0.02',
    messageId,
    token: Buffer.from([client >>> 24, client >>> 16, client >>> 8, client].map((b) => b & 0xff)),
    options: [
      { number: OptionNumber.UriPath, value: Buffer.from('rd') },
      { number: OptionNumber.ContentFormat, value: Buffer.from([40]) },
      ...query.map((q) => ({ number: OptionNumber.UriQuery, value: Buffer.from(q) })),
    ],
    payload: Buffer.from('</1/0>,</3/0>,</4/0>'),
  });
}

export function storm(options: StormOptions): Promise<StormResult> {
  const marks = [...options.marks].sort((a, b) => a - b);
  const result: StormResult = { slices: [], registered: 0, gaveUp: 0, refused: 0, retransmissions: 0, seconds: 0, sourcesUsed: 0 };
  const prefix = options.prefix ?? 'storm-';
  let sourceCursor = options.firstSource ?? 0;
  let started = 0;
  let finished = 0;
  const startedAt = performance.now();
  let sliceStart = { at: startedAt, count: 0 };

  return new Promise((resolve, reject) => {
    const finish = (outcome: 'registered' | 'gave-up' | 'refused') => {
      finished++;
      if (outcome === 'gave-up') result.gaveUp++;
      else if (outcome === 'refused') result.refused++;
      else {
        result.registered++;
        if (result.registered === marks[result.slices.length]) {
          const now = performance.now();
          const seconds = (now - sliceStart.at) / 1000;
          result.slices.push({ from: sliceStart.count, to: result.registered, seconds, rate: (result.registered - sliceStart.count) / seconds });
          sliceStart = { at: now, count: result.registered };
          options.onMark?.(result.registered);
        }
      }
      if (finished === options.clients) {
        result.seconds = (performance.now() - startedAt) / 1000;
        result.sourcesUsed = sourceCursor - (options.firstSource ?? 0);
        resolve(result);
      } else if (started < options.clients) launch();
    };

    const launch = () => {
      const client = started++;
      const socket: Socket = createSocket({ type: 'udp4' });
      let messageId = client & 0xffff;
      let request = registerRequest(`${prefix}${client}`, client, messageId, options.lifetimeS);
      let deleting = false;
      let timer: NodeJS.Timeout | undefined;
      let done = false;
      const end = (outcome: 'registered' | 'gave-up' | 'refused') => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        socket.close();
        finish(outcome);
      };
      const send = (retransmission: number, timeoutMs: number) => {
        socket.send(request, options.port, '127.0.0.1');
        timer = setTimeout(() => {
          if (retransmission >= options.maxRetransmit) return end('gave-up');
          result.retransmissions++;
          send(retransmission + 1, timeoutMs * 2);
        }, timeoutMs);
      };
      socket.on('message', (bytes) => {
        // An ACK (type 2) for this Message ID; 0x41 is 2.01 Created.
        if (bytes.length < 4 || ((bytes[0]! >> 4) & 3) !== 2 || bytes.readUInt16BE(2) !== messageId) return;
        if (deleting) return end('registered');
        if (bytes[1] !== 0x41 || !options.deregister) return end(bytes[1] === 0x41 ? 'registered' : 'refused');
        const answer = decodeMessage(bytes);
        if (!answer.ok) return end('refused');
        // De-register: DELETE the location the 2.01 gave, as a new exchange.
        clearTimeout(timer);
        deleting = true;
        messageId = (messageId + 1) & 0xffff;
        request = encodeMessage({
          type: 'CON',
          code: '0.04',
          messageId,
          token: answer.message.token,
          options: optionValues(answer.message, OptionNumber.LocationPath).map((value) => ({ number: OptionNumber.UriPath, value })),
          payload: Buffer.alloc(0),
        });
        send(0, options.ackTimeoutMs);
      });
      const bind = () => {
        const at = source(sourceCursor++);
        socket.once('error', (error: NodeJS.ErrnoException) => {
          // A pair some other program holds: the client takes the next one.
          if (error.code === 'EADDRINUSE' && !done) return bind();
          reject(error);
        });
        socket.bind({ address: at.address, port: at.port, exclusive: true }, () => {
          socket.removeAllListeners('error');
          socket.on('error', () => {}); // a lost datagram is what retransmission is for
          const initial = options.ackTimeoutMs * (1 + Math.random() * (options.ackRandomFactor - 1));
          send(0, initial);
        });
      };
      bind();
    };

    for (let i = 0; i < Math.min(options.window, options.clients); i++) launch();
  });
}
