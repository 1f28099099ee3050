import type { HomeSectionKind } from '#libs/contracts';
import type { Actor } from '#libs/common';
import { canSeeHomeSection } from './home.policy.js';

const KINDS: HomeSectionKind[] = [
  'nextSessions',
  'exchanges',
  'notifications',
  'joinRequests',
  'invitations',
  'quietExchanges',
  'neverSignedIn',
  'unreadThreads',
  'waitingReplies',
];

const actor = (networkRole: Actor['networkRole']): Actor => ({ id: 'a', networkRole });
const visible = (who: Actor, roles: Array<'host' | 'participant' | 'observer'>) =>
  KINDS.filter((kind) =>
    canSeeHomeSection(
      who,
      kind,
      roles.map((role) => ({ role })),
    ),
  );

describe('canSeeHomeSection', () => {
  const everyone = [
    'nextSessions',
    'exchanges',
    'notifications',
    'unreadThreads',
    'waitingReplies',
  ];

  it('gives every member their sessions, exchanges, notifications, unread threads and replies', () => {
    expect(visible(actor('member'), [])).toEqual(everyone);
    expect(visible(actor('member'), ['participant', 'observer'])).toEqual(everyone);
  });

  it('adds join requests for a member who hosts an exchange', () => {
    expect(visible(actor('member'), ['observer', 'host'])).toEqual([
      'nextSessions',
      'exchanges',
      'notifications',
      'joinRequests',
      'unreadThreads',
      'waitingReplies',
    ]);
  });

  it('gives coordinators and admins every section, member of anything or not', () => {
    for (const role of ['coordinator', 'admin'] as const) {
      expect(visible(actor(role), [])).toEqual(KINDS);
      expect(visible(actor(role), ['participant'])).toEqual(KINDS);
    }
  });
});
