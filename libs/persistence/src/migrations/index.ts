// Every migration, in order. Add new ones at the end; never edit one that has landed.
import { CreateFoundation1764300000000 } from './1764300000000-create-foundation.js';
import { SeedThemes1764300000001 } from './1764300000001-seed-themes.js';
import { CreateExchangesSessionsNotifications1764400000000 } from './1764400000000-create-exchanges-sessions-notifications.js';
import { CreateLiveRooms1764500000000 } from './1764500000000-create-live-rooms.js';
import { TranslateThemes1764600400000 } from './1764600400000-translate-themes.js';

export const MIGRATIONS = [
  CreateFoundation1764300000000,
  SeedThemes1764300000001,
  CreateExchangesSessionsNotifications1764400000000,
  CreateLiveRooms1764500000000,
  TranslateThemes1764600400000,
];
