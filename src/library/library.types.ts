import type { Paper } from '../domain/paper.ts';

/** Where a member stands with a saved paper. */
export type ReadingStatus = 'to_read' | 'read';

/** Who may see a collection: its owner, anyone, or whoever holds its link. */
export type Visibility = 'private' | 'public' | 'link';

/** A paper in a member's library, with their status and private note. */
export interface SavedPaper {
  paper: Paper;
  status: ReadingStatus;
  note: string | null;
  savedAt: string;
}

/** A named set of papers a member keeps. */
export interface Collection {
  id: number;
  ownerId: number;
  ownerName: string;
  name: string;
  description: string;
  visibility: Visibility;
  /** The secret of the sharing link; null when the collection is not shared by link. */
  shareToken: string | null;
  paperCount: number;
  createdAt: string;
  updatedAt: string;
}

/** What the visitor's own library says about one paper (cards, paper page). */
export interface PaperLibraryState {
  saved: boolean;
  status: ReadingStatus | null;
  note: string | null;
  /** Ids of the member's collections holding the paper. */
  collectionIds: number[];
}

export type FollowKind = 'author' | 'category' | 'search' | 'collection';

/** Something a member follows: an author's name, an arXiv category, a search, a public collection. */
export interface Follow {
  id: number;
  kind: FollowKind;
  target: string;
  /** How to show it: the collection's name for a collection, else the target. */
  label: string;
  createdAt: string;
}

/** What a notification tells: a reply, a mention, a saved paper's new version, a followed author's paper. */
export type NotificationKind = 'reply' | 'mention' | 'new_version' | 'followed_author';

/** Something that happened that concerns a member. */
export interface Notification {
  id: number;
  kind: NotificationKind;
  paper: { id: string; title: string } | null;
  commentId: number | null;
  /** The member who replied or mentioned; null for paper events (or a deleted account). */
  actorName: string | null;
  /** An excerpt of the comment, the new version ("v3"), or the followed author's name. */
  detail: string;
  createdAt: string;
  read: boolean;
}
