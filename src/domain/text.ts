/** Text cleaning for titles, abstracts and names, keeping TeX exactly as written. */

// C0 controls other than tab/newline, DEL, C1 controls, and unpaired surrogates.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Collapses hard line-wraps and runs of whitespace into single spaces. */
export function cleanInline(text: string | null | undefined): string {
  if (!text) return '';
  return stripInvalid(text).replace(/\s+/g, ' ').trim();
}

/**
 * Cleans an abstract: arXiv wraps lines at ~80 columns, so single newlines become spaces, while
 * a blank line (a real paragraph break) is kept as one blank line.
 */
export function cleanAbstract(text: string | null | undefined): string {
  if (!text) return '';
  return stripInvalid(text)
    .split(/\n[ \t]*\n+/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter((paragraph) => paragraph.length > 0)
    .join('\n\n');
}

/** Removes control characters and unpaired surrogates (what invalid UTF-8 decodes into is U+FFFD and stays). */
export function stripInvalid(text: string): string {
  return text.replace(CONTROL, '').replace(LONE_SURROGATE, '\ufffd');
}

/** Cuts text to at most `max` characters on a code-point boundary. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = Array.from(text.slice(0, max + 1))
    .slice(0, -1)
    .join('');
  return cut.slice(0, max);
}
