import crypto from 'node:crypto';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../domain/clock.ts';
import { badRequest } from '../../domain/errors.ts';
import { requireActive } from '../../community/user.service.ts';
import type { User } from '../../community/user.ts';
import { inTransaction } from '../../papers/paper.repository.ts';
import { erasePersonalData, readAccountRows } from './account-data.repository.ts';

/** The version of the export's layout, so a reader knows what it holds. */
export const ACCOUNT_EXPORT_FORMAT = 'folio-account/1' as const;

const list = (json: string): unknown => {
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
};

/** A member's whole account as one JSON document, and deleting an account with its personal data. */
export function createAccountDataService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  return {
    /**
     * Everything Folio keeps about the member: profile, saves with notes, collections, follows,
     * "not interested", votes, comments, submissions, digest subscriptions and API tokens
     * (names and dates only: no secret, no token hash, no sharing link).
     */
    async exportAccount(user: User | null) {
      const member = requireActive(user);
      const r = await readAccountRows(db.kysely, member.id);
      const papersOf = new Map<number, { paperId: string; addedAt: string }[]>();
      for (const cp of r.collectionPapers)
        papersOf.set(Number(cp.collection_id), [
          ...(papersOf.get(Number(cp.collection_id)) ?? []),
          { paperId: cp.paper_id, addedAt: cp.added_at },
        ]);
      return {
        format: ACCOUNT_EXPORT_FORMAT,
        exportedAt: clock.now().toISOString(),
        profile: {
          id: r.user.id,
          email: r.user.email,
          name: r.user.name,
          role: r.user.role,
          status: r.user.status,
          createdAt: r.user.created_at,
          lastSeenAt: r.user.last_seen_at,
          notificationsByMail: Number(r.user.notify_by_mail) === 1,
        },
        saves: r.saves.map((s) => ({
          paperId: s.paper_id,
          title: s.title,
          status: s.status,
          note: s.note,
          savedAt: s.created_at,
          updatedAt: s.updated_at,
        })),
        collections: r.collections.map((c) => ({
          id: Number(c.id),
          name: c.name,
          description: c.description,
          visibility: c.visibility,
          createdAt: c.created_at,
          updatedAt: c.updated_at,
          papers: papersOf.get(Number(c.id)) ?? [],
        })),
        follows: r.follows.map((f) => ({
          kind: f.kind,
          target: f.target,
          followedAt: f.created_at,
        })),
        notInterested: r.notInterested.map((n) => ({ paperId: n.paper_id, at: n.created_at })),
        votes: r.votes.map((v) => ({ paperId: v.paper_id, votedAt: v.created_at })),
        comments: r.comments.map((c) => ({
          id: c.id,
          paperId: c.paper_id,
          parentId: c.parent_id,
          body: c.body,
          hidden: Boolean(c.hidden),
          createdAt: c.created_at,
          editedAt: c.edited_at,
          deletedAt: c.deleted_at,
        })),
        submissions: r.submissions.map((s) => ({
          day: s.day,
          paperId: s.paper_id,
          submittedAt: s.created_at,
        })),
        digestSubscriptions: r.subscriptions.map((s) => ({
          email: s.email,
          status: s.status,
          frequency: s.frequency,
          categories: list(s.categories),
          keywords: list(s.keywords),
          query: s.query,
          timeZone: s.time_zone,
          createdAt: s.created_at,
          confirmedAt: s.confirmed_at,
          unsubscribedAt: s.unsubscribed_at,
        })),
        apiTokens: r.tokens.map((t) => ({
          name: t.name,
          scope: t.scope,
          createdAt: t.created_at,
          lastUsedAt: t.last_used_at,
          revokedAt: t.revoked_at,
        })),
      };
    },

    /**
     * Deletes the member's account and personal data; `confirm` must repeat the member's name.
     * Their comments stay as "[deleted]" where others replied, their votes no longer count, and
     * every session and token stops working at once.
     */
    async deleteAccount(user: User | null, confirm: unknown): Promise<void> {
      const member = requireActive(user);
      const typed = typeof confirm === 'string' ? confirm.trim().toLowerCase() : '';
      if (typed !== member.name.toLowerCase())
        throw badRequest(
          'confirmation_mismatch',
          `To delete your account, type your name (${member.name}) to confirm.`,
        );
      const placeholder = `deleted-${member.id}-${crypto.randomBytes(3).toString('hex')}`;
      await inTransaction(db, (trx) =>
        erasePersonalData(trx, member, clock.now().toISOString(), placeholder),
      );
    },
  };
}

export type AccountDataService = ReturnType<typeof createAccountDataService>;
