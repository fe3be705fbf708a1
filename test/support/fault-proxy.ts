import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface FaultProxy {
  /** The port clients connect to on 127.0.0.1. */
  port: number;
  /** Cuts every open connection and refuses new ones, as a stopped server does. */
  down(): Promise<void>;
  /** Accepts connections again on the same port, as a restarted server does. */
  up(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A TCP relay in front of a real server (a PostgreSQL socket path or host:port), so a test can
 * take the server away and bring it back without touching the server others use.
 */
export async function startFaultProxy(
  target: { path: string } | { host: string; port: number },
): Promise<FaultProxy> {
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = net.createServer((client) => {
        const upstream = net.connect(target);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => undefined);
        }
        client.pipe(upstream).pipe(client);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        port = (s.address() as AddressInfo).port;
        server = s;
        resolve();
      });
    });
  const down = async () => {
    const s = server;
    server = null;
    for (const socket of sockets) socket.destroy();
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  await listen();
  return { port, down, up: listen, close: down };
}
