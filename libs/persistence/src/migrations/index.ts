// Every migration, in order. Add new ones at the end; never edit one that has landed.
import { CreateFoundation1764300000000 } from './1764300000000-create-foundation.js';
import { SeedThemes1764300000001 } from './1764300000001-seed-themes.js';
import { CreateExchangesSessionsNotifications1764400000000 } from './1764400000000-create-exchanges-sessions-notifications.js';
import { CreateLiveRooms1764500000000 } from './1764500000000-create-live-rooms.js';
import { RoomReadmission1764600000000 } from './1764600000000-room-readmission.js';
import { ExchangeAttributionLock1764600000001 } from './1764600000001-exchange-attribution-lock.js';
import { OneModerationLog1764600000002 } from './1764600000002-one-moderation-log.js';
import { OneOpenInvitationPerEmail1764600100000 } from './1764600100000-one-open-invitation-per-email.js';
import { CreatePasswordResets1764600100001 } from './1764600100001-create-password-resets.js';
import { CreateOutgoingMail1764600100002 } from './1764600100002-create-outgoing-mail.js';
import { ReserveCoordinatorPosition1764600100003 } from './1764600100003-reserve-coordinator-position.js';
import { ExchangeVisitsAndSessionChanges1764600600000 } from './1764600600000-exchange-visits-and-session-changes.js';
import { TranslateThemes1764600400000 } from './1764600400000-translate-themes.js';
import { CreateThreads1764601000000 } from './1764601000000-create-threads.js';
import { ThreadReadingIndexes1764601150000 } from './1764601150000-thread-reading-indexes.js';
import { PracticeSearchAtScale1764601200000 } from './1764601200000-practice-search-at-scale.js';
import { PracticeFacetCounts1764601250000 } from './1764601250000-practice-facet-counts.js';
import { PracticeFacetSets1764601300000 } from './1764601300000-practice-facet-sets.js';
import { PracticeSearchNarrowHeap1764601350000 } from './1764601350000-practice-search-narrow-heap.js';
import { PracticeFacetRowsIndex1764601400000 } from './1764601400000-practice-facet-rows-index.js';
import { PracticeSearchMatchIndexes1764601450000 } from './1764601450000-practice-search-match-indexes.js';
import { RoomReads1764600700000 } from './1764600700000-room-reads.js';
import { CreateFiles1764600800000 } from './1764600800000-create-files.js';
import { CreatePractices1764600900000 } from './1764600900000-create-practices.js';
import { CreateFlags1764601100000 } from './1764601100000-create-flags.js';

export const MIGRATIONS = [
  CreateFoundation1764300000000,
  SeedThemes1764300000001,
  CreateExchangesSessionsNotifications1764400000000,
  CreateLiveRooms1764500000000,
  RoomReadmission1764600000000,
  ExchangeAttributionLock1764600000001,
  OneModerationLog1764600000002,
  OneOpenInvitationPerEmail1764600100000,
  CreatePasswordResets1764600100001,
  CreateOutgoingMail1764600100002,
  ReserveCoordinatorPosition1764600100003,
  ExchangeVisitsAndSessionChanges1764600600000,
  TranslateThemes1764600400000,
  RoomReads1764600700000,
  CreateFiles1764600800000,
  CreatePractices1764600900000,
  CreateThreads1764601000000,
  CreateFlags1764601100000,
  ThreadReadingIndexes1764601150000,
  PracticeSearchAtScale1764601200000,
  PracticeFacetCounts1764601250000,
  PracticeFacetSets1764601300000,
  PracticeSearchNarrowHeap1764601350000,
  PracticeFacetRowsIndex1764601400000,
  PracticeSearchMatchIndexes1764601450000,
];
