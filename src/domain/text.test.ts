import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanAbstract, cleanInline, stripInvalid, truncate } from './text.ts';

describe('cleanInline', () => {
  it('joins hard line-wraps and collapses whitespace runs', () => {
    expect(cleanInline('Calculation of prompt diphoton production\n  cross sections')).toBe(
      'Calculation of prompt diphoton production cross sections',
    );
    expect(cleanInline('  a\t\tb \u00a0 c\r\nd  ')).toBe('a b c d');
    expect(cleanInline(null)).toBe('');
    expect(cleanInline(undefined)).toBe('');
  });

  it('keeps TeX exactly as written', () => {
    const title = String.raw`$\mathcal{O}(n \log n)$ bounds for Bal\'azs' \emph{sparse} graphs_{1}`;
    expect(cleanInline(title)).toBe(title);
  });

  it('drops control characters and invisible marks, and replaces lone surrogates', () => {
    expect(cleanInline('bell\u0007 and\u0000 null\u001b[0m')).toBe('bell and null[0m');
    expect(cleanInline('\ufeffzero\u200bwidth')).toBe('zerowidth');
    expect(cleanInline('lone \ud800 high and \udc00 low')).toBe('lone \ufffd high and \ufffd low');
    expect(cleanInline('emoji 🙂 stays')).toBe('emoji 🙂 stays');
    expect(cleanInline('invalid UTF-8 \ufffd stays')).toBe('invalid UTF-8 \ufffd stays');
  });
});

describe('cleanAbstract', () => {
  it("joins arXiv's hard line-wraps into one paragraph", () => {
    expect(cleanAbstract('  We study\nredundancy reduction\nin  detail.\n')).toBe(
      'We study redundancy reduction in detail.',
    );
  });

  it('keeps paragraph breaks: a blank line, or an indented line as arXiv marks them', () => {
    expect(cleanAbstract('First\nparagraph.\n\n\n  Second\nparagraph.')).toBe(
      'First paragraph.\n\nSecond paragraph.',
    );
    expect(cleanAbstract('First paragraph.\n  To this end, we\nexplore.')).toBe(
      'First paragraph.\n\nTo this end, we explore.',
    );
    expect(cleanAbstract('Windows\r\nline ends.\r\n\r\nNew paragraph.')).toBe(
      'Windows line ends.\n\nNew paragraph.',
    );
  });

  it('keeps TeX and strips what is invalid', () => {
    expect(cleanAbstract(String.raw`The $(k,\ell)$-pebble\ngame \cite{x}` + '\u0007')).toBe(
      String.raw`The $(k,\ell)$-pebble\ngame \cite{x}`,
    );
    expect(cleanAbstract('\n\n  \n')).toBe('');
  });

  it('is idempotent and leaves no control characters or runs of spaces', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const once = cleanAbstract(text);
        expect(cleanAbstract(once)).toBe(once);
        // eslint-disable-next-line no-control-regex
        expect(once).not.toMatch(/[\u0000-\u0009\u000b-\u001f]| {2}|\n{3}/);
        expect(cleanInline(cleanInline(text))).toBe(cleanInline(text));
      }),
    );
  });
});

describe('stripInvalid and truncate', () => {
  it('keeps newlines and tabs for the callers that need them', () => {
    expect(stripInvalid('a\tb\nc')).toBe('a\tb\nc');
  });

  it('cuts on a code-point boundary, never inside a surrogate pair', () => {
    expect(truncate('abc', 5)).toBe('abc');
    expect(truncate('abcdef', 3)).toBe('abc');
    const cut = truncate('ab🙂cd', 3);
    expect(cut).toBe('ab');
    expect(stripInvalid(cut)).toBe(cut);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 50 }), fc.nat(60), (text, max) => {
        const result = truncate(text, max);
        expect(result.length).toBeLessThanOrEqual(max);
        expect(result).not.toMatch(/[\ud800-\udbff]$/);
      }),
    );
  });
});
