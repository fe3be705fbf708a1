/** Comment text as stored; rendering is the site's (markdown-it with KaTeX, raw HTML off). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** A comment body as stored: newlines normalized, control and direction-override characters removed, trimmed. */
export function cleanComment(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL, '').trim();
}
