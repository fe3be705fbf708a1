import type { NotificationLine } from '../notification-mail.ts';
import { MailFootnote, MailLine, mailFrame } from './mail-frame.tsx';
import type { NoticeMail } from './notice-mail.tsx';

/** A member's new notifications as one message (HTML and plain text). */
export function renderNotificationMail(
  lines: readonly NotificationLine[],
  listUrl: string,
  settingsUrl: string,
): NoticeMail {
  const count = lines.length;
  const subject = `Folio: ${count} new notification${count === 1 ? '' : 's'}`;
  const html = mailFrame({
    title: subject,
    heading: subject.replace('Folio: ', ''),
    rows: (
      <>
        {lines.map((line) => (
          <MailLine>
            <a href={line.url} style="color: #1a56c4;">
              {line.text}
            </a>
          </MailLine>
        ))}
        <MailFootnote>
          All your notifications: <a href={listUrl}>{listUrl}</a>. You get these because you asked
          for notifications by mail; switch them off at <a href={settingsUrl}>{settingsUrl}</a>.
        </MailFootnote>
      </>
    ),
  });
  const text = [
    subject.replace('Folio: ', ''),
    '',
    ...lines.flatMap((l) => [`- ${l.text}`, `  ${l.url}`]),
    '',
    `All your notifications: ${listUrl}`,
    `Switch notification mail off: ${settingsUrl}`,
    '',
  ].join('\n');
  return { subject, html, text };
}
