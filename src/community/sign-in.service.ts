import type { Db } from '../db/database.ts';
import type { Clock } from '../domain/clock.ts';
import { AppError } from '../domain/errors.ts';
import type { Mailer } from '../mail/mailer.ts';
import {
  deleteStaleSignInTokens,
  insertSignInToken,
  useSignInToken,
} from './sign-in.repository.ts';
import { hashToken, randomToken } from '../security/signing.ts';
import { findUserByEmail } from './user.repository.ts';
import { ensureUser } from './user.service.ts';
import type { User } from './user.ts';

/** How long an emailed sign-in link works. */
export const SIGN_IN_MINUTES = 20;

export interface SignInDeps {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  baseUrl: string;
  /**
   * Told the link when no mail server is configured (the mailer writes to its outbox folder),
   * so the operator can find it in the server log; never called when mail is really sent.
   */
  onOutboxLink?: (email: string, link: string) => void;
}

/**
 * Emails a one-time sign-in link. The caller answers the same way whatever happens here, so
 * the page never tells whether an address has an account; suspended accounts get no mail.
 */
export async function sendSignInLink(deps: SignInDeps, email: string): Promise<void> {
  const existing = await findUserByEmail(deps.db.kysely, email);
  if (existing?.status === 'suspended') return;
  const token = randomToken();
  const now = deps.clock.now();
  await deleteStaleSignInTokens(deps.db.kysely, new Date(now.getTime() - 86_400_000).toISOString());
  await insertSignInToken(deps.db.kysely, {
    tokenHash: hashToken(token),
    email,
    now: now.toISOString(),
    expiresAt: new Date(now.getTime() + SIGN_IN_MINUTES * 60_000).toISOString(),
  });
  const link = `${deps.baseUrl}/sign-in/verify?token=${encodeURIComponent(token)}`;
  await sendMail(deps, {
    to: email,
    subject: 'Your Folio sign-in link',
    text: [
      'Open this link to sign in to Folio:',
      '',
      link,
      '',
      `It works once, for ${SIGN_IN_MINUTES} minutes. If you did not ask for it, ignore this message.`,
    ].join('\n'),
  });
  if (deps.mailer.kind === 'outbox') deps.onOutboxLink?.(email, link);
}

async function sendMail(deps: SignInDeps, message: Parameters<Mailer['send']>[0]): Promise<void> {
  try {
    await deps.mailer.send(message);
  } catch {
    // The mail server's reply may name addresses or hosts; the visitor gets a plain message.
    throw new AppError(
      503,
      'mail_unavailable',
      'The sign-in email could not be sent just now. Try again in a few minutes.',
    );
  }
}

/** Uses a sign-in link's token: the member it signs in (created on first sign-in). */
export async function redeemSignInLink(
  deps: Pick<SignInDeps, 'db' | 'clock'>,
  token: string,
): Promise<User> {
  const email =
    token.length >= 20 && token.length <= 100
      ? await useSignInToken(deps.db.kysely, hashToken(token), deps.clock.now().toISOString())
      : null;
  if (!email)
    throw new AppError(
      400,
      'link_expired',
      'This sign-in link has expired or was already used. Ask for a new one.',
    );
  const user = await ensureUser(deps.db, deps.clock, email);
  if (user.status === 'suspended')
    throw new AppError(403, 'suspended', 'This account is suspended.');
  return user;
}
