import { describe, expect, it } from 'vitest';
import {
  confirmToken,
  manageToken,
  readConfirmToken,
  readManageToken,
} from '../digest/digest-tokens.ts';
import { personalFeedToken, readPersonalFeedToken } from '../web/feeds/personal-feed-token.ts';
import {
  hashToken,
  randomKey,
  randomToken,
  sameText,
  sign,
  signParts,
  verifyParts,
} from './signing.ts';

const SECRET = 'test-secret';

describe('signed parts', () => {
  it('reads back what it signed, in its own scope only', () => {
    const token = signParts(SECRET, 'folio-test:a', ['12', 'key']);
    expect(verifyParts(SECRET, 'folio-test:a', token)).toEqual(['12', 'key']);
    expect(verifyParts(SECRET, 'folio-test:b', token)).toBeNull();
    expect(verifyParts('other-secret', 'folio-test:a', token)).toBeNull();
  });

  it('refuses tampered, malformed and oversized tokens', () => {
    const token = signParts(SECRET, 'scope', ['1', 'k']);
    const [payload, mac] = token.split('.') as [string, string];
    const forged = `${Buffer.from('2.k').toString('base64url')}.${mac}`;
    expect(verifyParts(SECRET, 'scope', forged)).toBeNull();
    expect(verifyParts(SECRET, 'scope', `${payload}.${mac}.x`)).toBeNull();
    expect(verifyParts(SECRET, 'scope', `.${mac}`)).toBeNull();
    expect(verifyParts(SECRET, 'scope', 42)).toBeNull();
    expect(verifyParts(SECRET, 'scope', `${payload}.${'A'.repeat(600)}`)).toBeNull();
  });
});

describe('tokens made before the signing module still work', () => {
  // Made by the earlier digest and feed token code with the same secret: links already in
  // inboxes and feed readers must keep working.
  it('digest manage and confirmation links', () => {
    const manage = 'NDIuazN5.DoJv_2VCI26VIte5T81WCelEfSjrJfQcaYCWjbjefO4';
    const confirm = 'Ny5ub25jZTEuMTc5NjUxNTIwMDAwMA.g_ucz9KYP5HIcSfTr_AZb53qehsnhyOSXb8u5O3GD5c';
    expect(manageToken(SECRET, 42, 'k3y')).toBe(manage);
    expect(readManageToken(SECRET, manage)).toEqual({ subscriberId: 42, manageKey: 'k3y' });
    const expiresAt = new Date(Date.UTC(2026, 11, 6));
    expect(confirmToken(SECRET, 7, 'nonce1', expiresAt)).toBe(confirm);
    expect(readConfirmToken(SECRET, confirm)).toEqual({
      subscriberId: 7,
      nonce: 'nonce1',
      expiresAt,
    });
    // A manage token is not a confirmation, and the other way round.
    expect(readConfirmToken(SECRET, manage)).toBeNull();
    expect(readManageToken(SECRET, confirm)).toBeNull();
  });

  it('personal feed addresses', () => {
    expect(sign(SECRET, 'personal-feed:5')).toBe('hEkHoh7Nop4cwrILI4RilWgBtMPmgLY7eA1454XHQqc');
    const token = personalFeedToken(SECRET, 5);
    expect(token).toBe('5-hEkHoh7Nop4cwrILI4RilWgBtMPmgLY7');
    expect(readPersonalFeedToken(SECRET, token)).toBe(5);
    expect(readPersonalFeedToken(SECRET, '6-hEkHoh7Nop4cwrILI4RilWgBtMPmgLY7')).toBeNull();
  });
});

describe('random values and hashes', () => {
  it('makes URL-safe random tokens of the stated size', () => {
    expect(randomToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomKey()).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(randomToken()).not.toBe(randomToken());
  });

  it('hashes a token the same way every time and never to itself', () => {
    expect(hashToken('abc')).toBe('ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
    expect(sign(SECRET, 'message-id:1:2026-W12', 'hex')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('compares text of any length', () => {
    expect(sameText('abc', 'abc')).toBe(true);
    expect(sameText('abc', 'abd')).toBe(false);
    expect(sameText('abc', 'abcd')).toBe(false);
  });
});
