import type { Db } from '../db/database.ts';
import type { Clock } from '../domain/clock.ts';
import type { SearchService } from '../search/search.service.ts';
import {
  createAccountDataService,
  type AccountDataService,
} from './account/account-data.service.ts';
import { createFollowService, type FollowService } from './follow.service.ts';
import { createLibraryService, type LibraryService } from './library.service.ts';
import { createNotificationService, type NotificationService } from './notification.service.ts';
import { createRecommendService, type RecommendService } from './recommend/recommend.service.ts';
import {
  createReferenceTransferService,
  type ReferenceTransferService,
} from './transfer/reference-transfer.service.ts';

/** A member's own layer as services: library, follows, "For you", and reference files. */
export interface PersonalServices {
  library: LibraryService;
  follows: FollowService;
  recommendations: RecommendService;
  references: ReferenceTransferService;
  notifications: NotificationService;
  /** The member's whole account as one file, and deleting it. */
  account: AccountDataService;
}

/** Builds the personal services once, with their dependencies bound. */
export function createPersonalServices(deps: {
  db: Db;
  clock: Clock;
  search: Pick<SearchService, 'search' | 'similar'>;
}): PersonalServices {
  const library = createLibraryService(deps);
  const follows = createFollowService(deps);
  const recommendations = createRecommendService({
    ...deps,
    follows,
    requirePaper: library.requirePaper,
  });
  const references = createReferenceTransferService({ ...deps, library });
  const notifications = createNotificationService(deps);
  const account = createAccountDataService(deps);
  return { library, follows, recommendations, references, notifications, account };
}
