import { sign } from '../security/signing.ts';

/** Where digest links point and what the list headers say; derived from the configuration. */
export interface MailSite {
  baseUrl: string;
  /** The sender's address (`Folio <folio@example.org>`): its domain names the list. */
  from: string;
  secret: string;
}

/** The bare address of a From value: `Folio <folio@example.org>` → `folio@example.org`. */
export function bareAddress(from: string): string {
  return (/<([^<>\s]+)>/.exec(from)?.[1] ?? from).trim();
}

/** The domain Message-IDs and List-Id use: the sender's, else the site's host name. */
export function mailDomain(site: MailSite): string {
  const fromDomain = bareAddress(site.from).split('@')[1];
  return (fromDomain || new URL(site.baseUrl).hostname).toLowerCase();
}

/**
 * The Message-ID of a (subscriber, period) digest: the same on every attempt, so a message sent
 * twice would carry one id that receiving systems can recognise.
 */
export function digestMessageId(site: MailSite, subscriberId: number, periodKey: string): string {
  const tag = sign(site.secret, `message-id:${subscriberId}:${periodKey}`, 'hex').slice(0, 12);
  const period = periodKey.replace(/[^A-Za-z0-9-]/g, '.');
  return `<digest.${period}.${subscriberId}.${tag}@${mailDomain(site)}>`;
}

/**
 * List headers of every digest (RFC 2369, RFC 8058): List-Unsubscribe with the one-click https
 * link and a mailto, and List-Unsubscribe-Post so a mail client can unsubscribe with one POST.
 */
export function listHeaders(site: MailSite, unsubscribeUrl: string, token: string) {
  const mailto = `mailto:${bareAddress(site.from)}?subject=${encodeURIComponent(`unsubscribe ${token}`)}`;
  return {
    'List-Id': `Folio digest <digest.${mailDomain(site)}>`,
    'List-Unsubscribe': `<${unsubscribeUrl}>, <${mailto}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    'Auto-Submitted': 'auto-generated',
  };
}
