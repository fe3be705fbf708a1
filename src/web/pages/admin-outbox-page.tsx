import type { OutboxSummary } from '../../digest/outbox-overview.ts';
import type { OutboxFile } from '../../mail/outbox-folder.ts';
import { Layout } from './layout.tsx';
import { DigestStyles } from './subscribe-page.tsx';

export interface AdminOutboxProps {
  mailer: 'smtp' | 'outbox';
  subscribers: Record<string, number>;
  outbox: Record<string, number>;
  recent: OutboxSummary[];
  /** Where messages are kept without SMTP: the folder, or the database. */
  outboxPlace: string | null;
  files: OutboxFile[];
}

/** GET /admin/outbox: digest delivery at a glance, and the .eml files written when offline. */
export function AdminOutboxPage(props: AdminOutboxProps) {
  return (
    <Layout title="Outbox" head={<DigestStyles />}>
      <section class="admin-outbox">
        <h1>Mail outbox</h1>
        <p>
          {props.mailer === 'smtp'
            ? 'Mail goes to the configured SMTP server.'
            : `No SMTP server is configured: messages are kept in ${props.outboxPlace ?? 'the outbox'} and listed below, their link tokens hidden.`}
        </p>
        <h2>Subscribers</h2>
        <Counts counts={props.subscribers} />
        <h2>Digests by status</h2>
        <Counts counts={props.outbox} />
        <h2>Recent digests</h2>
        {props.recent.length === 0 ? (
          <p>None yet.</p>
        ) : (
          <div class="table-scroll">
            <table>
              <thead>
                <tr>
                  <th>Queued</th>
                  <th>To</th>
                  <th>Period</th>
                  <th>Papers</th>
                  <th>Status</th>
                  <th>Attempts</th>
                  <th>Last error</th>
                </tr>
              </thead>
              <tbody>
                {props.recent.map((m) => (
                  <tr>
                    <td>{m.createdAt}</td>
                    <td>{m.to}</td>
                    <td>{m.periodKey}</td>
                    <td>{m.paperCount}</td>
                    <td>{m.status}</td>
                    <td>{m.attempts}</td>
                    <td>{m.lastError ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {props.mailer === 'outbox' ? (
          <>
            <h2>Outbox</h2>
            <div class="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th>Written</th>
                    <th>To</th>
                    <th>Subject</th>
                    <th>File</th>
                  </tr>
                </thead>
                <tbody>
                  {props.files.map((f) => (
                    <tr>
                      <td>{f.writtenAt}</td>
                      <td>{f.to}</td>
                      <td>{f.subject}</td>
                      <td>
                        <a href={`/admin/outbox/${encodeURIComponent(f.name)}`}>{f.name}</a>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : null}
      </section>
    </Layout>
  );
}

function Counts({ counts }: { counts: Record<string, number> }) {
  const entries = Object.entries(counts);
  if (entries.length === 0) return <p>None yet.</p>;
  return (
    <ul>
      {entries.map(([status, n]) => (
        <li>
          {status}: {n}
        </li>
      ))}
    </ul>
  );
}
