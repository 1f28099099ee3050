// "Moderation" in the header, for people who moderate, with the number of flagged items waiting
// for them; mounted once for signed-in people, it keeps that number fresh.
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router-dom';
import { useOpenItems, useOpenItemsRefresh } from './openItems';

export function ModerationNavItem() {
  const { t } = useTranslation();
  useOpenItemsRefresh();
  const open = useOpenItems();
  if (open.moderates !== true) return null;
  return (
    <li>
      <NavLink to="/moderation">
        {t('moderation.nav')}
        {open.total > 0 && (
          <>
            <span className="count-badge" aria-hidden="true" data-testid="nav-moderation-count">
              {open.total > 99 ? '99+' : open.total}
            </span>
            <span className="visually-hidden">
              {' '}
              ({t('moderation.openItems', { count: open.total })})
            </span>
          </>
        )}
      </NavLink>
    </li>
  );
}
