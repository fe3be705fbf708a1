import type { Generated } from 'kysely';

/** Row types of every table; they stay inside repositories. */
export interface PapersTable {
  pid: Generated<number>;
  id: string;
  version: number;
  title: string;
  abstract: string;
  /** JSON array of names, in order. */
  authors: string;
  /** JSON array, primary first. */
  categories: string;
  primary_category: string | null;
  published_at: string | null;
  updated_at: string | null;
  listing_date: string | null;
  comment: string | null;
  journal_ref: string | null;
  doi: string | null;
  license: string | null;
  code_repo: string | null;
  project_page: string | null;
  /** JSON array of { version, date, size }. */
  versions: string;
  created_at: string;
  modified_at: string;
}

export interface DailyEntriesTable {
  day: string;
  paper_id: string;
  submitted_by: number | null;
  /** Submitter as named by the source (e.g. a Hugging Face user) when not a Folio member. */
  submitter_name: string | null;
  submitter_fullname: string | null;
  submitter_avatar: string | null;
  source: string;
  /** Upvotes the source reported (Hugging Face), kept apart from Folio's own votes. */
  source_upvotes: number;
  /** When a later import changed source_upvotes (null: unchanged since the entry was added). */
  upvotes_changed_at: string | null;
  source_comments: number;
  github_repo: string | null;
  github_stars: number | null;
  featured: number;
  created_at: string;
}

export interface IngestCursorsTable {
  source: string;
  /** JSON: whatever the source needs to resume. */
  cursor: string;
  updated_at: string;
}

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  /** member | curator | admin */
  role: Generated<string>;
  /** active | suspended */
  status: Generated<string>;
  created_at: string;
  last_seen_at: string | null;
  /** 1 when the member wants notifications by mail. */
  notify_by_mail: Generated<number>;
}

export interface SessionsTable {
  token_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface SignInTokensTable {
  token_hash: string;
  email: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface VotesTable {
  user_id: number;
  paper_id: string;
  created_at: string;
}

export interface CommentsTable {
  id: Generated<number>;
  paper_id: string;
  user_id: number;
  parent_id: number | null;
  body: string;
  hidden: Generated<number>;
  hidden_reason: string | null;
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface RateLimitsTable {
  bucket: string;
  window_start: string;
  hits: number;
}

export interface AppSettingsTable {
  key: string;
  value: string;
}

export interface SubscribersTable {
  id: Generated<number>;
  email: string;
  /** pending | active | paused | unsubscribed | bouncing */
  status: string;
  /** daily | weekly */
  frequency: string;
  /** JSON array of arXiv categories. */
  categories: string;
  /** JSON array of keywords. */
  keywords: string;
  query: string | null;
  time_zone: string;
  user_id: number | null;
  manage_key: string;
  confirm_nonce: string | null;
  confirm_expires_at: string | null;
  next_due_at: string | null;
  bounce_count: Generated<number>;
  last_error: string | null;
  manage_mail_at: string | null;
  created_at: string;
  updated_at: string;
  confirmed_at: string | null;
  unsubscribed_at: string | null;
}

export interface DigestOutboxTable {
  id: Generated<number>;
  subscriber_id: number;
  period_key: string;
  /** pending | sending | sent | uncertain | failed | cancelled */
  status: string;
  to_address: string;
  message_id: string;
  subject: string;
  body_html: string;
  body_text: string;
  paper_count: number;
  attempts: Generated<number>;
  next_attempt_at: string;
  claimed_at: string | null;
  sent_at: string | null;
  last_error: string | null;
  smtp_response: string | null;
  created_at: string;
}

export interface DigestSentPapersTable {
  subscriber_id: number;
  paper_id: string;
  period_key: string;
}

export interface ReposTable {
  id: Generated<number>;
  /** The link as papers spell it: `github:owner/name`. */
  code_repo: string;
  /** Current `owner/name` on GitHub (follows renames). */
  full_name: string;
  github_id: number | string | null;
  stars: number | null;
  etag: string | null;
  /** active | gone */
  status: Generated<string>;
  last_checked_at: string | null;
  next_check_at: string | null;
  failures: Generated<number>;
  created_at: string;
}

export interface StarSnapshotsTable {
  repo_id: number;
  taken_at: string;
  stars: number;
  /** Stars gained since the previous snapshot, never negative. */
  gained: number;
}

export interface PageViewsTable {
  paper_id: string;
  day: string;
  views: number;
  updated_at: string;
}

export interface TrendingExclusionsTable {
  paper_id: string;
  reason: string;
  excluded_by: number | null;
  created_at: string;
}

export interface TrendingScoresTable {
  /** 24h | 7d | 30d */
  span: string;
  paper_id: string;
  rank_key: number;
  decay_rate: number;
  signal_sum: number;
  stars_gained: number;
  upvotes: number;
  comments: number;
  views: number;
  born_at: string;
  computed_at: string;
  expires_at: string;
}

export interface EmbeddingModelsTable {
  id: string;
  /** builtin-lsa | openai */
  kind: string;
  dims: number;
  /** JSON: training parameters, or the endpoint and model name. */
  params: string;
  /** The built-in model's vocabulary and weights; null for remote models. */
  data: Uint8Array | null;
  /** building | active | retired */
  status: string;
  created_at: string;
  activated_at: string | null;
}

export interface EmbeddingsTable {
  seq: Generated<number>;
  pid: number;
  model_id: string;
  /** float32 little-endian. */
  vector: Uint8Array;
  created_at: string;
}

export interface LibrarySavesTable {
  user_id: number;
  paper_id: string;
  /** to_read | read */
  status: string;
  note: string | null;
  created_at: string;
  updated_at: string;
}

export interface CollectionsTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  description: string;
  /** private | public | link */
  visibility: string;
  share_token: string | null;
  created_at: string;
  updated_at: string;
}

export interface CollectionPapersTable {
  collection_id: number;
  paper_id: string;
  added_at: string;
}

export interface FollowsTable {
  id: Generated<number>;
  user_id: number;
  /** author | category | search | collection */
  kind: string;
  target: string;
  created_at: string;
}

export interface NotInterestedTable {
  user_id: number;
  paper_id: string;
  created_at: string;
}

export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  /** reply | mention | new_version | followed_author */
  kind: string;
  paper_id: string | null;
  comment_id: number | null;
  actor_id: number | null;
  detail: string;
  /** One notification per member and event, whoever records it twice. */
  dedupe_key: string;
  created_at: string;
  read_at: string | null;
  mailed_at: string | null;
}

export interface Schema {
  papers: PapersTable;
  daily_entries: DailyEntriesTable;
  ingest_cursors: IngestCursorsTable;
  users: UsersTable;
  sessions: SessionsTable;
  sign_in_tokens: SignInTokensTable;
  votes: VotesTable;
  comments: CommentsTable;
  api_tokens: ApiTokensTable;
  rate_limits: RateLimitsTable;
  app_settings: AppSettingsTable;
  embedding_models: EmbeddingModelsTable;
  embeddings: EmbeddingsTable;
  subscribers: SubscribersTable;
  digest_outbox: DigestOutboxTable;
  digest_sent_papers: DigestSentPapersTable;
  repos: ReposTable;
  star_snapshots: StarSnapshotsTable;
  page_views: PageViewsTable;
  trending_exclusions: TrendingExclusionsTable;
  trending_scores: TrendingScoresTable;
  library_saves: LibrarySavesTable;
  collections: CollectionsTable;
  collection_papers: CollectionPapersTable;
  follows: FollowsTable;
  not_interested: NotInterestedTable;
  notifications: NotificationsTable;
}
