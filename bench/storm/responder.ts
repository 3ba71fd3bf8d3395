// The ceiling of a registration storm: a CoAP responder that does nothing but acknowledge each
// CON with a piggybacked 2.01 and a Location-Path, with no parsing beyond the header, no
// deduplication and no state. Prints `listening on PORT` on stderr.
import { createSocket } from 'node:dgram';

const socket = createSocket('udp4');
const location = Buffer.from([0x82, ...Buffer.from('rd'), 0x08, ...Buffer.from('00000000')]);
let count = 0;

socket.on('message', (bytes, from) => {
  if (bytes.length < 4 || bytes[0]! >> 6 !== 1 || ((bytes[0]! >> 4) & 3) !== 0) return;
  const tokenLength = bytes[0]! & 0x0f;
  const reply = Buffer.allocUnsafe(4 + tokenLength + location.length);
  reply[0] = 0x60 | tokenLength; // version 1, ACK
  reply[1] = 0x41; // 2.01 Created
  bytes.copy(reply, 2, 2, 4 + tokenLength); // Message ID and token
  location.copy(reply, 4 + tokenLength);
  reply.write((count++ >>> 0).toString(16).padStart(8, '0'), reply.length - 8, 'latin1');
  socket.send(reply, from.port, from.address);
});

socket.bind(0, '127.0.0.1', () => {
  // The receive buffer serve asks for (harness/transport/udp.ts): with the system's default a
  // burst of Registers overflows it, and the ceiling would measure retransmission timeouts.
  socket.setRecvBufferSize(4 << 20);
  process.stderr.write(`listening on ${socket.address().port}\n`);
});
process.once('SIGTERM', () => socket.close());
