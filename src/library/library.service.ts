import type { Db } from '../db/database.ts';
import type { Clock } from '../domain/clock.ts';
import { parseArxivId } from '../domain/arxiv-id.ts';
import { AppError, badRequest, notFound } from '../domain/errors.ts';
import type { Paper } from '../domain/paper.ts';
import { randomToken } from '../security/signing.ts';
import { requireActive } from '../community/user.service.ts';
import type { User } from '../community/user.ts';
import { findPaper, findPapersByIds, inTransaction } from '../papers/paper.repository.ts';
import {
  addToCollection,
  collectionPaperIds,
  collectionsHolding,
  deleteCollection,
  findCollectionById,
  findCollectionByName,
  findCollectionByToken,
  insertCollection,
  listCollections,
  removeFromCollection,
  updateCollection,
  type CollectionRow,
} from './collection.repository.ts';
import {
  collectionInputSchema,
  readingStatusSchema,
  saveInputSchema,
  type CollectionInput,
} from './library.schemas.ts';
import type {
  Collection,
  PaperLibraryState,
  ReadingStatus,
  SavedPaper,
  Visibility,
} from './library.types.ts';
import { parseInput } from './parse-input.ts';
import {
  deleteSave,
  findSave,
  insertSave,
  listSaves,
  savesAmong,
  updateSave,
  type SaveRow,
} from './save.repository.ts';

/** What the library needs: the store and the time. */
export interface LibraryDeps {
  db: Db;
  clock: Clock;
}

/** Most papers one collection or library page reads at once. */
export const MAX_LIST = 5_000;

/** A collection's id from text; anything else is a 404 (ids are not secrets, visibility is). */
export function collectionIdOf(text: string | number): number {
  const s = String(text);
  if (!/^\d{1,12}$/.test(s) || Number(s) > 2_147_483_647)
    throw notFound('There is no such collection.');
  return Number(s);
}

