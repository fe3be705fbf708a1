import { describe, expect, it } from 'vitest';
import { SourceError } from './source-error.ts';
import { child, childText, NS, parseXml } from './xml.ts';

describe('namespace-aware XML', () => {
  it('matches elements by namespace URI whatever prefix the document chose', () => {
    const declaredOnRoot = parseXml(
      `<feed xmlns="${NS.atom}" xmlns:arxiv="${NS.arxiv}"><arxiv:comment>c</arxiv:comment></feed>`,
      'test',
    );
    const declaredOnElement = parseXml(
      `<a:feed xmlns:a="${NS.atom}"><x:comment xmlns:x="${NS.arxiv}">c</x:comment></a:feed>`,
      'test',
    );
    for (const root of [declaredOnRoot, declaredOnElement]) {
      expect(root).toMatchObject({ ns: NS.atom, name: 'feed' });
      expect(childText(root, NS.arxiv, 'comment')).toBe('c');
    }
    // The same local name in another namespace is another element.
    const other = parseXml(
      `<feed xmlns="${NS.atom}"><comment xmlns="urn:other">c</comment></feed>`,
      't',
    );
    expect(child(other, NS.arxiv, 'comment')).toBeUndefined();
  });

  it('keeps entities, CDATA and attributes, unprefixed attributes in no namespace', () => {
    const root = parseXml(
      `<r xmlns="urn:r"><t k="v &amp; w">A &amp; B &#233; <![CDATA[<b>]]></t></r>`,
      'test',
    );
    const t = child(root, 'urn:r', 't')!;
    expect(t.text).toBe('A & B é <b>');
    expect(t.attrs.k).toBe('v & w');
  });

  it('turns truncated XML, HTML pages, empty bodies and entity declarations into errors naming the source', () => {
    const cases: [string, RegExp][] = [
      [`<feed xmlns="${NS.atom}"><entry><title>cut he`, /arxiv-api: .*not well-formed XML/],
      [
        '<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head></html>',
        /arxiv-api: .*HTML page.*503 Service Unavailable/,
      ],
      ['   ', /arxiv-api: the response body is empty/],
      ['<!DOCTYPE r [<!ENTITY a "aaaa">]><r>&a;</r>', /arxiv-api: .*entities/],
    ];
    for (const [body, message] of cases) {
      expect(() => parseXml(body, 'arxiv-api')).toThrow(SourceError);
      expect(() => parseXml(body, 'arxiv-api')).toThrow(message);
    }
  });
});
