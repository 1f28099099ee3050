// A member's home (`/`): their next sessions, their exchanges' news and what waits for them.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useResource } from '../api/hooks';
import { homeApi } from '../features/home/home.api';
import { HomeColumn } from '../features/home/sections';
import { nextTransition } from '../features/home/sessionClock';
import { useMe } from '../features/identity/session';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Loading } from '../ui/Loading';
import { useDocumentTitle } from '../ui/useDocumentTitle';

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const home = useResource(() => homeApi.get(), `home:${me.id}`);
  useDocumentTitle(t('home.title'));

  // Asks again when a room opens or a session ends, so the join link comes without a reload.
  const { data, reload } = home;
  useEffect(() => {
    const next = nextTransition(data?.sections.nextSessions ?? [], Date.now());
    if (next === null) return;
    const timer = setTimeout(reload, Math.max(0, next - Date.now()) + 1_000);
    return () => clearTimeout(timer);
  }, [data, reload]);

  if (home.loading && !home.data) return <Loading />;
  if (!home.data) return <ErrorNotice error={home.error} />;
  return (
    <>
      <div className="page-heading">
        <h1>{t('home.title')}</h1>
      </div>
      <p className="lead">{t('home.greeting', { name: me.displayName })}</p>
      <ErrorNotice error={home.error} />
      <div className="home-layout">
        <div className="home-layout__main">
          <HomeColumn home={home.data} column="main" />
        </div>
        <div className="home-layout__side">
          <HomeColumn home={home.data} column="side" />
        </div>
      </div>
    </>
  );
}
