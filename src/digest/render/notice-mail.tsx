/** The two transactional messages: the confirmation link, and "manage your subscription". */
import { FONT, MailFootnote, MailLine, mailFrame } from './mail-frame.tsx';

export interface NoticeMail {
  subject: string;
  html: string;
  text: string;
}

function noticeHtml(props: {
  heading: string;
  lines: string[];
  action: string;
  url: string;
  after: string;
}): string {
  return mailFrame({
    title: props.heading,
    heading: props.heading,
    rows: (
      <>
        {props.lines.map((line) => (
          <MailLine>{line}</MailLine>
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
        <MailFootnote>
          {props.after} If the button does not work, open this address: {props.url}
        </MailFootnote>
      </>
    ),
  });
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
