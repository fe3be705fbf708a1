import { createRequire } from 'node:module';
import { parseArxivId } from '../../domain/arxiv-id.ts';
import { badRequest } from '../../domain/errors.ts';

/** The parts of citation-js's input plugins this module uses (BibTeX and RIS are built in). */
interface CitationInput {
  plugins: {
    input: {
      chain(input: string, options: { target?: string; generateGraph?: boolean }): unknown;
    };
  };
}
const require = createRequire(import.meta.url);
const Cite = require('citation-js') as CitationInput;

/** One reference of an imported file, reduced to what matching needs. */
export interface Reference {
  /** Its position in the file, from 1. */
  number: number;
  title: string;
  arxivId: string | null;
  doi: string | null;
}

interface CslItem {
  title?: string;
  DOI?: string;
  URL?: string;
  number?: string;
  note?: string;
  archive_location?: string;
}

interface BibEntry {
  properties: Record<string, string | undefined>;
}

/** Which format a file is in, from its content: BibTeX entries start with `@`, RIS with `TY  -`. */
export function referenceFormat(text: string): 'bibtex' | 'ris' | null {
  if (/^\s*TY {2}- /m.test(text)) return 'ris';
  if (/^\s*@[A-Za-z]+\s*[{(]/m.test(text)) return 'bibtex';
  return null;
}

/**
 * The references of a BibTeX or RIS file (a Zotero export, say), parsed with citation-js; a file
 * in neither format is a clear 400.
 */
export function parseReferences(text: string): Reference[] {
  const format = referenceFormat(text);
  if (!format)
    throw badRequest(
      'unknown_reference_format',
      'That file is neither BibTeX nor RIS. Export your library or collection from your reference manager as BibTeX (.bib) or RIS (.ris).',
    );
  let items: CslItem[];
  let entries: BibEntry[] = [];
  try {
    items = Cite.plugins.input.chain(text, { generateGraph: false }) as CslItem[];
    // BibTeX's eprint field (arXiv's own export) does not survive into CSL: read it from the entries.
    if (format === 'bibtex')
      entries = Cite.plugins.input.chain(text, {
        target: '@biblatex/entries+list',
        generateGraph: false,
      }) as BibEntry[];
  } catch (error) {
    throw badRequest(
      'unreadable_references',
      `That ${format === 'bibtex' ? 'BibTeX' : 'RIS'} file could not be read: ${(error as Error).message}`,
    );
  }
  return items.map((item, i) => {
    const fields = entries[i]?.properties ?? {};
    const doi = (item.DOI ?? fields.doi ?? '').trim() || null;
    const candidates = [
      fields.eprint && /arxiv/i.test(fields.archiveprefix ?? fields.eprinttype ?? 'arxiv')
        ? fields.eprint
        : undefined,
      doi?.match(/^10\.48550\/arxiv\.(.+)$/i)?.[1],
      item.URL,
      fields.url,
      item.number,
      item.archive_location,
      item.note?.match(/arxiv:\s*(\S+)/i)?.[1],
    ];
    let arxivId: string | null = null;
    for (const c of candidates) {
      const parsed = c ? parseArxivId(c.trim()) : null;
      if (parsed) {
        arxivId = parsed.id;
        break;
      }
    }
    return {
      number: i + 1,
      title: (item.title ?? '').replace(/[{}]/g, '').replace(/\s+/g, ' ').trim(),
      arxivId,
      doi: doi && !/^10\.48550\//.test(doi) ? doi.toLowerCase() : null,
    };
  });
}

/** A title reduced for comparison: letters and digits, lower case, single spaces. */
export function titleKey(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\$[^$]*\$/g, (m) => m.replace(/[\\{}^_$]/g, ''))
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
