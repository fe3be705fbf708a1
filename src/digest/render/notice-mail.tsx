/** The two transactional messages: the confirmation link, and "manage your subscription". */

export interface NoticeMail {
  subject: string;
  html: string;
  text: string;
}

const FONT = 'font-family: -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif;';

function noticeHtml(props: {
  heading: string;
  lines: string[];
  action: string;
  url: string;
  after: string;
}) {
  const page = (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="color-scheme" content="light dark" />
        <meta name="supported-color-schemes" content="light dark" />
        <title>{props.heading}</title>
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
                    {props.heading}
                  </td>
                </tr>
                {props.lines.map((line) => (
                  <tr>
                    <td style={`${FONT} font-size: 15px; line-height: 1.5; padding-bottom: 10px;`}>
                      {line}
                    </td>
                  </tr>
                ))}
                <tr>
                  <td style="padding: 8px 0 16px;">
                    <a
                      href={props.url}
                      style={`${FONT} display: inline-block; padding: 10px 18px; border-radius: 6px; background-color: #1a56c4; color: #ffffff; font-weight: 600; text-decoration: none;`}
                    >
                      {props.action}
                    </a>
                  </td>
                </tr>
                <tr>
                  <td style={`${FONT} font-size: 12px; line-height: 1.5; color: #5f6670;`}>
                    {props.after} If the button does not work, open this address: {props.url}
                  </td>
                </tr>
              </table>
            </td>
          </tr>
        </table>
      </body>
    </html>
  );
  return `<!doctype html>${page.toString()}`;
}

/** Asks to confirm a new subscription; nothing else is sent to the address before it is used. */
export function confirmationMail(confirmUrl: string, hours: number): NoticeMail {
  const lines = [
    'Someone, hopefully you, asked to get trending research papers from Folio at this address.',
    `Confirm within ${hours} hours to start receiving digests.`,
  ];
  const after = 'If you did not ask for this, ignore this message and nothing more will be sent.';
  return {
    subject: 'Confirm your Folio digest subscription',
    html: noticeHtml({
      heading: 'Confirm your subscription',
      lines,
      action: 'Confirm subscription',
      url: confirmUrl,
      after,
    }),
    text: `${lines.join('\n')}\n\nConfirm: ${confirmUrl}\n\n${after}\n`,
  };
}

/** Sent when an already subscribed address is entered again: a way in, nothing more. */
export function manageMail(manageUrl: string): NoticeMail {
  const lines = [
    'Someone asked to subscribe this address to Folio digests, but it is already subscribed.',
    'You can change your topics and frequency, pause, or unsubscribe from this page.',
  ];
  const after = 'If you did not ask for this, you can ignore this message.';
  return {
    subject: 'Manage your Folio digest subscription',
    html: noticeHtml({
      heading: 'You are already subscribed',
      lines,
      action: 'Manage subscription',
      url: manageUrl,
      after,
    }),
    text: `${lines.join('\n')}\n\nManage: ${manageUrl}\n\n${after}\n`,
  };
}
