import { describe, expect, it } from 'vitest';
import { InvalidAddressError, normalizeAddress } from '../mail/address.ts';
import { classifySmtpError } from '../mail/smtp-errors.ts';
import { listHeaders } from './mail-headers.ts';
import { nextDueAt, zonedHourToUtc } from './schedule.ts';
import { InvalidPreferenceError, parsePreferences, parseTimeZone } from './topics.ts';
import { confirmToken, manageToken, readConfirmToken, readManageToken } from './digest-tokens.ts';

const schedule = { hour: 8, weekday: 'mon' as const };

describe('digest schedule', () => {
  it('finds the next local 08:00 on a weekday, across daylight-saving changes', () => {
    // Friday 27 March 2026, 09:00 in Paris (CET, UTC+1) → Monday 30 March 08:00 CEST (UTC+2).
    expect(
      nextDueAt(new Date('2026-03-27T08:00:00Z'), 'daily', 'Europe/Paris', schedule).toISOString(),
    ).toBe('2026-03-30T06:00:00.000Z');
    expect(
      nextDueAt(new Date('2026-07-01T12:00:00Z'), 'weekly', 'America/New_York', schedule),
    ).toEqual(new Date('2026-07-06T12:00:00Z'));
    expect(nextDueAt(new Date('2026-07-01T07:59:00Z'), 'daily', 'UTC', schedule)).toEqual(
      new Date('2026-07-01T08:00:00Z'),
    );
    // 02:30 does not exist in New York on 8 March 2026: the first instant after the gap.
    expect(zonedHourToUtc('2026-03-08', 2, 'America/New_York').toISOString()).toBe(
      '2026-03-08T07:00:00.000Z',
    );
  });
});

describe('digest preferences', () => {
  it('validates time zones with Intl and topics with limits', () => {
    expect(parseTimeZone('europe/paris')).toBe('Europe/Paris');
    expect(() => parseTimeZone('Mars/Olympus')).toThrow(InvalidPreferenceError);
    expect(() => parseTimeZone('UTC\r\nBcc: x')).toThrow(InvalidPreferenceError);
    const prefs = parsePreferences({
      frequency: 'weekly',
      categories: ['cs.LG', 'math.OC, stat.ML'],
      keywords: 'Diffusion,\r\n graph  networks ',
      query: '  "large language models" ',
      timeZone: 'Asia/Tokyo',
    });
    expect(prefs).toEqual({
      frequency: 'weekly',
      timeZone: 'Asia/Tokyo',
      topics: {
        categories: ['cs.LG', 'math.OC', 'stat.ML'],
        keywords: ['diffusion', 'graph networks'],
        query: '"large language models"',
      },
    });
    expect(() => parsePreferences({ categories: 'cs.LG; drop table' })).toThrow(/arXiv category/);
    expect(() => parsePreferences({ frequency: 'hourly' })).toThrow(InvalidPreferenceError);
  });
});

describe('digest links and headers', () => {
  const secret = 'x'.repeat(40);
  it('signs tokens so that they cannot be altered or reused for another purpose', () => {
    const manage = manageToken(secret, 7, 'key');
    expect(readManageToken(secret, manage)).toEqual({ subscriberId: 7, manageKey: 'key' });
    expect(readManageToken('y'.repeat(40), manage)).toBeNull();
    expect(readManageToken(secret, manage.replace(/^./, 'A'))).toBeNull();
    expect(readConfirmToken(secret, manage)).toBeNull();
    const confirm = confirmToken(secret, 7, 'nonce', new Date('2026-07-03T00:00:00Z'));
    expect(readConfirmToken(secret, confirm)?.expiresAt.toISOString()).toBe(
      '2026-07-03T00:00:00.000Z',
    );
    expect(readManageToken(secret, confirm)).toBeNull();
  });

  it('refuses every address that could add a header line', () => {
    for (const bad of [
      'a@example.org\r\nBcc: b@example.org',
      'a@example.org\nX: y',
      'a@example.org\u2028',
      'a\u0000@example.org',
      '"quoted"@example.org',
      'a@example.org>, <b@example.org',
      'a@-example.org',
      `${'a'.repeat(65)}@example.org`,
    ])
      expect(() => normalizeAddress(bad), bad).toThrow(InvalidAddressError);
    expect(normalizeAddress('  Ada.Lovelace+papers@Example.ORG ')).toBe(
      'ada.lovelace+papers@example.org',
    );
  });

  it('builds RFC 2369 and RFC 8058 list headers with nothing a subscriber typed', () => {
    const headers = listHeaders(
      { baseUrl: 'https://papers.example.org', from: 'Folio <digest@papers.example.org>', secret },
      'https://papers.example.org/digest/unsubscribe?token=abc.def',
      'abc.def',
    );
    expect(headers).toEqual({
      'List-Id': 'Folio digest <digest.papers.example.org>',
      'List-Unsubscribe':
        '<https://papers.example.org/digest/unsubscribe?token=abc.def>, <mailto:digest@papers.example.org?subject=unsubscribe%20abc.def>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'Auto-Submitted': 'auto-generated',
    });
    for (const value of Object.values(headers)) expect(value).not.toMatch(/[\r\n]/);
  });

  it('classifies SMTP failures: 4xx and lost connections retry, 5xx are permanent', () => {
    expect(classifySmtpError({ responseCode: 451, message: 'try later' }).kind).toBe('transient');
    expect(classifySmtpError({ code: 'ECONNECTION', message: 'refused' }).kind).toBe('transient');
    expect(classifySmtpError({ responseCode: 550, message: 'no such user' }).kind).toBe(
      'permanent',
    );
    expect(
      classifySmtpError({ message: 'auth failed at smtp://user:secret@host\nmore' }).message,
    ).toBe('auth failed at smtp://***@host');
  });
});
