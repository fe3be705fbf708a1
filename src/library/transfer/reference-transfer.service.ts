import type { Db } from '../../db/database.ts';
import type { Paper } from '../../domain/paper.ts';
import { toBibtexList } from '../../citations/bibtex.ts';
import { toCslJson } from '../../citations/csl-json.ts';
import { toRisList } from '../../citations/ris.ts';
import { badRequest } from '../../domain/errors.ts';
import { requireActive } from '../../community/user.service.ts';
import type { User } from '../../community/user.ts';
import { findPapersByIds } from '../../papers/paper.repository.ts';
import type { SearchService } from '../../search/search.service.ts';
import type { LibraryService } from '../library.service.ts';
import { exportFormatSchema, type ExportFormat } from '../library.schemas.ts';
import type { Collection } from '../library.types.ts';
import { parseInput } from '../parse-input.ts';
import { papersWithDois } from './doi.repository.ts';
import { parseReferences, titleKey, type Reference } from './reference-file.ts';

/** Largest reference file accepted (a Zotero library of several thousand entries fits). */
export const MAX_REFERENCE_FILE_BYTES = 5 * 1024 * 1024;
/** References one import matches at most. */
const MAX_REFERENCES = 5_000;

export interface ReferenceTransferDeps {
  db: Db;
  search: Pick<SearchService, 'search'>;
  library: LibraryService;
}

/** A file to send: its body, media type and file name. */
export interface ExportFile {
  body: string;
  contentType: string;
  fileName: string;
}

/** What an import did: the collection filled, and each reference matched or not. */
export interface ImportReport {
  collection: Collection;
  references: number;
  matched: { number: number; title: string; paperId: string; by: 'arxiv' | 'doi' | 'title' }[];
  unmatched: { number: number; title: string }[];
  added: number;
}

const TYPES: Record<ExportFormat, { type: string; ext: string }> = {
  bibtex: { type: 'application/x-bibtex', ext: 'bib' },
  ris: { type: 'application/x-research-info-systems', ext: 'ris' },
  'csl-json': { type: 'application/vnd.citationstyles.csl+json', ext: 'json' },
};

/** Papers as a BibTeX, RIS or CSL-JSON file, through the project's citation writers. */
export function exportPapers(
  papers: readonly Paper[],
  format: unknown,
  baseName: string,
): ExportFile {
  const f = parseInput(exportFormatSchema, format);
  const body =
    f === 'bibtex'
      ? toBibtexList(papers)
      : f === 'ris'
        ? toRisList(papers)
        : `${JSON.stringify(toCslJson(papers), null, 2)}\n`;
  const safe = baseName.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'folio';
  return {
    body,
    contentType: `${TYPES[f].type}; charset=utf-8`,
    fileName: `${safe}.${TYPES[f].ext}`,
  };
}

/** The bridge to reference managers: export a library or collection, import a BibTeX or RIS file. */
export function createReferenceTransferService(deps: ReferenceTransferDeps) {
  const { db, library } = deps;

  /** The paper each reference names: by arXiv id, then DOI, then exact title. */
  async function match(
    refs: Reference[],
  ): Promise<Map<number, { paperId: string; by: 'arxiv' | 'doi' | 'title' }>> {
    const out = new Map<number, { paperId: string; by: 'arxiv' | 'doi' | 'title' }>();
    const byId = await findPapersByIds(
      db.kysely,
      refs.flatMap((r) => (r.arxivId ? [r.arxivId] : [])),
    );
    const byDoi = await papersWithDois(
      db,
      refs.flatMap((r) => (r.doi ? [r.doi] : [])),
    );
    for (const ref of refs) {
      if (ref.arxivId && byId.has(ref.arxivId)) {
        out.set(ref.number, { paperId: ref.arxivId, by: 'arxiv' });
        continue;
      }
      const doiMatch = ref.doi ? byDoi.get(ref.doi) : undefined;
      if (doiMatch) {
        out.set(ref.number, { paperId: doiMatch, by: 'doi' });
        continue;
      }
      const key = titleKey(ref.title);
      if (key.split(' ').length < 3) continue; // too short a title to trust an exact match
      const result = await deps.search.search({
        q: ref.title.slice(0, 300),
        mode: 'keyword',
        limit: 5,
      });
      const hit = result.hits.find((h) => titleKey(h.paper.title) === key);
      if (hit) out.set(ref.number, { paperId: hit.paper.id, by: 'title' });
    }
    return out;
  }

  return {
    /** The member's whole library as a file. */
    async exportLibrary(user: User | null, format: unknown): Promise<ExportFile> {
      const member = requireActive(user);
      const saved = await library.saved(member);
      return exportPapers(
        saved.map((s) => s.paper),
        format,
        `folio-library-${member.name}`,
      );
    },

    /** A collection as a file, for whoever may see it. */
    async exportCollection(
      viewer: User | null,
      id: number | string,
      format: unknown,
    ): Promise<ExportFile> {
      const { collection, papers } = await library.collection(viewer, id);
      return exportPapers(papers, format, collection.name);
    },

    /** A collection shared by link, as a file. */
    async exportShared(token: string, format: unknown): Promise<ExportFile> {
      const { collection, papers } = await library.sharedCollection(token);
      return exportPapers(papers, format, collection.name);
    },

    /**
     * Imports a BibTeX or RIS file into a collection (made when no collection of that name
     * exists), adding every reference it can match and listing those it cannot.
     */
    async importFile(
      user: User | null,
      text: string,
      collectionName: string,
    ): Promise<ImportReport> {
      const member = requireActive(user);
      if (Buffer.byteLength(text) > MAX_REFERENCE_FILE_BYTES)
        throw badRequest(
          'file_too_large',
          `A reference file is at most ${MAX_REFERENCE_FILE_BYTES / 1024 / 1024} MB.`,
        );
      const refs = parseReferences(text);
      if (refs.length > MAX_REFERENCES)
        throw badRequest(
          'too_many_references',
          `A file holds at most ${MAX_REFERENCES} references; split it.`,
        );
      const collection =
        (await library.collectionNamed(member, collectionName)) ??
        (await library.createCollection(member, { name: collectionName }));
      const matches = await match(refs);
      const ids = [...new Set([...matches.values()].map((m) => m.paperId))];
      const { added } =
        ids.length > 0 ? await library.addToCollection(member, collection.id, ids) : { added: 0 };
      return {
        collection: (await library.collectionNamed(member, collection.name)) ?? collection,
        references: refs.length,
        matched: refs.flatMap((r) => {
          const m = matches.get(r.number);
          return m ? [{ number: r.number, title: r.title, paperId: m.paperId, by: m.by }] : [];
        }),
        unmatched: refs
          .filter((r) => !matches.has(r.number))
          .map((r) => ({ number: r.number, title: r.title })),
        added,
      };
    },
  };
}

export type ReferenceTransferService = ReturnType<typeof createReferenceTransferService>;
