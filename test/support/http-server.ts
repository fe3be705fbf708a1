import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  /** The request body as text (empty for none). */
  body: string;
}

export interface LocalServer {
  /** http://127.0.0.1:PORT */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export type Reply = { status: number; headers?: Record<string, string>; body?: string | Buffer };

/**
 * A local HTTP server standing in for a remote service (arXiv, GitHub, Hugging Face): `handle`
 * answers each request, typically with a recorded real response; every request is recorded.
 */
export async function startLocalServer(
  handle: (request: RecordedRequest) => Reply | Promise<Reply>,
): Promise<LocalServer> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    new Promise<void>((resolve) => req.on('end', () => resolve()))
      .then(() => {
        const request = {
          method: req.method ?? 'GET',
          url: req.url ?? '/',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        requests.push(request);
        return handle(request);
      })
      .then((reply) => {
        res.writeHead(reply.status, reply.headers ?? {});
        res.end(reply.body ?? '');
      })
      .catch(() => {
        res.writeHead(500);
        res.end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
