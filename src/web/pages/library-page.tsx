import type { Collection, SavedPaper } from '../../library/library.types.ts';
import type { ImportReport } from '../../library/transfer/reference-transfer.service.ts';
import { CsrfField } from './csrf-field.tsx';
import { Layout } from './layout.tsx';
import { PaperRow } from './paper-row.tsx';
import { PersonalNav } from './personal-nav.tsx';

export interface LibraryPageProps {
  saved: SavedPaper[];
  collections: Collection[];
  status: 'to_read' | 'read' | null;
  /** What an import just did, shown once. */
  imported?: ImportReport | null;
  error?: string | null;
}

const VISIBILITY = { private: 'Private', public: 'Public', link: 'Shared by link' } as const;

/** A member's library: saved papers by status, their collections, export and import. */
export function LibraryPage(props: LibraryPageProps) {
  const { saved, collections, status } = props;
  const back = status ? `/library?status=${status}` : '/library';
  return (
    <Layout title="Your library">
      <PersonalNav current="library" />
      <h1>Your library</h1>
      {props.error ? (
        <p class="error-text" role="alert">
          {props.error}
        </p>
      ) : null}
      {props.imported ? <ImportSummary report={props.imported} /> : null}
      <div class="library-layout">
        <section aria-labelledby="saved-heading">
          <h2 id="saved-heading">Saved papers</h2>
          <p class="filters">
            <a href="/library" aria-current={status === null ? 'page' : undefined} class="chip">
              All
            </a>{' '}
            <a
              href="/library?status=to_read"
              aria-current={status === 'to_read' ? 'page' : undefined}
              class="chip"
            >
              To read
            </a>{' '}
            <a
              href="/library?status=read"
              aria-current={status === 'read' ? 'page' : undefined}
              class="chip"
            >
              Read
            </a>
            <span class="muted"> · Export: </span>
            <a href="/library/export.bib">BibTeX</a> · <a href="/library/export.ris">RIS</a> ·{' '}
            <a href="/library/export.json">CSL-JSON</a>
          </p>
          {saved.length === 0 ? (
            <p class="muted">
              Nothing saved yet. Use “Save” on any paper; saved papers are private to you.
            </p>
          ) : (
            saved.map((s) => (
              <PaperRow
                paper={s.paper}
                back={back}
                saved={true}
                extra={
                  <p class="muted">
                    {s.status === 'read' ? 'Read' : 'To read'}
                    {s.note
                      ? ` · Note: ${s.note.length > 140 ? `${s.note.slice(0, 140)}…` : s.note}`
                      : ''}
                  </p>
                }
              />
            ))
          )}
        </section>
        <aside aria-labelledby="collections-heading">
          <h2 id="collections-heading">Collections</h2>
          {collections.length === 0 ? <p class="muted">No collections yet.</p> : null}
          <ul class="collections">
            {collections.map((c) => (
              <li>
                <a href={`/collections/${c.id}`}>{c.name}</a>{' '}
                <span class="muted">
                  {c.paperCount} paper{c.paperCount === 1 ? '' : 's'} · {VISIBILITY[c.visibility]}
                </span>
              </li>
            ))}
          </ul>
          <form method="post" action="/collections" class="stack">
            <CsrfField />
            <label for="collection-name">New collection</label>
            <input id="collection-name" name="name" maxLength={100} required />
            <label for="collection-visibility">Who can see it</label>
            <select id="collection-visibility" name="visibility">
              <option value="private">Only me</option>
              <option value="public">Everyone</option>
              <option value="link">Anyone with the link</option>
            </select>
            <button type="submit">Create collection</button>
          </form>
          <h2>Import</h2>
          <form method="post" action="/library/import" enctype="multipart/form-data" class="stack">
            <CsrfField />
            <label for="import-file">A BibTeX or RIS file (e.g. a Zotero export)</label>
            <input
              id="import-file"
              name="file"
              type="file"
              accept=".bib,.bibtex,.ris,.txt"
              required
            />
            <label for="import-collection">Into the collection</label>
            <input
              id="import-collection"
              name="collection"
              maxLength={100}
              value="Imported"
              required
            />
            <button type="submit">Import</button>
          </form>
        </aside>
      </div>
    </Layout>
  );
}

function ImportSummary({ report }: { report: ImportReport }) {
  return (
    <div class="notice" role="status">
      <p>
        Imported {report.matched.length} of {report.references} reference
        {report.references === 1 ? '' : 's'} into{' '}
        <a href={`/collections/${report.collection.id}`}>{report.collection.name}</a>
        {report.added < report.matched.length
          ? ` (${report.matched.length - report.added} were already in it)`
          : ''}
        .
      </p>
      {report.unmatched.length > 0 ? (
        <details>
          <summary>{report.unmatched.length} not found in Folio</summary>
          <ul>
            {report.unmatched.map((u) => (
              <li>
                #{u.number}: {u.title || '(no title)'}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
