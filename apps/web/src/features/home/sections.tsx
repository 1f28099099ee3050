// Which view draws which home section, and where. A new section in HomeSections must get a view
// here: the compiler insists (every kind is a key of HOME_SECTION_VIEWS).
import type { HomeSectionKind, HomeView } from '@contracts';
import type { ComponentType } from 'react';
import { InvitationsWaiting, NeverSignedIn, QuietExchanges } from './Coordination';
import type { SectionProps } from './HomeSection';
import { MyExchanges } from './MyExchanges';
import { NextSessions } from './NextSessions';
import { UnreadThreads, WaitingReplies } from './Threads';
import { NewPractices, PracticeReviews, QuoteRequests } from './PracticeSections';
import { JoinRequestsWaiting, UnreadNotifications } from './Waiting';

type SectionViews = {
  [K in HomeSectionKind]: { column: 'main' | 'side'; View: ComponentType<SectionProps<K>> };
};

/** In page order within each column. */
export const HOME_SECTION_VIEWS: SectionViews = {
  nextSessions: { column: 'main', View: NextSessions },
  exchanges: { column: 'main', View: MyExchanges },
  unreadThreads: { column: 'main', View: UnreadThreads },
  waitingReplies: { column: 'side', View: WaitingReplies },
  newPractices: { column: 'main', View: NewPractices },
  notifications: { column: 'side', View: UnreadNotifications },
  quoteRequests: { column: 'side', View: QuoteRequests },
  practiceReviews: { column: 'side', View: PracticeReviews },
  joinRequests: { column: 'side', View: JoinRequestsWaiting },
  invitations: { column: 'side', View: InvitationsWaiting },
  quietExchanges: { column: 'side', View: QuietExchanges },
  neverSignedIn: { column: 'side', View: NeverSignedIn },
};

function renderSection<K extends HomeSectionKind>(kind: K, home: HomeView) {
  const data = home.sections[kind];
  if (data === undefined) return null;
  const { View } = HOME_SECTION_VIEWS[kind] as SectionViews[K];
  return <View key={kind} data={data} home={home} />;
}

/** The sections of one column that the answer carries. */
export function HomeColumn({ home, column }: { home: HomeView; column: 'main' | 'side' }) {
  const kinds = (Object.keys(HOME_SECTION_VIEWS) as HomeSectionKind[]).filter(
    (kind) => HOME_SECTION_VIEWS[kind].column === column && home.sections[kind] !== undefined,
  );
  return <>{kinds.map((kind) => renderSection(kind, home))}</>;
}
