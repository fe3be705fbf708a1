import { classifySmtpError } from '../mail/smtp-errors.ts';
import type { DigestDeps } from './digest-deps.ts';
import type { NoticeMail } from './render/notice-mail.tsx';

const ATTEMPTS = 3;

/**
 * Sends a confirmation or manage message in the background, so the form answers at once and in
 * the same time whatever the address. Transient failures are retried a few times; a message
 * that still fails is logged, and the person can ask again.
 */
export function sendNoticeInBackground(deps: DigestDeps, to: string, mail: NoticeMail): void {
  void (async () => {
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        await deps.mailer.send({
          to,
          subject: mail.subject,
          html: mail.html,
          text: mail.text,
          headers: { 'Auto-Submitted': 'auto-generated' },
        });
        return;
      } catch (error) {
        const failure = classifySmtpError(error);
        if (failure.kind === 'permanent' || attempt === ATTEMPTS) {
          deps.logger.warn(
            { failure, subject: mail.subject },
            'could not send a subscription notice',
          );
          return;
        }
        await new Promise((r) => setTimeout(r, 500 * 4 ** (attempt - 1)));
      }
    }
  })();
}
