import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * The outbox also carries mail to members (notifications), which belongs to an account rather
 * than to a digest subscription: `subscriber_id` becomes optional and `user_id` names the member.
 * Each (member, period) is queued once, as each (subscriber, period) is.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  if (dialect === 'postgres') {
    await sql`alter table digest_outbox alter column subscriber_id drop not null`.execute(db);
    await sql`alter table digest_outbox add column user_id integer references users (id) on delete cascade`.execute(
      db,
    );
  } else {
    // SQLite cannot drop a NOT NULL constraint: the table is rebuilt with the same rows.
    await sql`create table digest_outbox_next (
      id integer primary key autoincrement,
      subscriber_id integer references subscribers (id) on delete cascade,
      user_id integer references users (id) on delete cascade,
      period_key text not null,
      status text not null,
      to_address text not null,
      message_id text not null unique,
      subject text not null,
      body_html text not null,
      body_text text not null,
      paper_count integer not null,
      attempts integer not null default 0,
      next_attempt_at text not null,
      claimed_at text,
      sent_at text,
      last_error text,
      smtp_response text,
      created_at text not null,
      unique (subscriber_id, period_key)
    )`.execute(db);
    await sql`insert into digest_outbox_next (id, subscriber_id, period_key, status, to_address,
        message_id, subject, body_html, body_text, paper_count, attempts, next_attempt_at,
        claimed_at, sent_at, last_error, smtp_response, created_at)
      select id, subscriber_id, period_key, status, to_address, message_id, subject, body_html,
        body_text, paper_count, attempts, next_attempt_at, claimed_at, sent_at, last_error,
        smtp_response, created_at
      from digest_outbox`.execute(db);
    await sql`drop table digest_outbox`.execute(db);
    await sql`alter table digest_outbox_next rename to digest_outbox`.execute(db);
    await sql`create index digest_outbox_due on digest_outbox (status, next_attempt_at)`.execute(
      db,
    );
  }
  await sql`create unique index digest_outbox_user_period on digest_outbox (user_id, period_key)`.execute(
    db,
  );
}
