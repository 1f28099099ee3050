import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useResource } from '../api/hooks';
import { ExchangeForm } from '../features/exchanges/ExchangeForm';
import { exchangesApi, isFullExchange } from '../features/exchanges/exchanges.api';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Loading } from '../ui/Loading';
import { useDocumentTitle } from '../ui/useDocumentTitle';

/** /exchanges/new (coordinators) and /exchanges/:id/edit (its hosts and coordinators). */
export function ExchangeEditorPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const exchange = useResource(
    () => (id ? exchangesApi.get(id) : Promise.resolve(undefined)),
    id ?? 'new',
  );
  const title = id
    ? t('exchanges.editTitle', { title: exchange.data?.title ?? '' })
    : t('exchanges.newTitle');
  useDocumentTitle(title);

  if (id && exchange.loading) return <Loading />;
  if (id && !exchange.data) return <ErrorNotice error={exchange.error} />;
  const full = exchange.data && isFullExchange(exchange.data) ? exchange.data : undefined;
  return (
    <div className="narrow">
      <p className="breadcrumb">
        {id ? (
          <Link to={`/exchanges/${id}`}>
            {t('exchanges.backTo', { title: exchange.data?.title ?? '' })}
          </Link>
        ) : (
          <Link to="/exchanges">{t('exchanges.back')}</Link>
        )}
      </p>
      <h1>{title}</h1>
      {id && !full?.canManage ? (
        <div className="notice notice--error" role="alert">
          {t('exchanges.managersOnly')}
        </div>
      ) : (
        <ExchangeForm
          exchange={full}
          submitLabel={id ? t('exchanges.saveChanges') : t('exchanges.create')}
          onSave={async (input) => {
            const saved = id
              ? await exchangesApi.update(id, input)
              : await exchangesApi.create(input);
            void navigate(`/exchanges/${saved.id}`);
          }}
        />
      )}
    </div>
  );
}
