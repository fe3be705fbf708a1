import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { SourceError } from './source-error.ts';

/** An XML element with its namespace resolved from the xmlns declarations in scope. */
export interface XmlElement {
  /** Namespace URI ('' when none). */
  ns: string;
  /** Local name, without prefix. */
  name: string;
  /** Unprefixed attributes by name; prefixed ones as `{uri}local`. */
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text and CDATA, concatenated (not its descendants'). */
  text: string;
}

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: '#cdata',
  commentPropName: '#comment',
});

/**
 * Parses an XML document and resolves every element's namespace from its declarations, so
 * callers match elements by namespace URI whatever prefix a document chose. A body that is
 * not well-formed XML (truncated, or an HTML error page) is a SourceError naming the source.
 */
export function parseXml(text: string, source: string): XmlElement {
  const body = text.replace(/^\uFEFF/, '');
  const head = body.slice(0, 512).trimStart().toLowerCase();
  if (head.length === 0) throw new SourceError(source, 'the response body is empty');
  if (head.startsWith('<!doctype html') || head.startsWith('<html'))
    throw new SourceError(source, `answered with an HTML page instead of XML (${snippet(body)})`);
  if (/<!ENTITY/i.test(body.slice(0, 4096)))
    throw new SourceError(source, 'the XML declares entities, which Folio refuses to expand');
  const valid = XMLValidator.validate(body);
  if (valid !== true)
    throw new SourceError(
      source,
      `the response is not well-formed XML (line ${valid.err.line}: ${valid.err.msg}); truncated?`,
    );
  const nodes = parser.parse(body) as OrderedNode[];
  const root = toElements(nodes, new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]))[0];
  if (!root) throw new SourceError(source, 'the XML document has no root element');
  return root;
}

function toElements(nodes: OrderedNode[], scope: Map<string, string>): XmlElement[] {
  const out: XmlElement[] = [];
  for (const node of nodes) {
    const qname = Object.keys(node).find((k) => k !== ':@');
    if (!qname || qname.startsWith('#')) continue;
    const rawAttrs = node[':@'] ?? {};
    let inner = scope;
    for (const [key, value] of Object.entries(rawAttrs)) {
      if (key === 'xmlns' || key.startsWith('xmlns:')) {
        if (inner === scope) inner = new Map(scope);
        inner.set(key === 'xmlns' ? '' : key.slice(6), value);
      }
    }
    const [prefix, local] = splitName(qname);
    const attrs: Record<string, string> = {};
    for (const [key, value] of Object.entries(rawAttrs)) {
      if (key === 'xmlns' || key.startsWith('xmlns:')) continue;
      const [attrPrefix, attrLocal] = splitName(key);
      // Unprefixed attributes are in no namespace (XML Namespaces §6.2).
      attrs[attrPrefix ? `{${inner.get(attrPrefix) ?? attrPrefix}}${attrLocal}` : attrLocal] =
        value;
    }
    const content = (node[qname] as OrderedNode[] | undefined) ?? [];
    out.push({
      ns: inner.get(prefix) ?? '',
      name: local,
      attrs,
      children: toElements(content, inner),
      text: ownText(content),
    });
  }
  return out;
}

function ownText(content: OrderedNode[]): string {
  let text = '';
  for (const node of content) {
    if (typeof node['#text'] === 'string') text += node['#text'];
    else if (Array.isArray(node['#cdata']))
      for (const part of node['#cdata'] as OrderedNode[])
        if (typeof part['#text'] === 'string') text += part['#text'];
  }
  return text;
}

function splitName(qname: string): [string, string] {
  const colon = qname.indexOf(':');
  return colon < 0 ? ['', qname] : [qname.slice(0, colon), qname.slice(colon + 1)];
}

function snippet(body: string): string {
  const title = /<title[^>]*>([^<]{1,120})/i.exec(body)?.[1]?.trim();
  return title ? `"${title}"` : `${body.slice(0, 80).replace(/\s+/g, ' ')}…`;
}

/** The first child element with this namespace and local name. */
export function child(el: XmlElement, ns: string, name: string): XmlElement | undefined {
  return el.children.find((c) => c.ns === ns && c.name === name);
}

/** Every child element with this namespace and local name, in document order. */
export function children(el: XmlElement, ns: string, name: string): XmlElement[] {
  return el.children.filter((c) => c.ns === ns && c.name === name);
}

/** The trimmed text of the first such child, or null when absent or blank. */
export function childText(el: XmlElement, ns: string, name: string): string | null {
  const text = child(el, ns, name)?.text.trim();
  return text ? text : null;
}

/** Namespace URIs of the formats Folio reads. */
export const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  arxiv: 'http://arxiv.org/schemas/atom',
  opensearch: 'http://a9.com/-/spec/opensearch/1.1/',
  dc: 'http://purl.org/dc/elements/1.1/',
  oai: 'http://www.openarchives.org/OAI/2.0/',
  arxivRaw: 'http://arxiv.org/OAI/arXivRaw/',
  arxivOai: 'http://arxiv.org/OAI/arXiv/',
} as const;
