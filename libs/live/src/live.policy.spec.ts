import type { ExchangeRole, NetworkRole } from '#libs/contracts';
import { canInRoom, type RoomAction, type RoomState } from './live.policy.js';

const actor = (networkRole: NetworkRole) => ({ id: 'a', networkRole });
const room = (role: ExchangeRole | null, overrides: Partial<RoomState> = {}): RoomState => ({
  role,
  open: true,
  notYetOpen: false,
  removed: false,
  ...overrides,
});

describe('canInRoom', () => {
  const cases: Array<
    [string, NetworkRole, ExchangeRole | null, Partial<RoomState>, Record<RoomAction, boolean>]
  > = [
    ['host', 'member', 'host', {}, { read: true, join: true, send: true, moderate: true }],
    [
      'participant',
      'member',
      'participant',
      {},
      { read: true, join: true, send: true, moderate: false },
    ],
    [
      'observer',
      'member',
      'observer',
      {},
      { read: true, join: true, send: false, moderate: false },
    ],
    ['non-member', 'member', null, {}, { read: false, join: false, send: false, moderate: false }],
    [
      'coordinator outside the exchange',
      'coordinator',
      null,
      {},
      { read: true, join: true, send: true, moderate: true },
    ],
    [
      'admin outside the exchange',
      'admin',
      null,
      {},
      { read: true, join: true, send: true, moderate: true },
    ],
    [
      'participant removed from the room',
      'member',
      'participant',
      { removed: true },
      { read: false, join: false, send: false, moderate: false },
    ],
    [
      'participant before the room opens',
      'member',
      'participant',
      { open: false, notYetOpen: true },
      { read: true, join: false, send: false, moderate: false },
    ],
    [
      'host before the room opens',
      'member',
      'host',
      { open: false, notYetOpen: true },
      { read: true, join: true, send: false, moderate: true },
    ],
    [
      'participant after the room closed',
      'member',
      'participant',
      { open: false },
      { read: true, join: true, send: false, moderate: false },
    ],
  ];

  it.each(cases)('%s', (_name, networkRole, role, state, expected) => {
    for (const action of Object.keys(expected) as RoomAction[]) {
      expect([action, canInRoom(actor(networkRole), action, room(role, state))]).toEqual([
        action,
        expected[action],
      ]);
    }
  });
});
