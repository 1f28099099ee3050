// The page frame: skip link, header with navigation, the signed-in person, language and sign out.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { signOut } from '../../api/client';
import { hasRole, useSession } from '../identity/session';
import { NotificationBell } from '../notifications/NotificationBell';
import { LanguageSwitcher } from './LanguageSwitcher';

export function Layout() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After client-side navigation, move focus to the new page so screen readers announce it.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.focus();
  }, [location.pathname]);

  const onSignOut = async () => {
    await signOut().catch(() => undefined);
    navigate('/sign-in', { replace: true });
  };

  return (
    <>
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link to="/" className="brand">
            Crossings
          </Link>
          {session.status === 'signed-in' && (
            <nav aria-label={t('shell.mainNavigation')} className="main-nav">
              <ul>
                <li>
                  <NavLink to="/" end>
                    {t('shell.home')}
                  </NavLink>
                </li>
                <li>
                  <NavLink to="/exchanges">{t('shell.exchanges')}</NavLink>
                </li>
                <li>
                  <NavLink to="/practitioners">{t('shell.practitioners')}</NavLink>
                </li>
                <li>
                  <NavLink to="/cities">{t('shell.cities')}</NavLink>
                </li>
                <li>
                  <NavLink to="/practices">{t('practices.nav')}</NavLink>
                </li>
                {hasRole(session.me, 'coordinator') && (
                  <li>
                    <NavLink to="/invitations">{t('shell.invite')}</NavLink>
                  </li>
                )}
              </ul>
            </nav>
          )}
          {session.status === 'signed-out' && (
            <nav aria-label={t('shell.mainNavigation')} className="main-nav">
              <ul>
                <li>
                  <NavLink to="/practices">{t('practices.nav')}</NavLink>
                </li>
                <li>
                  <NavLink to="/sign-in">{t('signIn.title')}</NavLink>
                </li>
              </ul>
            </nav>
          )}
          <div className="site-header__tools">
            <LanguageSwitcher />
            {session.status === 'signed-in' && (
              <>
                <NotificationBell />
                <NavLink to="/me" className="current-user">
                  <span className="visually-hidden">{t('shell.signedInAs')} </span>
                  {session.me.displayName}
                </NavLink>
                <button
                  type="button"
                  className="button button--quiet"
                  onClick={() => void onSignOut()}
                >
                  {t('shell.signOut')}
                </button>
              </>
            )}
          </div>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1} className="site-main">
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>{t('shell.footer')}</p>
      </footer>
    </>
  );
}
