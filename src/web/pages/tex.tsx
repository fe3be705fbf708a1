import katex from 'katex';
import { raw } from 'hono/html';

/** A piece of an abstract: plain text, or TeX between math delimiters. */
type Segment = { math: false; text: string } | { math: true; tex: string; display: boolean };

// $$…$$, \[…\], $…$ and \(…\); a backslash-escaped dollar is text. Math never spans a blank line.
const MATH =
  /\$\$([^$]{1,2000}?)\$\$|\\\[([\s\S]{1,2000}?)\\\]|(?<!\\)\$([^$\n]{1,1000}?)(?<!\\)\$|\\\(([\s\S]{1,1000}?)\\\)/g;

/** Splits text into plain and math segments. */
export function splitTex(text: string): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const m of text.matchAll(MATH)) {
    if (m.index > last) out.push({ math: false, text: text.slice(last, m.index) });
    const display = m[1] !== undefined || m[2] !== undefined;
    out.push({ math: true, tex: (m[1] ?? m[2] ?? m[3] ?? m[4] ?? '').trim(), display });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ math: false, text: text.slice(last) });
  return out;
}

/** True when the text holds TeX that renders (the page then loads KaTeX's stylesheet). */
export const hasTex = (text: string) =>
  /\$[^$\n]+\$|\\\(|\\\[/.test(text) || /\S\^(\{[^{}\n]{1,20}\}|\d{1,3})/.test(text);

/** TeX as KaTeX HTML (with MathML); KaTeX escapes all it emits, and errors render in red, never throw. */
export function renderMath(tex: string, display: boolean): string {
  // KaTeX escapes everything it emits; trust:false keeps \href, \url and HTML extensions off.
  return katex.renderToString(tex, {
    displayMode: display,
    throwOnError: false,
    trust: false,
    strict: 'ignore',
    maxSize: 20,
    maxExpand: 500,
    output: 'htmlAndMathml',
  });
}

// Bare superscripts outside math, as arXiv authors often write them: O(n^2), 10^{-3}.
const SUPERSCRIPT = /(?<=\S)\^(?:\{([^{}\n]{1,20})\}|(\d{1,3}|[a-zA-Z]\b))/g;

// Web addresses authors put in abstracts (project pages, code); a trailing full stop or
// bracket is punctuation, not part of the address.
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]']/g;

/** Text with its web addresses as links (rel=nofollow: the abstract's author chose them). */
function LinkedText({ text }: { text: string }) {
  const parts: unknown[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_IN_TEXT)) {
    parts.push(<SuperscriptText text={text.slice(last, m.index)} />);
    parts.push(
      <a href={m[0]} rel="nofollow noopener">
        {m[0]}
      </a>,
    );
    last = m.index + m[0].length;
  }
  parts.push(<SuperscriptText text={text.slice(last)} />);
  return <>{parts}</>;
}

function PlainText({ text }: { text: string }) {
  return /https?:\/\//.test(text) ? <LinkedText text={text} /> : <SuperscriptText text={text} />;
}

function SuperscriptText({ text }: { text: string }) {
  const parts: (string | ReturnType<typeof Sup>)[] = [];
  let last = 0;
  for (const m of text.matchAll(SUPERSCRIPT)) {
    parts.push(text.slice(last, m.index));
    parts.push(<Sup text={m[1] ?? m[2] ?? ''} />);
    last = m.index + m[0].length;
  }
  parts.push(text.slice(last));
  return <>{parts}</>;
}

function Sup({ text }: { text: string }) {
  return <sup>{text}</sup>;
}

/** A paragraph with its TeX rendered by KaTeX and every other character escaped. */
export function TexText({ text }: { text: string }) {
  return (
    <>
      {splitTex(text).map((segment) =>
        segment.math ? (
          raw(renderMath(segment.tex, segment.display))
        ) : (
          <PlainText text={segment.text} />
        ),
      )}
    </>
  );
}

const cache = new Map<string, string>();
const CACHE_SIZE = 2_000;

/**
 * An abstract as HTML paragraphs with TeX rendered. KaTeX is slow next to the rest of the page,
 * so results are kept (bounded, oldest dropped first) keyed by the text itself.
 */
export function renderAbstractHtml(abstract: string): string {
  const hit = cache.get(abstract);
  if (hit !== undefined) return hit;
  const html = abstract
    .split(/\n{2,}/)
    .map((paragraph) =>
      (
        <p>
          <TexText text={paragraph} />
        </p>
      ).toString(),
    )
    .join('');
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(abstract, html);
  return html;
}

const titleCache = new Map<string, string>();

/**
 * A title with its TeX rendered by KaTeX (lists, search results, headings). Titles repeat on
 * every list that shows them, so results are kept like abstracts; a title without TeX is only
 * escaped. `<title>`, feeds and mail keep the plain text instead.
 */
export function TexTitle({ text }: { text: string }) {
  if (!hasTex(text)) return <>{text}</>;
  let html = titleCache.get(text);
  if (html === undefined) {
    html = (<TexText text={text} />).toString();
    if (titleCache.size >= CACHE_SIZE) titleCache.delete(titleCache.keys().next().value!);
    titleCache.set(text, html);
  }
  return raw(html);
}
