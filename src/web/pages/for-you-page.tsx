import type { Recommendation } from '../../library/recommend/recommend.service.ts';
import { Layout } from './layout.tsx';
import { PaperRow } from './paper-row.tsx';
import { PersonalNav } from './personal-nav.tsx';

/** "For you": recommended papers, each with its reason and a "Not interested" button. */
export function ForYouPage({ items }: { items: Recommendation[] }) {
  return (
    <Layout title="For you">
      <PersonalNav current="for-you" />
      <h1>For you</h1>
      <p class="muted">
        Papers like the ones you saved and upvoted. “Not interested” takes a paper out and steers
        away from papers like it.
      </p>
      {items.length === 0 ? (
        <p class="muted">
          Nothing to recommend yet: save or upvote a few papers, follow an author or a category, or
          import a BibTeX or RIS file on <a href="/library">your library</a>.
        </p>
      ) : (
        items.map((r) => (
          <PaperRow paper={r.paper} back="/for-you" saved={false} reason={r.reason} dismiss />
        ))
      )}
    </Layout>
  );
}
