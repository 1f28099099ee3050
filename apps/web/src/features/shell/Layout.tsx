// The page frame: skip link, header with navigation, the signed-in person, language and sign out.
// On narrow screens the navigation and the tools fold into a menu button (the bell stays out);
// the menu follows its button in the page, so keyboards and screen readers meet it next.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { signOut } from '../../api/client';
import { hasRole, useSession } from '../identity/session';
import { NavUnreadBadge } from '../live/UnreadBadge';
import { FlaggingProvider } from '../moderation/flagging';
import { ModerationNavItem } from '../moderation/ModerationNavItem';
import { NotificationBell } from '../notifications/NotificationBell';
import { LanguageSwitcher } from './LanguageSwitcher';

/** Open/closed state of the narrow-screen menu: Escape and navigating close it. */
function useMenu(pathname: string) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => setOpen(false), [pathname]);
  useEffect(() => {
    if (!open) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [open]);
  return { open, toggle: () => setOpen((was) => !was), button };
}

function MenuIcon() {
  return (
    <svg
      aria-hidden="true"
      focusable="false"
      viewBox="0 0 24 24"
      width="20"
      height="20"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
    >
      <path d="M4 6h16M4 12h16M4 18h16" />
    </svg>
  );
}

export function Layout() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  const menuId = useId();
  const menu = useMenu(location.pathname);
  const signedIn = session.status === 'signed-in';

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
    void navigate('/sign-in', { replace: true });
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
          {signedIn && (
            <div className="site-header__quick">
              <NotificationBell />
              <button
                type="button"
                ref={menu.button}
                className="menu-button"
                aria-expanded={menu.open}
                aria-controls={menuId}
                onClick={menu.toggle}
              >
                <MenuIcon />
                <span>{t('shell.menu')}</span>
              </button>
            </div>
          )}
          <div
            id={menuId}
            className={[
              'site-header__menu',
              signedIn ? 'site-header__menu--foldable' : '',
              menu.open ? 'site-header__menu--open' : '',
            ]
              .filter(Boolean)
              .join(' ')}
          >
            {session.status === 'signed-in' && (
              <nav aria-label={t('shell.mainNavigation')} className="main-nav">
                <ul>
                  <li>
                    <NavLink to="/" end>
                      {t('shell.home')}
                    </NavLink>
                  </li>
                  <li>
                    <NavLink to="/exchanges">
                      {t('shell.exchanges')}
                      <NavUnreadBadge />
                    </NavLink>
                  </li>
                  <li>
                    <NavLink to="/commons">{t('shell.commons')}</NavLink>
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
                  <ModerationNavItem />
                  {hasRole(session.me, 'coordinator') && (
                    <li>
                      <NavLink to="/invitations">{t('shell.invite')}</NavLink>
                    </li>
                  )}
                  {hasRole(session.me, 'admin') && (
                    <li>
                      <NavLink to="/admin/mail">{t('shell.outgoingMail')}</NavLink>
                    </li>
                  )}
                </ul>
              </nav>
            )}
            {/* The practice library's public pages need no account. */}
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
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1} className="site-main">
        <FlaggingProvider>
          <Outlet />
        </FlaggingProvider>
      </main>
      <footer className="site-footer">
        <p>{t('shell.footer')}</p>
      </footer>
    </>
  );
}
