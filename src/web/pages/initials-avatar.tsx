import type { Submitter } from '../../domain/listed-paper.ts';

/** Up to two initials from a display name ("Ada Lovelace" → "AL", "taesiri" → "T"). */
export function initialsOf(name: string): string {
  const words = name
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  const letters = (words.length > 1 ? [words[0]!, words[words.length - 1]!] : words).map(
    (w) => [...w][0]!,
  );
  return letters.join('').toUpperCase() || '?';
}

/** A hue from the name, so each person keeps one colour between pages and visits. */
function hueOf(name: string): number {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.codePointAt(0)!) % 360;
  return h;
}

/**
 * A submitter's avatar drawn from their initials. Sources give avatar URLs on their own servers
 * (Hugging Face's); Folio does not load them, so pages never reach another site and work offline.
 */
export function InitialsAvatar({ submitter }: { submitter: Submitter }) {
  return (
    <span class="avatar" aria-hidden="true" style={`--hue: ${hueOf(submitter.name)}`}>
      {initialsOf(submitter.fullname ?? submitter.name)}
    </span>
  );
}
