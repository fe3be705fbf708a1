/** Text cleaning for titles, abstracts and names, keeping TeX exactly as written. */

// C0 controls other than tab/newline, DEL, C1 controls, and unpaired surrogates.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
// Invisible characters that only get in the way of matching: zero-width space and byte-order marks.
const INVISIBLE = /[\u200b\ufeff]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Collapses hard line-wraps and runs of whitespace into single spaces. */
export function cleanInline(text: string | null | undefined): string {
  if (!text) return '';
  return stripInvalid(text).replace(/\s+/g, ' ').trim();
}

/**
 * Cleans an abstract: arXiv wraps lines at ~80 columns, so single newlines become spaces, while
 * a paragraph break is kept as one blank line. arXiv marks a new paragraph by indenting the line
 * after a newline; a blank line counts too.
 */
export function cleanAbstract(text: string | null | undefined): string {
  if (!text) return '';
  return stripInvalid(text)
    .replace(/\r\n?/g, '\n')
    .split(/\n(?:[ \t]*\n)+|\n[ \t]+/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter((paragraph) => paragraph.length > 0)
    .join('\n\n');
}

/**
 * Removes control characters and invisible marks, and replaces unpaired surrogates with U+FFFD
 * (what invalid UTF-8 decodes into is U+FFFD already and stays).
 */
export function stripInvalid(text: string): string {
  return text.replace(CONTROL, '').replace(INVISIBLE, '').replace(LONE_SURROGATE, '\ufffd');
}

/** Cuts text to at most `max` characters on a code-point boundary. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = Array.from(text.slice(0, max + 1))
    .slice(0, -1)
    .join('');
  return cut.slice(0, max);
}
