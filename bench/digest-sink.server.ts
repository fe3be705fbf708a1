/**
 * A counting SMTP server for the digest benchmark, run as its own process so that it does not
 * share the sender's event loop: it accepts every message, counts it and its bytes, keeps nothing.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

let messages = 0;
let bytes = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  maxClients: 64,
  onData(stream, _session, callback) {
    stream.on('data', (chunk: Buffer) => (bytes += chunk.length));
    stream.on('end', () => {
      messages++;
      callback();
    });
  },
});
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.server.address() as AddressInfo).port });
});
process.on('message', (m) => {
  if (m === 'count') process.send?.({ messages, bytes });
  if (m === 'stop') server.close(() => process.exit(0));
});
