import type { Child } from 'hono/jsx';

/** The font every notice mail writes in (mail clients ignore stylesheets, so it goes inline). */
export const FONT = 'font-family: -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif;';

/**
 * The frame the notice mails share: a document titled `title`, a centred column at most 560 px
 * wide (tables, as mail clients need), its heading, then `rows` (table rows) under it.
 */
export function mailFrame(props: { title: string; heading: string; rows: Child }): string {
  const page = (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="color-scheme" content="light dark" />
        <meta name="supported-color-schemes" content="light dark" />
        <title>{props.title}</title>
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
                {props.rows}
              </table>
            </td>
          </tr>
        </table>
      </body>
    </html>
  );
  return `<!doctype html>${page.toString()}`;
}

/** A paragraph row of a notice mail's body. */
export function MailLine(props: { children: Child }) {
  return (
    <tr>
      <td style={`${FONT} font-size: 15px; line-height: 1.5; padding-bottom: 10px;`}>
        {props.children}
      </td>
    </tr>
  );
}

/** The small grey row that ends a notice mail. */
export function MailFootnote(props: { children: Child }) {
  return (
    <tr>
      <td style={`${FONT} font-size: 12px; line-height: 1.5; color: #5f6670;`}>{props.children}</td>
    </tr>
  );
}
