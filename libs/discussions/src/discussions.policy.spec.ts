import type { ExchangeRole, NetworkRole } from '#libs/contracts';
import type { Actor } from '#libs/common';
import {
  canInPlace,
  canInThread,
  type PlaceState,
  type ThreadState,
} from './discussions.policy.js';

const NETWORK: NetworkRole[] = ['member', 'coordinator', 'admin'];
const EXCHANGE: Array<ExchangeRole | null> = [null, 'observer', 'participant', 'host'];
const actor = (networkRole: NetworkRole): Actor => ({ id: 'me', networkRole });
const bools = [false, true];

const places: PlaceState[] = [
  ...bools.flatMap((muted) => [{ commons: true, role: null, concluded: false, muted }]),
  ...EXCHANGE.flatMap((role) =>
    bools.flatMap((concluded) =>
      bools.map((muted) => ({ commons: false, role, concluded, muted })),
    ),
  ),
];

describe('discussions policy: places', () => {
  it.each(NETWORK.flatMap((n) => places.map((p) => [n, p] as const)))(
    'a %s in %j',
    (networkRole, place) => {
      const who = actor(networkRole);
      const network = networkRole !== 'member';
      const moderator = network || place.role === 'host';
      const reads = place.commons || place.role !== null || network;
      expect(canInPlace(who, 'read', place)).toBe(reads);
      expect(canInPlace(who, 'moderate', place)).toBe(place.commons ? network : moderator);
      const writes =
        reads &&
        !place.muted &&
        (!place.concluded || moderator) &&
        (place.commons || moderator || place.role === 'participant');
      expect(canInPlace(who, 'start', place)).toBe(writes);
    },
  );
});

describe('discussions policy: threads', () => {
  const threads: ThreadState[] = places.flatMap((place) =>
    bools.flatMap((locked) =>
      bools.flatMap((hidden) =>
        bools.flatMap((merged) =>
          bools.flatMap((isAuthor) =>
            (['discussion', 'question'] as const).map((kind) => ({
              ...place,
              locked,
              hidden,
              merged,
              isAuthor,
              kind,
            })),
          ),
        ),
      ),
    ),
  );

  it.each(NETWORK.flatMap((n) => threads.map((s) => [n, s] as const)))(
    'a %s on %j',
    (networkRole, state) => {
      const who = actor(networkRole);
      const moderator = canInPlace(who, 'moderate', state);
      const read = canInPlace(who, 'read', state) && (!state.hidden || moderator || state.isAuthor);
      expect(canInThread(who, 'read', state)).toBe(read);
      expect(canInThread(who, 'moderate', state)).toBe(read && moderator);
      const post =
        read && canInPlace(who, 'start', state) && !state.merged && (!state.locked || moderator);
      expect(canInThread(who, 'post', state)).toBe(post);
      expect(canInThread(who, 'mark-answer', state)).toBe(
        state.kind === 'question' &&
          read &&
          !state.merged &&
          (moderator || (state.isAuthor && post)),
      );
    },
  );

  it('never lets an outsider read an exchange thread, whatever its state', () => {
    for (const state of threads.filter((s) => !s.commons && s.role === null))
      expect(canInThread(actor('member'), 'read', state)).toBe(false);
  });
});
