import { describe, expect, it } from 'vitest';
import { parseQuery } from './query-parser.ts';

const words = (q: string) => parseQuery(q).terms.map((t) => t.word);

describe('parseQuery', () => {
  it('leaves out -word', () => {
    const q = parseQuery('language models -transformer -Diffusion');
    expect(words('language models -transformer -Diffusion')).toEqual(['language', 'models']);
    expect(q.excluded).toEqual(['transformer', 'diffusion']);
  });

  it('reads a minus before a digit as a negative number, not an exclusion', () => {
    const q = parseQuery('Differentiated E2f-1, -2, -3 TKO cells');
    expect(q.excluded).toEqual([]);
    expect(q.terms.map((t) => t.word)).toEqual([
      'differentiated',
      'e2f',
      '1',
      '2',
      '3',
      'tko',
      'cells',
    ]);
    expect(parseQuery('temperature -40 degrees').excluded).toEqual([]);
    expect(words('temperature -40 degrees')).toEqual(['temperature', '40', 'degrees']);
    expect(words('a shift of -.5 eV')).toEqual(['shift', '5', 'ev']);
    expect(parseQuery('spins -1/2 -spin').excluded).toEqual(['spin']);
  });

  it('keeps a lone or spaced minus as text', () => {
    const q = parseQuery('CTLA - 4 recycling');
    expect(q.excluded).toEqual([]);
    expect(q.terms.map((t) => t.word)).toEqual(['ctla', '4', 'recycling']);
  });

  it('reads closed quotes as a phrase and an unclosed quote as plain words', () => {
    const closed = parseQuery('mouse models "artificial spermatids."');
    expect(closed.phrases).toEqual([['artificial', 'spermatids']]);
    const open = parseQuery('mouse models "artificial spermatids');
    expect(open.phrases).toEqual([]);
    expect(open.terms.map((t) => t.word)).toEqual(['mouse', 'models', 'artificial', 'spermatids']);
    const mixed = parseQuery('"van gogh" bundles "sliding');
    expect(mixed.phrases).toEqual([['van', 'gogh']]);
    expect(mixed.terms.map((t) => t.word)).toEqual(['van', 'gogh', 'bundles', 'sliding']);
  });

  it('reads known fields as operators and an unknown field name as text', () => {
    const q = parseQuery('author:"Yann LeCun" cat:cs.CL has:code ratio:high');
    expect(q.authors).toEqual([['yann', 'lecun']]);
    expect(q.categories).toEqual(['cs.CL']);
    expect(q.hasCode).toBe(true);
    expect(q.terms.map((t) => t.word)).toEqual(['ratio', 'high']);
    expect(words('Note: p53 has:mutations')).toEqual(['note', 'p53', 'mutations']);
  });

  it('reads a category that cannot be one as text', () => {
    const q = parseQuery('cat:5% growth');
    expect(q.categories).toEqual([]);
    expect(q.terms.map((t) => t.word)).toEqual(['cat', '5', 'growth']);
  });
});