/** Saves, reading status, notes and collections of members. */
export function createLibraryService(deps: LibraryDeps) {
  const { db, clock } = deps;
  const now = () => clock.now().toISOString();

  async function requirePaper(idText: string): Promise<Paper> {
    const parsed = parseArxivId(String(idText ?? ''));
    if (!parsed) throw notFound(`"${String(idText).slice(0, 60)}" is not an arXiv id.`);
    const paper = await findPaper(db.kysely, parsed.id);
    if (!paper) throw notFound(`There is no paper ${parsed.id} here.`);
    return paper;
  }

  /** The collection if this member owns it; a 404 otherwise (never tells others it exists). */
  async function ownCollection(user: User, id: number | string): Promise<CollectionRow> {
    const row = await findCollectionById(db.kysely, collectionIdOf(id));
    if (!row || row.user_id !== user.id) throw notFound('There is no such collection.');
    return row;
  }

  async function savedFromRows(rows: SaveRow[]): Promise<SavedPaper[]> {
    const papers = await findPapersByIds(
      db.kysely,
      rows.map((r) => r.paper_id),
    );
    return rows.flatMap((r) => {
      const paper = papers.get(r.paper_id);
      return paper
        ? [{ paper, status: r.status as ReadingStatus, note: r.note, savedAt: r.created_at }]
        : [];
    });
  }

  async function papersInOrder(ids: string[]): Promise<Paper[]> {
    const found = await findPapersByIds(db.kysely, ids);
    return ids.map((id) => found.get(id)).filter((p): p is Paper => Boolean(p));
  }

  return {
    requirePaper,

    /** Saves a paper (private), then applies status and note if given; returns its library entry. */
    async save(user: User | null, paperId: string, input: unknown = {}): Promise<SavedPaper> {
      const member = requireActive(user);
      const changes = parseInput(saveInputSchema, input);
      const paper = await requirePaper(paperId);
      await insertSave(db.kysely, member.id, paper.id, now());
      if (changes.status !== undefined || changes.note !== undefined)
        await updateSave(
          db.kysely,
          member.id,
          paper.id,
          {
            ...(changes.status ? { status: changes.status } : {}),
            ...(changes.note !== undefined ? { note: changes.note.trim() || null } : {}),
          },
          now(),
        );
      const row = (await findSave(db.kysely, member.id, paper.id))!;
      return {
        paper,
        status: row.status as ReadingStatus,
        note: row.note,
        savedAt: row.created_at,
      };
    },

    /** Takes a paper out of the library and out of the member's collections. */
    async unsave(user: User | null, paperId: string): Promise<boolean> {
      const member = requireActive(user);
      const paper = await requirePaper(paperId);
      return inTransaction(db, (trx) => deleteSave(trx, member.id, paper.id));
    },

    /** The member's saved papers, newest first; `status` narrows to "to read" or "read". */
    async saved(
      user: User | null,
      options: { status?: string; limit?: number; offset?: number } = {},
    ): Promise<SavedPaper[]> {
      const member = requireActive(user);
      const status = options.status ? parseInput(readingStatusSchema, options.status) : undefined;
      const rows = await listSaves(db.kysely, member.id, {
        status,
        limit: Math.min(options.limit ?? MAX_LIST, MAX_LIST),
        offset: options.offset ?? 0,
      });
      return savedFromRows(rows);
    },

    /** The library state of each paper for this viewer (empty state for visitors). */
    async stateOf(
      user: User | null,
      paperIds: readonly string[],
    ): Promise<Map<string, PaperLibraryState>> {
      const out = new Map<string, PaperLibraryState>();
      if (!user) return out;
      const [saves, holding] = await Promise.all([
        savesAmong(db.kysely, user.id, paperIds),
        collectionsHolding(db.kysely, user.id, paperIds),
      ]);
      for (const id of paperIds) {
        const save = saves.get(id);
        out.set(id, {
          saved: Boolean(save),
          status: (save?.status as ReadingStatus | undefined) ?? null,
          note: save?.note ?? null,
          collectionIds: holding.get(id) ?? [],
        });
      }
      return out;
    },

    /** Creates a collection; a "link" collection gets its unguessable sharing token. */
    async createCollection(user: User | null, input: unknown): Promise<Collection> {
      const member = requireActive(user);
      const data: CollectionInput = parseInput(collectionInputSchema, input);
      if (await findCollectionByName(db.kysely, member.id, data.name))
        throw new AppError(
          409,
          'collection_exists',
          `You already have a collection "${data.name}".`,
        );
      const id = await insertCollection(db.kysely, {
        user_id: member.id,
        name: data.name,
        description: data.description,
        visibility: data.visibility,
        share_token: data.visibility === 'link' ? randomToken() : null,
        now: now(),
      });
      return toCollection((await findCollectionById(db.kysely, id))!);
    },

    /** Renames, describes or changes who sees a collection; leaving "link" revokes the link. */
    async updateCollection(
      user: User | null,
      id: number | string,
      input: unknown,
    ): Promise<Collection> {
      const member = requireActive(user);
      const row = await ownCollection(member, id);
      const data = parseInput(collectionInputSchema.partial(), input);
      if (
        data.name &&
        data.name !== row.name &&
        (await findCollectionByName(db.kysely, member.id, data.name))
      )
        throw new AppError(
          409,
          'collection_exists',
          `You already have a collection "${data.name}".`,
        );
      const visibility = data.visibility ?? (row.visibility as Visibility);
      const shareToken = visibility === 'link' ? (row.share_token ?? randomToken()) : null;
      await updateCollection(
        db.kysely,
        row.id,
        {
          ...(data.name !== undefined ? { name: data.name } : {}),
          ...(data.description !== undefined ? { description: data.description } : {}),
          visibility,
          share_token: shareToken,
        },
        now(),
      );
      return toCollection((await findCollectionById(db.kysely, row.id))!);
    },

    /** A new sharing link for a "link" collection: the old one stops working at once. */
    async resetShareLink(user: User | null, id: number | string): Promise<Collection> {
      const member = requireActive(user);
      const row = await ownCollection(member, id);
      if (row.visibility !== 'link')
        throw badRequest('not_shared_by_link', 'This collection is not shared by link.');
      await updateCollection(db.kysely, row.id, { share_token: randomToken() }, now());
      return toCollection((await findCollectionById(db.kysely, row.id))!);
    },

    async deleteCollection(user: User | null, id: number | string): Promise<void> {
      const member = requireActive(user);
      const row = await ownCollection(member, id);
      await inTransaction(db, (trx) => deleteCollection(trx, row.id));
    },

    /** The member's own collections, by name. */
    async collections(user: User | null): Promise<Collection[]> {
      const member = requireActive(user);
      return (await listCollections(db.kysely, member.id)).map(toCollection);
    },

    /** A member's public collections (their profile). */
    async publicCollections(ownerId: number): Promise<Collection[]> {
      return (await listCollections(db.kysely, ownerId, true)).map(toCollection);
    },

    /** A collection as this viewer may see it: the owner always, others only when it is public. */
    async collection(
      viewer: User | null,
      id: number | string,
    ): Promise<{ collection: Collection; papers: Paper[] }> {
      const row = await findCollectionById(db.kysely, collectionIdOf(id));
      if (!row || (row.visibility !== 'public' && row.user_id !== viewer?.id))
        throw notFound('There is no such collection.');
      const ids = await collectionPaperIds(db.kysely, row.id, MAX_LIST);
      return { collection: toCollection(row), papers: await papersInOrder(ids) };
    },

    /** A collection through its sharing link, while the link is current. */
    async sharedCollection(token: string): Promise<{ collection: Collection; papers: Paper[] }> {
      const row = /^[A-Za-z0-9_-]{43}$/.test(token)
        ? await findCollectionByToken(db.kysely, token)
        : null;
      if (!row || row.visibility !== 'link')
        throw notFound('This link does not lead anywhere (it may have been revoked).');
      const ids = await collectionPaperIds(db.kysely, row.id, MAX_LIST);
      return { collection: toCollection(row), papers: await papersInOrder(ids) };
    },

    /** Adds papers to one of the member's collections, saving them to the library too. */
    async addToCollection(
      user: User | null,
      id: number | string,
      paperIds: readonly string[],
    ): Promise<{ added: number }> {
      const member = requireActive(user);
      const row = await ownCollection(member, id);
      const papers: Paper[] = [];
      for (const pid of paperIds) papers.push(await requirePaper(pid));
      const ids = papers.map((p) => p.id);
      const added = await inTransaction(db, async (trx) => {
        for (const pid of ids) await insertSave(trx, member.id, pid, now());
        return addToCollection(trx, row.id, ids, now());
      });
      return { added };
    },

    /** Takes a paper out of a collection (it stays in the library). */
    async removeFromCollection(
      user: User | null,
      id: number | string,
      paperId: string,
    ): Promise<boolean> {
      const member = requireActive(user);
      const row = await ownCollection(member, id);
      const paper = await requirePaper(paperId);
      return removeFromCollection(db.kysely, row.id, paper.id);
    },

    /** Finds one of the member's collections by name (CLI), or null. */
    async collectionNamed(user: User | null, name: string): Promise<Collection | null> {
      const member = requireActive(user);
      const row = await findCollectionByName(db.kysely, member.id, name.trim());
      return row ? toCollection(row) : null;
    },
  };
}

export type LibraryService = ReturnType<typeof createLibraryService>;

function toCollection(row: CollectionRow): Collection {
  return {
    id: Number(row.id),
    ownerId: row.user_id,
    ownerName: row.owner_name,
    name: row.name,
    description: row.description,
    visibility: row.visibility as Visibility,
    shareToken: row.share_token,
    paperCount: Number(row.paper_count),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
