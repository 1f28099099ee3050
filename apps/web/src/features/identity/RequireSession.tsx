import type { NetworkRole } from '@contracts';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../ui/Loading';
import { hasRole, useSession } from './session';

/** Routes for signed-in people; everyone else goes to sign in and comes back afterwards. */
export function RequireSession({ role }: { role?: NetworkRole }) {
  const session = useSession();
  const location = useLocation();
  const { t } = useTranslation();
  if (session.status === 'loading') return <Loading />;
  if (session.status === 'signed-out') {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  if (role && !hasRole(session.me, role)) {
    return (
      <div className="notice notice--error" role="alert">
        {role === 'admin' ? t('errors.adminsOnly') : t('errors.coordinatorsOnly')}
      </div>
    );
  }
  return <Outlet />;
}
