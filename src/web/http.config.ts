import net from 'node:net';
import { z } from 'zod';
import { expects } from '../settings/env-schemas.ts';

/** HTTP settings of the site, merged into the one environment schema in config.ts. */
export const httpEnv = {
  FOLIO_PORT: expects(
    z
      .string()
      .regex(/^\d{1,5}$/)
      .transform(Number)
      .refine((port) => port <= 65535)
      .default(3000),
    'a port number from 0 to 65535',
  ),
  FOLIO_HOST: expects(
    z.string().min(1).default('0.0.0.0'),
    'a host name or address to listen on, e.g. 0.0.0.0',
  ),
  FOLIO_BASE_URL: expects(
    z.url({ protocol: /^https?$/ }).optional(),
    'an http:// or https:// URL, e.g. https://papers.example.org',
  ),
  // Which proxy's X-Forwarded-For to believe: unset/0 = none (the socket address is the
  // client), a number = that many proxies in front, or a list of proxy addresses/CIDRs.
  FOLIO_TRUSTED_PROXY: z
    .string()
    .refine(
      (v) => v.trim() === '' || /^\d{1,2}$/.test(v.trim()) || v.split(',').every(isCidr),
      'a hop count such as 1, or addresses/CIDRs such as 10.0.0.0/8,127.0.0.1',
    )
    .optional(),
  // Bearer token a Prometheus scraper sends for /metrics; unset, only loopback may scrape.
  FOLIO_METRICS_TOKEN: expects(z.string().min(16).optional(), 'at least 16 characters'),
};

/** Who reports client addresses: nobody, the last `hops` proxies, or proxies in these networks. */
export type TrustedProxy =
  { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'networks'; networks: string[] };

type HttpEnv = z.output<z.ZodObject<typeof httpEnv>>;

/** The parsed HTTP variables as configuration: where to listen, the public address, proxies. */
export function httpConfig(e: HttpEnv) {
  const port = e.FOLIO_PORT;
  return {
    port,
    host: e.FOLIO_HOST,
    /** The site's public address, without a trailing slash. */
    baseUrl: (e.FOLIO_BASE_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    /** Whose X-Forwarded-For names the client (rate limits by address). */
    trustedProxy: Object.freeze(trustedProxyConfig(e)),
    /** What a scraper of /metrics must send as a bearer token; unset, loopback only. */
    metricsToken: e.FOLIO_METRICS_TOKEN,
  };
}

function trustedProxyConfig(e: HttpEnv): TrustedProxy {
  const value = (e.FOLIO_TRUSTED_PROXY ?? '').trim();
  if (value === '' || value === '0') return { kind: 'none' };
  if (/^\d+$/.test(value)) return { kind: 'hops', hops: Number(value) };
  return {
    kind: 'networks',
    networks: value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  };
}

function isCidr(text: string): boolean {
  const [address, bits, extra] = text.trim().split('/');
  if (extra !== undefined || !address || net.isIP(address) === 0) return false;
  if (bits === undefined) return true;
  const max = net.isIP(address) === 4 ? 32 : 128;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= max;
}
