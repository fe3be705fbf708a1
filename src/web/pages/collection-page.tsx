import type { Paper } from '../../domain/paper.ts';
import type { Collection } from '../../library/library.types.ts';
import { CsrfField } from './csrf-field.tsx';
import { Layout } from './layout.tsx';
import { PaperRow } from './paper-row.tsx';
import { userPath } from './paths.ts';

export interface CollectionPageProps {
  collection: Collection;
  papers: Paper[];
  /** The viewer owns it: show the settings and remove buttons. */
  owner: boolean;
  /** Papers of these ids are in the viewer's library. */
  saved: ReadonlySet<string>;
  signedIn: boolean;
  following: boolean;
  /** Address of this collection's sharing link (owner, "link" collections). */
  shareUrl: string | null;
  /** Where exports of this page are: `/collections/1/export` or `/shared/TOKEN/export`. */
  exportBase: string;
  back: string;
}

/** One collection: its papers, exports, and for its owner who may see it and its link. */
export function CollectionPage(props: CollectionPageProps) {
  const { collection: c, owner } = props;
  return (
    <Layout title={c.name}>
      <header class="list-header">
        <h1>{c.name}</h1>
        <p class="muted">
          A collection by <a href={userPath(c.ownerName)}>{c.ownerName}</a> · {c.paperCount} paper
          {c.paperCount === 1 ? '' : 's'}
          {owner
            ? ` · ${c.visibility === 'private' ? 'Private' : c.visibility === 'public' ? 'Public' : 'Shared by link'}`
            : ''}
        </p>
        {c.description ? <p>{c.description}</p> : null}
        <p>
          Export: <a href={`${props.exportBase}.bib`}>BibTeX</a> ·{' '}
          <a href={`${props.exportBase}.ris`}>RIS</a> ·{' '}
          <a href={`${props.exportBase}.json`}>CSL-JSON</a>
        </p>
        {!owner && props.signedIn && c.visibility === 'public' ? (
          <form method="post" action={props.following ? '/unfollow' : '/follow'} class="inline">
            <CsrfField />
            <input type="hidden" name="kind" value="collection" />
            <input type="hidden" name="target" value={String(c.id)} />
            <input type="hidden" name="back" value={props.back} />
            <button type="submit">{props.following ? 'Unfollow' : 'Follow'} this collection</button>
          </form>
        ) : null}
      </header>
      {owner ? (
        <details class="collection-settings">
          <summary>Settings and sharing</summary>
          <form method="post" action={`/collections/${c.id}`} class="stack narrow">
            <CsrfField />
            <label for="c-name">Name</label>
            <input id="c-name" name="name" value={c.name} maxLength={100} required />
            <label for="c-description">Description</label>
            <textarea id="c-description" name="description" rows={2} maxLength={2000}>
              {c.description}
            </textarea>
            <label for="c-visibility">Who can see it</label>
            <select id="c-visibility" name="visibility">
              <option value="private" selected={c.visibility === 'private'}>
                Only me
              </option>
              <option value="public" selected={c.visibility === 'public'}>
                Everyone
              </option>
              <option value="link" selected={c.visibility === 'link'}>
                Anyone with the link
              </option>
            </select>
            <button type="submit">Save settings</button>
          </form>
          {props.shareUrl ? (
            <div class="share">
              <label for="share-url">Sharing link</label>
              <input id="share-url" readonly value={props.shareUrl} size={60} />
              <form method="post" action={`/collections/${c.id}/share-link`} class="inline">
                <CsrfField />
                <button type="submit">Replace the link (the old one stops working)</button>
              </form>
            </div>
          ) : null}
          <form method="post" action={`/collections/${c.id}/delete`}>
            <CsrfField />
            <button type="submit" class="danger">
              Delete this collection
            </button>
          </form>
        </details>
      ) : null}
      {props.papers.length === 0 ? <p class="muted">No papers in this collection yet.</p> : null}
      {props.papers.map((p) => (
        <PaperRow
          paper={p}
          back={props.back}
          saved={props.signedIn ? props.saved.has(p.id) : undefined}
          removeFrom={owner ? c.id : undefined}
        />
      ))}
    </Layout>
  );
}
