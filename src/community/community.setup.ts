import type { Db } from '../db/database.ts';
import type { Clock } from '../domain/clock.ts';
import type { Mailer } from '../mail/mailer.ts';
import {
  authenticateApiToken,
  authenticateApiTokenAccess,
  createApiToken,
  listApiTokens,
  revokeApiToken,
} from './api-tokens.ts';
import { threadsOnPaper } from './comment-threads.ts';
import {
  addComment,
  deleteComment,
  editComment,
  hideComment,
  ownComment,
  visibleComments,
} from './comment.service.ts';
import { loadProfile } from './profile.service.ts';
import { featurePaper, submitPaper, type SubmissionDeps } from './submission.service.ts';
import { hitRateLimit } from './rate-limit.service.ts';
import { endSession, readSession, startSession } from './session.service.ts';
import { redeemSignInLink, sendSignInLink, type SignInDeps } from './sign-in.service.ts';
import {
  ensureUser,
  findUserByName,
  renameUser,
  setRole,
  setSuspended,
  userByEmail,
  userById,
} from './user.service.ts';
import { recentUpvotes, toggleVote } from './vote.service.ts';

type DropFirst<T extends unknown[]> = T extends [unknown, ...infer Rest] ? Rest : never;
type DropTwo<T extends unknown[]> = DropFirst<DropFirst<T>>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Fn = (...args: any[]) => unknown;

/** Binds the store (`db`) as a function's first argument. */
const withDb =
  <F extends Fn>(db: Db, fn: F) =>
  (...args: DropFirst<Parameters<F>>) =>
    fn(db, ...args) as ReturnType<F>;

/** Binds the store and the clock as a function's first two arguments. */
const withDbClock =
  <F extends Fn>(db: Db, clock: Clock, fn: F) =>
  (...args: DropTwo<Parameters<F>>) =>
    fn(db, clock, ...args) as ReturnType<F>;

/** What the community service is built over: the store, clock, papers, mail and the site's address. */
export interface CommunityDeps extends SubmissionDeps {
  /** Sends sign-in links. */
  mailer: Mailer;
  /** The site's address, for the links in mail. */
  baseUrl: string;
}

/** Members and what they do: sessions, comments, votes, profiles, API tokens and rate limits. */
export function createCommunityService(deps: CommunityDeps) {
  const { db, clock } = deps;
  return {
    signIn: {
      /**
       * Emails a one-time sign-in link (nothing to a suspended member); `onOutboxLink` hears the
       * link when no mail server is configured and mail goes to the outbox folder.
       */
      sendLink: (email: string, onOutboxLink?: SignInDeps['onOutboxLink']) =>
        sendSignInLink(
          {
            db,
            clock,
            mailer: deps.mailer,
            baseUrl: deps.baseUrl,
            ...(onOutboxLink ? { onOutboxLink } : {}),
          },
          email,
        ),
      /** Uses a sign-in link's token: the member it signs in (created on first sign-in). */
      redeem: (token: string) => redeemSignInLink({ db, clock }, token),
    },
    sessions: {
      start: withDbClock(db, clock, startSession),
      read: withDbClock(db, clock, readSession),
      end: withDb(db, endSession),
    },
    comments: {
      add: withDbClock(db, clock, addComment),
      own: withDb(db, ownComment),
      edit: withDbClock(db, clock, editComment),
      delete: withDbClock(db, clock, deleteComment),
      hide: withDb(db, hideComment),
      visible: withDb(db, visibleComments),
      /** A paper's discussion: top-level comments with their replies. */
      threadsOn: withDb(db, threadsOnPaper),
    },
    votes: {
      toggle: withDbClock(db, clock, toggleVote),
      recentUpvotes: withDb(db, recentUpvotes),
    },
    users: {
      /** The member with this address, created (with a free name) when there is none. */
      ensure: withDbClock(db, clock, ensureUser),
      byId: withDb(db, userById),
      byEmail: withDb(db, userByEmail),
      byName: (name: string) => findUserByName(db.kysely, name),
      profile: withDb(db, loadProfile),
      rename: withDb(db, renameUser),
      setRole: withDb(db, setRole),
      setSuspended: withDb(db, setSuspended),
    },
    apiTokens: {
      create: withDbClock(db, clock, createApiToken),
      list: withDb(db, listApiTokens),
      revoke: withDbClock(db, clock, revokeApiToken),
      authenticate: withDbClock(db, clock, authenticateApiToken),
      authenticateAccess: withDbClock(db, clock, authenticateApiTokenAccess),
    },
    submissions: {
      /** Puts a paper on today's list as a member's submission (fetched from arXiv if new). */
      submit: (...args: DropFirst<Parameters<typeof submitPaper>>) => submitPaper(deps, ...args),
      /** A curator features a paper on a day's list, or stops featuring it. */
      feature: (...args: DropFirst<Parameters<typeof featurePaper>>) => featurePaper(deps, ...args),
    },
    /** Counts one action against a limit; throws a 429 AppError past it. */
    hitRateLimit: withDbClock(db, clock, hitRateLimit),
  };
}

export type CommunityService = ReturnType<typeof createCommunityService>;
