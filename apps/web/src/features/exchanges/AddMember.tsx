// Add someone to an exchange: search the directory by name, choose a role, add.
import { EXCHANGE_ROLES, type ExchangeRole, type PractitionerView } from '@contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubmit } from '../../api/hooks';
import { ErrorNotice, SuccessNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';
import { AffiliationLine } from '../practitioners/PractitionerList';
import { practitionersApi } from '../practitioners/practitioners.api';
import { exchangesApi } from './exchanges.api';

export function AddMember({
  exchangeId,
  memberIds,
  onAdded,
}: {
  exchangeId: string;
  memberIds: string[];
  onAdded: () => void;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [role, setRole] = useState<ExchangeRole>('participant');
  const [results, setResults] = useState<PractitionerView[] | null>(null);
  const [searchError, setSearchError] = useState<unknown>(null);
  const [added, setAdded] = useState('');

  // Searching starts after a short pause in typing.
  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) {
      setResults(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      practitionersApi.list({ q }).then(
        (page) => {
          if (current) {
            setResults(page.items);
            setSearchError(null);
          }
        },
        (error: unknown) => {
          if (current) setSearchError(error);
        },
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query]);

  const add = useSubmit(async (person: PractitionerView) => {
    await exchangesApi.addMember(exchangeId, person.id, role);
    setAdded(
      t('exchanges.added', {
        name: person.displayName,
        role: t(`exchanges.rolesInSentence.${role}`),
      }),
    );
    setQuery('');
    onAdded();
  });

  const candidates = (results ?? []).filter((person) => !memberIds.includes(person.id));

  return (
    <section className="panel" aria-labelledby="add-member-heading">
      <h3 id="add-member-heading">{t('exchanges.addMember')}</h3>
      <div className="field-row">
        <Field label={t('exchanges.searchPeople')}>
          {(control) => (
            <input
              {...control}
              type="search"
              autoComplete="off"
              value={query}
              onChange={(e) => {
                setQuery(e.target.value);
                setAdded('');
              }}
            />
          )}
        </Field>
        <Field label={t('exchanges.newMemberRole')}>
          {(control) => (
            <select
              {...control}
              value={role}
              onChange={(e) => setRole(e.target.value as ExchangeRole)}
            >
              {EXCHANGE_ROLES.map((value) => (
                <option key={value} value={value}>
                  {t(`exchanges.roles.${value}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <ErrorNotice error={searchError ?? add.error} />
      {added && <SuccessNotice>{added}</SuccessNotice>}
      {results !== null && (
        <>
          <p className="visually-hidden" role="status">
            {t('directory.shown', { count: candidates.length })}
          </p>
          {candidates.length === 0 ? (
            <p className="muted">{t('exchanges.noPeopleFound')}</p>
          ) : (
            <ul className="search-results" aria-label={t('exchanges.searchResults')}>
              {candidates.map((person) => (
                <li key={person.id} className="search-results__item">
                  <div>
                    <strong>{person.displayName}</strong>
                    <AffiliationLine person={person} />
                  </div>
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() => void add.submit(person)}
                    disabled={add.busy}
                    aria-label={t('exchanges.addAs', {
                      name: person.displayName,
                      role: t(`exchanges.rolesInSentence.${role}`),
                    })}
                  >
                    {t('exchanges.add')}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
