// "Propose as a practice": opens a draft prefilled from a session (later a thread or a post),
// linked to it; someone else's words come in as quotes that wait for their yes.
import type { ProvenanceKind } from '@contracts';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useSubmit } from '../../api/hooks';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { practicesApi } from './practices.api';

export function ProposeButton({
  kind,
  id,
  className,
}: {
  kind: ProvenanceKind;
  id: string;
  className?: string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const propose = useSubmit(async () => {
    const draft = await practicesApi.propose(kind, id);
    void navigate(`/practices/${draft.id}/edit`);
  });
  return (
    <>
      <button
        type="button"
        className={className ?? 'button'}
        disabled={propose.busy}
        onClick={() => void propose.submit()}
      >
        {t('practices.propose')}
      </button>
      <ErrorNotice error={propose.error} />
    </>
  );
}
