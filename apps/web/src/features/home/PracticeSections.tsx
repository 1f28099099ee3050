// The practice library on the home page: what was published lately in the member's themes, what
// waits for their review, and requests to quote their words.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PracticeList } from '../practices/PracticeList';
import { QuoteRequestList } from '../practices/QuoteRequestList';
import { HomeSection, MoreCount, type SectionProps } from './HomeSection';

export function NewPractices({ data }: SectionProps<'newPractices'>) {
  const { t } = useTranslation();
  return (
    <HomeSection
      kind="newPractices"
      title={t('practices.home.newTitle')}
      action={<Link to="/practices">{t('practices.home.library')}</Link>}
    >
      {data.items.length === 0 ? (
        <p className="empty">{t('practices.home.noneNew')}</p>
      ) : (
        <PracticeList items={data.items} />
      )}
      <MoreCount shown={data.items.length} total={data.total} />
    </HomeSection>
  );
}

export function PracticeReviews({ data }: SectionProps<'practiceReviews'>) {
  const { t } = useTranslation();
  return (
    <HomeSection kind="practiceReviews" title={t('practices.home.reviewsTitle')}>
      {data.items.length === 0 ? (
        <p className="empty">{t('practices.home.noReviews')}</p>
      ) : (
        <PracticeList items={data.items} to={(item) => `/practices/${item.id}/review`} />
      )}
      <MoreCount shown={data.items.length} total={data.total} />
    </HomeSection>
  );
}

export function QuoteRequests({ data }: SectionProps<'quoteRequests'>) {
  const { t } = useTranslation();
  return (
    <HomeSection kind="quoteRequests" title={t('practices.consent.title')}>
      <QuoteRequestList requests={data.items} />
      <MoreCount shown={data.items.length} total={data.total} />
    </HomeSection>
  );
}
