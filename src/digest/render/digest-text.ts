import type { DigestPaperView, DigestView } from '../digest-view.ts';

/** The plain-text part of a digest: the same content, readable in any client. */
export function renderDigestText(view: DigestView): string {
  const lines: string[] = [`Folio: trending papers for ${view.periodTitle}`, ''];
  if (
    view.trending.length === 0 &&
    view.topical.length === 0 &&
    view.following.length === 0 &&
    view.forYou.length === 0
  )
    lines.push('Nothing new this time. We will write again when there is.', '');
  section(lines, 'TRENDING', view.trending);
  section(lines, 'NEW IN YOUR TOPICS', view.topical);
  section(lines, 'FROM WHAT YOU FOLLOW', view.following);
  section(lines, 'FOR YOU', view.forYou);
  lines.push(
    '--',
    `Change topics or frequency: ${view.manageUrl}`,
    `Unsubscribe: ${view.unsubscribeUrl}`,
    '',
  );
  return lines.join('\n');
}

function section(lines: string[], title: string, papers: DigestPaperView[]): void {
  if (papers.length === 0) return;
  lines.push(title, '');
  papers.forEach((p, i) => {
    lines.push(`${i + 1}. ${p.title}`, `   ${p.authors}`, `   ${p.snippet}`);
    if (p.reason) lines.push(`   (${p.reason})`);
    lines.push(`   Page: ${p.pageUrl}`, `   arXiv: ${p.arxivUrl}  PDF: ${p.pdfUrl}`);
    if (p.codeUrl) lines.push(`   Code: ${p.codeUrl}`);
    lines.push('');
  });
}
