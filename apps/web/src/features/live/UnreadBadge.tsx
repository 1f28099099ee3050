// Unread messages in the navigation: the total beside "Exchanges" in the header, and per exchange
// in the list of exchanges (from the one store in ./unread).
import { useTranslation } from 'react-i18next';
import { useUnreadCounts, useUnreadRefresh } from './unread';

function Badge({ count, testId }: { count: number; testId: string }) {
  const { t } = useTranslation();
  if (count <= 0) return null;
  return (
    <>
      <span className="count-badge" aria-hidden="true" data-testid={testId}>
        {count > 99 ? '99+' : count}
      </span>
      <span className="visually-hidden"> ({t('live.unreadMessages', { count })})</span>
    </>
  );
}

/** Beside "Exchanges" in the header; keeps the counts fresh (mounted once for signed-in people). */
export function NavUnreadBadge() {
  useUnreadRefresh();
  return <Badge count={useUnreadCounts().total} testId="nav-unread" />;
}

export function ExchangeUnreadBadge({ exchangeId }: { exchangeId: string }) {
  const counts = useUnreadCounts();
  const unread = counts.exchanges.find((e) => e.exchangeId === exchangeId)?.unread ?? 0;
  return <Badge count={unread} testId="exchange-unread" />;
}

export function RoomUnreadBadge({ count }: { count: number }) {
  return <Badge count={count} testId="room-unread" />;
}
