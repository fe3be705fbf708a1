import net from 'node:net';
import type { MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { TrustedProxy } from '../http.config.ts';

declare module 'hono' {
  interface ContextVariableMap {
    /** The client's address: the socket's, or what a trusted proxy reports. */
    clientAddress: string;
  }
}

/** Sets `c.var.clientAddress` once per request, by the trusted-proxy setting. */
export function clientAddressMiddleware(trust: TrustedProxy): MiddlewareHandler {
  const networks = trust.kind === 'networks' ? blockList(trust.networks) : null;
  return async (c, next) => {
    let socket: string;
    try {
      socket = normalize(getConnInfo(c).remote.address ?? 'unknown');
    } catch {
      // Requests made in-process (tests) have no socket.
      socket = 'local';
    }
    const forwarded = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((s) => normalize(s.trim()))
      .filter((s) => net.isIP(s) !== 0);
    c.set('clientAddress', resolveClient(trust, networks, socket, forwarded));
    await next();
  };
}

/**
 * The client address from the socket address and X-Forwarded-For (left to right as proxies
 * appended). With `hops`, the entry that many places from the right, each hop being a proxy we
 * run; with networks, the rightmost address that is not one of our proxies, and only when the
 * socket itself is one. Anything else believes the socket: a client cannot choose its bucket.
 */
export function resolveClient(
  trust: TrustedProxy,
  networks: net.BlockList | null,
  socket: string,
  forwarded: string[],
): string {
  if (trust.kind === 'hops') {
    if (forwarded.length === 0) return socket;
    return forwarded[Math.max(0, forwarded.length - trust.hops)]!;
  }
  if (trust.kind === 'networks' && networks) {
    if (!isIn(networks, socket)) return socket;
    for (let i = forwarded.length - 1; i >= 0; i--)
      if (!isIn(networks, forwarded[i]!)) return forwarded[i]!;
    return forwarded[0] ?? socket;
  }
  return socket;
}

function blockList(networks: string[]): net.BlockList {
  const list = new net.BlockList();
  for (const entry of networks) {
    const [address, bits] = entry.split('/');
    const type = net.isIP(address!) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address!, type);
    else list.addSubnet(address!, Number(bits), type);
  }
  return list;
}

function isIn(list: net.BlockList, address: string): boolean {
  const type = net.isIP(address);
  return type !== 0 && list.check(address, type === 6 ? 'ipv6' : 'ipv4');
}

/** ::ffff:1.2.3.4 (an IPv4 client on a dual-stack socket) → 1.2.3.4 */
function normalize(address: string): string {
  return address.startsWith('::ffff:') && net.isIPv4(address.slice(7)) ? address.slice(7) : address;
}
