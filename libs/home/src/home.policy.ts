// Which home page sections concern whom. Pure: the section providers ask before they query.
import type { HomeSectionKind } from '#libs/contracts';
import { type Actor, hasNetworkRole } from '#libs/common';
import type { Membership } from '#libs/exchanges';

export function canSeeHomeSection(
  actor: Actor,
  kind: HomeSectionKind,
  memberships: Pick<Membership, 'role'>[],
): boolean {
  const coordinator = hasNetworkRole(actor, 'coordinator');
  switch (kind) {
    // The practice library's sections: each provider leaves its section out when it has nothing
    // to show (reviews: only to someone with entries waiting for them, and to coordinators).
    case 'nextSessions':
    case 'exchanges':
    case 'notifications':
    case 'unreadThreads':
    case 'waitingReplies':
    case 'newPractices':
    case 'practiceReviews':
    case 'quoteRequests':
      return true;
    // Those who decide them: the hosts of an exchange, and coordinators for every exchange.
    case 'joinRequests':
      return coordinator || memberships.some((m) => m.role === 'host');
    case 'invitations':
    case 'quietExchanges':
    case 'neverSignedIn':
      return coordinator;
  }
}
