// What a moderator (a coordinator, or a host of the exchange the entry came from) may do to a
// published entry from its page: hide it from the library, or bring it back, always saying why
// (the reason goes to the audit log and to its author).
import type { PracticeView } from '@contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ReasonForm } from '../live/ReasonForm';
import { practicesApi } from './practices.api';

export function PracticeModeration({
  practice,
  onChanged,
}: {
  practice: PracticeView;
  /** After the change: the page reads the entry again (in the reader's language). */
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const action = practice.moderation ? 'restore' : 'hide';
  return (
    <section className="panel practice-moderation" aria-labelledby="practice-moderation-heading">
      <h2 id="practice-moderation-heading">{t('practices.moderation')}</h2>
      {asking ? (
        <ReasonForm
          label={t(action === 'hide' ? 'practices.hideReason' : 'practices.restoreReason')}
          submitLabel={t(`practices.${action}`)}
          onSubmit={async (reason) => {
            await practicesApi.moderate(practice.id, action, reason);
            setAsking(false);
            onChanged();
          }}
          onCancel={() => setAsking(false)}
        />
      ) : (
        <button type="button" className="button button--small" onClick={() => setAsking(true)}>
          {t(`practices.${action}`)}
        </button>
      )}
    </section>
  );
}
