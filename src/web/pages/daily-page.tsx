import type { Paper } from '../../domain/paper.ts';
import { Layout } from './layout.tsx';
import { PaperCard } from './paper-card.tsx';

export interface DailyPageProps {
  day: string | null;
  papers: Paper[];
  curators: string;
}

/** The day's list of papers. */
export function DailyPage({ day, papers, curators }: DailyPageProps) {
  return (
    <Layout title="Folio">
      <h1>Daily Papers</h1>
      <p class="lede">
        by {curators} and the research community{day ? ` · ${day}` : ''}
      </p>
      {papers.length === 0 ? (
        <p class="empty">
          No papers yet. Import some with <code>folio import FILE</code>.
        </p>
      ) : (
        <ol class="paper-list">
          {papers.map((p) => (
            <li>
              <PaperCard paper={p} />
            </li>
          ))}
        </ol>
      )}
    </Layout>
  );
}
