import type { NotificationLine } from '../notification-mail.ts';
import type { NoticeMail } from './notice-mail.tsx';

const FONT = 'font-family: -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif;';

/** A member's new notifications as one message (HTML and plain text). */
export function renderNotificationMail(
  lines: readonly NotificationLine[],
  listUrl: string,
  settingsUrl: string,
): NoticeMail {
  const count = lines.length;
  const subject = `Folio: ${count} new notification${count === 1 ? '' : 's'}`;
  const page = (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="color-scheme" content="light dark" />
        <title>{subject}</title>
      </head>
      <body style="margin: 0; padding: 24px 12px;">
        <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border={0}>
          <tr>
            <td align="center">
              <table
                role="presentation"
                width="560"
                cellpadding="0"
                cellspacing="0"
                border={0}
                style="width: 100%; max-width: 560px;"
              >
                <tr>
                  <td style={`${FONT} font-size: 20px; font-weight: 700; padding-bottom: 12px;`}>
                    {subject.replace('Folio: ', '')}
                  </td>
                </tr>
                {lines.map((line) => (
                  <tr>
                    <td style={`${FONT} font-size: 15px; line-height: 1.5; padding-bottom: 10px;`}>
                      <a href={line.url} style="color: #1a56c4;">
                        {line.text}
                      </a>
                    </td>
                  </tr>
                ))}
                <tr>
                  <td style={`${FONT} font-size: 12px; line-height: 1.5; color: #5f6670;`}>
                    All your notifications: <a href={listUrl}>{listUrl}</a>. You get these because
                    you asked for notifications by mail; switch them off at{' '}
                    <a href={settingsUrl}>{settingsUrl}</a>.
                  </td>
                </tr>
              </table>
            </td>
          </tr>
        </table>
      </body>
    </html>
  );
  const text = [
    subject.replace('Folio: ', ''),
    '',
    ...lines.flatMap((l) => [`- ${l.text}`, `  ${l.url}`]),
    '',
    `All your notifications: ${listUrl}`,
    `Switch notification mail off: ${settingsUrl}`,
    '',
  ].join('\n');
  return { subject, html: `<!doctype html>${page.toString()}`, text };
}
