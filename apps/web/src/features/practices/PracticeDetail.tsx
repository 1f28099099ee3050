// An entry as readers see it: facts, the texts (markdown), consented quotes, where it comes from,
// its documents, in the reader's language where it exists (else the original, with a note).
import {
  PRACTICE_TEXT_FIELDS,
  type NeutralAttribution,
  type PracticeQuoteView,
  type PracticeView,
  type ProvenanceLinkView,
} from '@contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Markdown } from '../../ui/Markdown';
import { AttachmentList } from '../files/AttachmentList';
import { languageName } from '../languages/languages';
import { dateParts } from '../time/zones';
import { EvidenceBadge, StatusBadge, VisibilityBadge } from './PracticeBadges';

const LONG_FIELDS = PRACTICE_TEXT_FIELDS.filter((f) => f !== 'title' && f !== 'summary');

export function useNeutral() {
  const { t } = useTranslation();
  return (neutral: NeutralAttribution) =>
    neutral.region
      ? t('practices.neutralFrom', { region: t(`practices.regionCity.${neutral.region}`) })
      : t('practices.neutral');
}

/** "1964-03" → "March 1964" in the reader's language. */
export function useMonth() {
  const { i18n } = useTranslation();
  return (month: string) => {
    const [year, m] = dateParts(month);
    return new Intl.DateTimeFormat(i18n.language, {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(Date.UTC(year, m - 1, 1)));
  };
}

function Quote({ quote }: { quote: PracticeQuoteView }) {
  const neutral = useNeutral();
  return (
    <figure className="practice-quote">
      <blockquote className="quote">{quote.text}</blockquote>
      <figcaption>
        —{' '}
        {quote.person ? (
          <Link to={`/practitioners/${quote.person.id}`}>{quote.attribution}</Link>
        ) : quote.neutralAttribution ? (
          neutral(quote.neutralAttribution)
        ) : (
          quote.attribution
        )}
      </figcaption>
    </figure>
  );
}

function Provenance({ links }: { links: ProvenanceLinkView[] }) {
  const { t } = useTranslation();
  if (links.length === 0) return <p className="empty">{t('practices.noProvenance')}</p>;
  return (
    <ul className="plain-list provenance" data-testid="provenance">
      {links.map((link) => (
        <li key={`${link.kind}-${link.id}`}>
          <span className="badge">{t(`practices.sourceKinds.${link.kind}`)}</span>{' '}
          {link.visible && link.url ? (
            <Link to={link.url}>{link.title}</Link>
          ) : (
            <span className="muted">{t('practices.hiddenSource')}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

export function PracticeDetail({
  practice,
  languageLinks,
}: {
  practice: PracticeView;
  /** Builds the address of this entry in another language. */
  languageLinks: (language: string) => string;
}) {
  const { t, i18n } = useTranslation();
  const neutral = useNeutral();
  const month = useMonth();
  const texts = practice.texts;
  return (
    <article className="practice" lang={practice.language} data-testid="practice">
      <header className="practice__header">
        <h1 lang={practice.language}>{texts.title || t('practices.untitled')}</h1>
        <p className="badges" lang={i18n.language}>
          {practice.copy === 'working' && <StatusBadge status={practice.status} />}
          {practice.status === 'archived' && <StatusBadge status="archived" />}
          <EvidenceBadge level={practice.evidenceLevel} />
          <VisibilityBadge visibility={practice.visibility} />
          {practice.chathamHouse && (
            <span className="badge badge--chatham">
              {t('exchanges.attributions.chatham-house')}
            </span>
          )}
        </p>
        <p className="muted" lang={i18n.language}>
          {practice.author ? (
            <>
              {t('practices.by')}{' '}
              <Link to={`/practitioners/${practice.author.id}`}>{practice.author.displayName}</Link>
            </>
          ) : practice.neutralAttribution ? (
            <>
              {t('practices.by')} {neutral(practice.neutralAttribution)}
            </>
          ) : null}
          {practice.publishedAt && (
            <>
              {' '}
              ·{' '}
              {t('practices.publishedOn', {
                date: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' }).format(
                  new Date(practice.publishedAt),
                ),
              })}
            </>
          )}
          {practice.version && (
            <> · {t('practices.versionNumber', { version: practice.version })}</>
          )}
        </p>
        {practice.moderation && (
          <div className="notice notice--warning" role="note" data-testid="hidden-note">
            <p>{t('practices.hiddenByModerators', { reason: practice.moderation.reason })}</p>
            <p>{t('practices.hiddenExplained')}</p>
          </div>
        )}
        {practice.languageNote === 'original' && (
          <p className="notice notice--info" lang={i18n.language} data-testid="language-note">
            {t('practices.notTranslated', {
              language: languageName(practice.language, i18n.language),
            })}
          </p>
        )}
        {practice.languages.length > 1 && (
          <nav
            aria-label={t('practices.translations')}
            className="practice__languages"
            lang={i18n.language}
          >
            {t('practices.readIn')}{' '}
            {practice.languages.map((language, i) => (
              <span key={language}>
                {i > 0 && ' · '}
                {language === practice.language ? (
                  <strong aria-current="page">{languageName(language, language)}</strong>
                ) : (
                  <Link to={languageLinks(language)} lang={language} hrefLang={language}>
                    {languageName(language, language)}
                  </Link>
                )}
              </span>
            ))}
          </nav>
        )}
      </header>
      {texts.summary && <p className="lead">{texts.summary}</p>}
      <div className="practice-layout">
        <div className="practice-layout__text">
          {LONG_FIELDS.filter((field) => texts[field].trim()).map((field) => (
            <section key={field} aria-labelledby={`practice-${field}`}>
              <h2 id={`practice-${field}`} lang={i18n.language}>
                {t(`practices.fields.${field}`)}
              </h2>
              <Markdown text={texts[field]} />
            </section>
          ))}
          {practice.quotes.length > 0 && (
            <section aria-labelledby="practice-quotes" lang={i18n.language}>
              <h2 id="practice-quotes">{t('practices.quotes')}</h2>
              {practice.quotes.map((quote) => (
                <Quote key={quote.id} quote={quote} />
              ))}
            </section>
          )}
        </div>
        <aside
          className="practice-layout__facts"
          aria-label={t('practices.facts')}
          lang={i18n.language}
        >
          <dl className="details details--stacked">
            {practice.cities.length > 0 && (
              <>
                <dt>{t('practices.fields.cities')}</dt>
                <dd>{practice.cities.map((c) => c.name).join(', ')}</dd>
              </>
            )}
            {practice.scale && (
              <>
                <dt>{t('practices.fields.scale')}</dt>
                <dd>{t(`practices.scales.${practice.scale}`)}</dd>
              </>
            )}
            {practice.periodStart && (
              <>
                <dt>{t('practices.fields.period')}</dt>
                <dd>
                  {month(practice.periodStart)} –{' '}
                  {practice.periodEnd ? month(practice.periodEnd) : t('practices.ongoing')}
                </dd>
              </>
            )}
            <dt>{t('practices.fields.themes')}</dt>
            <dd>{practice.themes.map((theme) => theme.label).join(', ') || '—'}</dd>
            <dt>{t('practices.fields.targetGroups')}</dt>
            <dd>
              {practice.targetGroups.map((g) => t(`practices.targetGroups.${g}`)).join(', ') || '—'}
            </dd>
            <dt>{t('practices.fields.evidenceLevel')}</dt>
            <dd>
              {practice.evidenceLevel ? t(`practices.evidence.${practice.evidenceLevel}`) : '—'}
              {practice.evaluationUrl && (
                <span className="details__note">
                  <a href={practice.evaluationUrl} rel="noopener noreferrer nofollow">
                    {t('practices.evaluationLink')}
                  </a>
                </span>
              )}
            </dd>
            {practice.exchange && (
              <>
                <dt>{t('practices.fields.exchange')}</dt>
                <dd>
                  <Link to={`/exchanges/${practice.exchange.id}`}>{practice.exchange.title}</Link>
                </dd>
              </>
            )}
            {(practice.contact.name || practice.contact.organisation || practice.contact.email) && (
              <>
                <dt>{t('practices.fields.contact')}</dt>
                <dd>
                  {[practice.contact.name, practice.contact.organisation]
                    .filter(Boolean)
                    .join(', ')}
                  {practice.contact.email && (
                    <span className="details__note">
                      <a href={`mailto:${practice.contact.email}`}>{practice.contact.email}</a>
                    </span>
                  )}
                </dd>
              </>
            )}
          </dl>
          <section aria-labelledby="practice-provenance">
            <h2 id="practice-provenance">{t('practices.provenance')}</h2>
            <Provenance links={practice.provenance} />
          </section>
          <section aria-labelledby="practice-attachments" data-testid="practice-documents">
            <h2 id="practice-attachments">{t('practices.attachments')}</h2>
            {practice.attachments.length > 0 ? (
              <AttachmentList attachments={practice.attachments} />
            ) : (
              <p className="empty">{t('practices.noAttachments')}</p>
            )}
          </section>
        </aside>
      </div>
    </article>
  );
}
