import net from 'node:net';
import { z } from 'zod';

/** HTTP settings of the site, merged into the one environment schema in config.ts. */
export const httpEnv = {
  // Which proxy's X-Forwarded-For to believe: unset/0 = none (the socket address is the
  // client), a number = that many proxies in front, or a list of proxy addresses/CIDRs.
  FOLIO_TRUSTED_PROXY: z
    .string()
    .refine(
      (v) => v.trim() === '' || /^\d{1,2}$/.test(v.trim()) || v.split(',').every(isCidr),
      'a hop count such as 1, or addresses/CIDRs such as 10.0.0.0/8,127.0.0.1',
    )
    .optional(),
};

/** Who reports client addresses: nobody, the last `hops` proxies, or proxies in these networks. */
export type TrustedProxy =
  { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'networks'; networks: string[] };

type HttpEnv = z.output<z.ZodObject<typeof httpEnv>>;

/** The parsed FOLIO_TRUSTED_PROXY value. */
export function trustedProxyConfig(e: HttpEnv): TrustedProxy {
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
