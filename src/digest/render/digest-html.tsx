import { raw } from 'hono/html';
import type { DigestPaperView, DigestView } from '../digest-view.ts';

// Mail clients drop <head> styles unevenly: every rule that matters is inline, and the style
// sheet only adds the dark variant for clients that honour prefers-color-scheme.
const DARK_CSS = `
:root { color-scheme: light dark; supported-color-schemes: light dark; }
@media (prefers-color-scheme: dark) {
  .bg { background-color: #15171a !important; }
  .card { background-color: #1f2227 !important; border-color: #33373d !important; }
  .fg { color: #e8eaed !important; }
  .muted { color: #a9afb7 !important; }
  .link { color: #8ab4f8 !important; }
}
`;

const FONT = 'font-family: -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif;';

const CARD_STYLE = `${FONT} padding: 16px 18px; background-color: #fff; border: 1px solid #e3e6ea; border-radius: 8px;`;
// The card's frame holds no paper data; its inside is rendered (and escaped) by JSX below.
const CARD_OPEN = `<tr><td class="card" style="${CARD_STYLE}">`;
const CARD_CLOSE =
  '</td></tr><tr><td style="height: 10px; line-height: 10px; font-size: 1px;">&nbsp;</td></tr>';

function PaperBody({ paper }: { paper: DigestPaperView }) {
  return (
    <>
      <a
        class="link"
        href={paper.pageUrl}
        style="font-size: 17px; line-height: 1.35; font-weight: 600; color: #1a56c4; text-decoration: none;"
      >
        {paper.title}
      </a>
      <p class="muted" style="margin: 6px 0 0; font-size: 13px; color: #5f6670;">
        {paper.authors}
      </p>
      <p class="fg" style="margin: 8px 0 0; font-size: 14px; line-height: 1.5; color: #22262b;">
        {paper.snippet}
      </p>
    </>
  );
}

function Reason({ reason }: { reason: string }) {
  return (
    <p class="muted" style="margin: 6px 0 0; font-size: 12px; color: #5f6670;">
      {reason}
    </p>
  );
}

function PaperLinks({ paper }: { paper: DigestPaperView }) {
  return (
    <p style="margin: 10px 0 0; font-size: 13px;">
      <a class="link" href={paper.pageUrl} style="color: #1a56c4;">
        Paper page
      </a>
      {' · '}
      <a class="link" href={paper.arxivUrl} style="color: #1a56c4;">
        arXiv
      </a>
      {' · '}
      <a class="link" href={paper.pdfUrl} style="color: #1a56c4;">
        PDF
      </a>
      {paper.codeUrl ? (
        <>
          {' · '}
          <a class="link" href={paper.codeUrl} style="color: #1a56c4;">
            Code
          </a>
        </>
      ) : null}
    </p>
  );
}

/** One paper's rows of the digest table, as HTML (every value escaped). */
export function renderPaperRow(paper: DigestPaperView): string {
  return createRowRenderer()(paper);
}

/**
 * Renders paper rows, keeping each paper's body and links and each reason line once, so that
 * thousands of digests sharing a period's papers render each part a single time.
 */
export function createRowRenderer(): (paper: DigestPaperView) => string {
  const papers = new Map<string, [string, string]>();
  const reasons = new Map<string, string>();
  return (paper) => {
    let parts = papers.get(paper.id);
    if (!parts) {
      parts = [(<PaperBody paper={paper} />).toString(), (<PaperLinks paper={paper} />).toString()];
      papers.set(paper.id, parts);
    }
    let reason = '';
    if (paper.reason) {
      reason = reasons.get(paper.reason) ?? (<Reason reason={paper.reason} />).toString();
      reasons.set(paper.reason, reason);
    }
    return CARD_OPEN + parts[0] + reason + parts[1] + CARD_CLOSE;
  };
}

function Section({
  title,
  papers,
  renderRow,
}: {
  title: string;
  papers: DigestPaperView[];
  renderRow: (paper: DigestPaperView) => string;
}) {
  if (papers.length === 0) return null;
  return (
    <>
      <tr>
        <td
          class="fg"
          style={`${FONT} padding: 22px 0 10px; font-size: 19px; font-weight: 700; color: #22262b;`}
        >
          {title}
        </td>
      </tr>
      {/* Rows come from renderPaperRow: HTML this module rendered and escaped, often cached. */}
      {papers.map((p) => raw(renderRow(p)))}
    </>
  );
}

/** The HTML part of a digest: one centred 600px table, inline styles, a hidden preheader. */
export function renderDigestHtml(
  view: DigestView,
  renderRow: (paper: DigestPaperView) => string = renderPaperRow,
): string {
  const empty =
    view.trending.length === 0 &&
    view.topical.length === 0 &&
    view.following.length === 0 &&
    view.forYou.length === 0;
  const page = (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <meta name="supported-color-schemes" content="light dark" />
        <title>Folio digest · {view.periodTitle}</title>
        <style dangerouslySetInnerHTML={{ __html: DARK_CSS }} />
      </head>
      <body class="bg" style="margin: 0; padding: 0; background-color: #f4f5f7;">
        <div style="display: none; max-height: 0; max-width: 0; overflow: hidden; opacity: 0; color: transparent; font-size: 1px; line-height: 1px; mso-hide: all;">
          {view.preheader}
          {'\u00a0\u200c'.repeat(60)}
        </div>
        <table
          role="presentation"
          class="bg"
          width="100%"
          cellpadding="0"
          cellspacing="0"
          border={0}
          style="background-color: #f4f5f7;"
        >
          <tr>
            <td align="center" style={`${FONT} padding: 24px 12px;`}>
              <table
                role="presentation"
                width="600"
                cellpadding="0"
                cellspacing="0"
                border={0}
                style="width: 100%; max-width: 600px;"
              >
                <tr>
                  <td
                    class="fg"
                    style={`${FONT} font-size: 24px; font-weight: 800; color: #22262b;`}
                  >
                    <a
                      class="link"
                      href={view.baseUrl}
                      style="color: #22262b; text-decoration: none;"
                    >
                      Folio
                    </a>
                  </td>
                </tr>
                <tr>
                  <td
                    class="muted"
                    style={`${FONT} padding-top: 4px; font-size: 14px; color: #5f6670;`}
                  >
                    Trending papers for {view.periodTitle}
                  </td>
                </tr>
                {empty ? (
                  <tr>
                    <td
                      class="fg"
                      style={`${FONT} padding: 22px 0; font-size: 15px; color: #22262b;`}
                    >
                      Nothing new this time. We will write again when there is.
                    </td>
                  </tr>
                ) : null}
                <Section title="Trending" papers={view.trending} renderRow={renderRow} />
                <Section title="New in your topics" papers={view.topical} renderRow={renderRow} />
                <Section
                  title="From what you follow"
                  papers={view.following}
                  renderRow={renderRow}
                />
                <Section title="For you" papers={view.forYou} renderRow={renderRow} />
                <tr>
                  <td
                    class="muted"
                    style={`${FONT} padding-top: 18px; font-size: 12px; line-height: 1.6; color: #5f6670;`}
                  >
                    You get this because you subscribed to Folio digests.{' '}
                    <a class="link" href={view.manageUrl} style="color: #1a56c4;">
                      Change topics or frequency
                    </a>
                    {' · '}
                    <a class="link" href={view.unsubscribeUrl} style="color: #1a56c4;">
                      Unsubscribe
                    </a>
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
