import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArxivIdError, parseArxivId, requireArxivId } from './arxiv-id.ts';

describe('parseArxivId', () => {
  it.each([
    ['2401.12345', '2401.12345', null],
    ['2401.12345v3', '2401.12345', 3],
    ['0704.0001', '0704.0001', null],
    ['1412.9999v12', '1412.9999', 12],
    ['hep-th/9901001', 'hep-th/9901001', null],
    ['math.CA/0611800v2', 'math/0611800', 2],
    ['cond-mat.mes-hall/0101001', 'cond-mat/0101001', null],
    ['arXiv:2401.12345', '2401.12345', null],
    ['ARXIV: 2401.12345v2', '2401.12345', 2],
    ['  2401.12345\n', '2401.12345', null],
    ['<https://arxiv.org/abs/2401.12345>', '2401.12345', null],
    ['arXiv:2401.12345.', '2401.12345', null],
    ['https://arxiv.org/abs/2401.12345', '2401.12345', null],
    ['https://arxiv.org/abs/2401.12345v3/', '2401.12345', 3],
    ['https://www.arxiv.org/abs/2401.12345?context=cs', '2401.12345', null],
    ['http://export.arxiv.org/abs/2401.12345v2', '2401.12345', 2],
    ['arxiv.org/abs/2401.12345', '2401.12345', null],
    ['https://arxiv.org/pdf/2401.12345v2.pdf', '2401.12345', 2],
    ['https://arxiv.org/pdf/2401.12345v2', '2401.12345', 2],
    ['https://arxiv.org/pdf/2401.12345v2.pdf?download=1', '2401.12345', 2],
    ['https://arxiv.org/html/2401.12345v2', '2401.12345', 2],
    ['https://arxiv.org/html/2401.12345v2/#S3', '2401.12345', 2],
    ['https://arxiv.org/abs/hep-th/9901001v1', 'hep-th/9901001', 1],
    ['https://arxiv.org/pdf/math.CA/0611800v2.pdf', 'math/0611800', 2],
    ['https://arxiv.org/abs/hep-th%2F9901001', 'hep-th/9901001', null],
    ['https://huggingface.co/papers/2401.12345', '2401.12345', null],
  ])('reads %j as %s (version %s)', (input, id, version) => {
    expect(parseArxivId(input)).toEqual({ id, version });
  });

  it.each([
    '',
    '   ',
    'not an id',
    '2401.1234', // five digits from 2015 on
    '1412.12345', // four digits before 2015
    '2413.12345', // month 13
    '2400.12345', // month 0
    '0612.0001', // before new-style ids began
    '2401.12345v0',
    '2401.12345v',
    '2401.12345.pdf',
    'hep-th/990100',
    'hep-th/9913001',
    'hep-th/1001001', // old style ended in 2007
    'HEP-TH/9901001',
    'https://evil.example/arxiv.org/abs/2401.12345',
    'https://arxiv.org.evil.example/abs/2401.12345',
    'https://arxiv.org/list/cs.LG/new',
    `${'1'.repeat(400)}`,
  ])('rejects %j', (input) => {
    expect(parseArxivId(input)).toBeNull();
  });

  it('names the bad input when an id is required', () => {
    expect(() => requireArxivId('2401.1')).toThrow(InvalidArxivIdError);
    expect(() => requireArxivId('2401.1')).toThrow('not an arXiv id: "2401.1"');
    expect(() => requireArxivId('x'.repeat(200))).toThrow(/…"$/);
  });

  const newStyleId = fc
    .record({
      yy: fc.integer({ min: 7, max: 40 }),
      mm: fc.integer({ min: 1, max: 12 }),
      seq: fc.integer({ min: 1, max: 99_999 }),
    })
    .filter(({ yy, mm }) => yy * 100 + mm >= 704)
    .map(({ yy, mm, seq }) => {
      const yymm = `${String(yy).padStart(2, '0')}${String(mm).padStart(2, '0')}`;
      const digits = yy * 100 + mm >= 1501 ? 5 : 4;
      return `${yymm}.${String(seq % 10 ** digits).padStart(digits, '0')}`;
    });
  const oldStyleId = fc
    .record({
      archive: fc.constantFrom('hep-th', 'math', 'cond-mat', 'astro-ph', 'cs', 'q-bio'),
      yy: fc.constantFrom(91, 95, 99, 0, 3, 7),
      mm: fc.integer({ min: 1, max: 12 }),
      seq: fc.integer({ min: 1, max: 999 }),
    })
    .map(
      ({ archive, yy, mm, seq }) =>
        `${archive}/${String(yy).padStart(2, '0')}${String(mm).padStart(2, '0')}${String(seq).padStart(3, '0')}`,
    );
  const forms: ((idv: string) => string)[] = [
    (s) => s,
    (s) => `arXiv:${s}`,
    (s) => `https://arxiv.org/abs/${s}`,
    (s) => `http://export.arxiv.org/abs/${s}`,
    (s) => `https://arxiv.org/pdf/${s}.pdf`,
    (s) => `https://arxiv.org/html/${s}`,
  ];

  it('reads back every id it formats, in every form', () => {
    fc.assert(
      fc.property(
        fc.oneof(newStyleId, oldStyleId),
        fc.option(fc.integer({ min: 1, max: 50 })),
        fc.constantFrom(...forms),
        (id, version, form) => {
          const text = form(version === null ? id : `${id}v${version}`);
          expect(parseArxivId(text)).toEqual({ id, version });
        },
      ),
    );
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        const parsed = parseArxivId(text);
        if (parsed) expect(parseArxivId(parsed.id)).toEqual({ id: parsed.id, version: null });
      }),
    );
  });
});
