import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useResource } from '../api/hooks';
import { citiesApi } from '../features/cities/cities.api';
import { CityForm } from '../features/cities/CityForm';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Loading } from '../ui/Loading';
import { useDocumentTitle } from '../ui/useDocumentTitle';

/** /cities/new and /cities/:id/edit, for coordinators. */
export function CityEditorPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const city = useResource(
    () => (id ? citiesApi.get(id) : Promise.resolve(undefined)),
    id ?? 'new',
  );
  const title = id ? t('cities.editTitle', { name: city.data?.name ?? '' }) : t('cities.newTitle');
  useDocumentTitle(title);

  if (id && city.loading) return <Loading />;
  if (id && !city.data) return <ErrorNotice error={city.error} />;
  return (
    <div className="narrow">
      <p className="breadcrumb">
        {id ? (
          <Link to={`/cities/${id}`}>
            {t('cities.backToCity', { name: city.data?.name ?? '' })}
          </Link>
        ) : (
          <Link to="/cities">{t('cities.back')}</Link>
        )}
      </p>
      <h1>{title}</h1>
      <CityForm
        city={city.data}
        submitLabel={id ? t('cities.saveChanges') : t('cities.create')}
        onSave={async (input) => {
          const saved = id ? await citiesApi.update(id, input) : await citiesApi.create(input);
          void navigate(`/cities/${saved.id}`);
        }}
      />
    </div>
  );
}
