/**
 * The small Markdown subset comments use: paragraphs, line breaks, *emphasis*, **strong**,
 * `code`, fenced code blocks, [links](https://…) and bare http(s) addresses. Parsing yields a
 * tree of plain strings; pages render it with escaping, so no markup from a comment survives.
 */
export type Inline =
  | { type: 'text'; text: string }
  | { type: 'br' }
  | { type: 'code'; text: string }
  | { type: 'em' | 'strong'; children: Inline[] }
  | { type: 'link'; href: string; text: string };

export type Block = { type: 'paragraph'; children: Inline[] } | { type: 'code'; text: string };

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** A comment body as stored: newlines normalized, control and direction-override characters removed, trimmed. */
export function cleanComment(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL, '').trim();
}

/** Parses a comment body into blocks. */
export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  const parts = cleanComment(source).split(/^```[^\n]*$/m);
  parts.forEach((part, index) => {
    // Odd parts sit between fences; an unclosed fence runs to the end.
    if (index % 2 === 1) {
      const text = part.replace(/^\n/, '').replace(/\n$/, '');
      if (text) blocks.push({ type: 'code', text });
      return;
    }
    for (const paragraph of part.split(/\n[ \t]*\n+/)) {
      const text = paragraph.trim();
      if (text) blocks.push({ type: 'paragraph', children: parseInline(text, 0) });
    }
  });
  return blocks;
}

const INLINE =
  /`([^`\n]+)`|\*\*(?=\S)([^\n]+?)\*\*|\*(?=[^\s*])([^*\n]+?)\*|(?<![\w])_(?=\S)([^_\n]+?)_(?![\w])|\[([^\]\n]{1,300})\]\(([^()\s]{1,2000})\)|(https?:\/\/[^\s<>()"]+[^\s<>()".,;:!?'])|(\n)/g;

function parseInline(text: string, depth: number): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  const pushText = (t: string) => {
    if (!t) return;
    const previous = out.at(-1);
    if (previous?.type === 'text') previous.text += t;
    else out.push({ type: 'text', text: t });
  };
  for (const m of text.matchAll(INLINE)) {
    const index = m.index;
    pushText(text.slice(last, index));
    last = index + m[0].length;
    if (m[1] !== undefined) out.push({ type: 'code', text: m[1] });
    else if (m[2] !== undefined)
      out.push(
        depth < 3
          ? { type: 'strong', children: parseInline(m[2], depth + 1) }
          : { type: 'text', text: m[2] },
      );
    else if (m[3] !== undefined || m[4] !== undefined) {
      const inner = (m[3] ?? m[4])!;
      out.push(
        depth < 3
          ? { type: 'em', children: parseInline(inner, depth + 1) }
          : { type: 'text', text: inner },
      );
    } else if (m[5] !== undefined && m[6] !== undefined) {
      const href = safeHref(m[6]);
      if (href) out.push({ type: 'link', href, text: m[5] });
      else pushText(m[0]);
    } else if (m[7] !== undefined) {
      const href = safeHref(m[7]);
      if (href) out.push({ type: 'link', href, text: m[7] });
      else pushText(m[0]);
    } else if (m[8] !== undefined) out.push({ type: 'br' });
  }
  pushText(text.slice(last));
  return out;
}

/** Only absolute http(s) addresses become links; anything else stays text. */
export function safeHref(candidate: string): string | null {
  try {
    const url = new URL(candidate);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (url.username || url.password) return null;
    return url.href;
  } catch {
    return null;
  }
}
