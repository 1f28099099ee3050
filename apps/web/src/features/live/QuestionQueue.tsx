// A session room's questions: open ones by votes, then the answered. Anyone but the asker may
// upvote once; hosts mark them answered. Updated live.
import type { QuestionView } from '@contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemText } from './liveText';
import { MessageBody } from './MessageBody';
import type { LiveRoom } from './room';

export function QuestionQueue({
  room,
  questions,
  myId,
  canModerate,
  canSend,
}: {
  room: LiveRoom;
  questions: QuestionView[];
  myId: string;
  canModerate: boolean;
  canSend: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [problem, setProblem] = useState<{ code: string; message: string } | null>(null);
  const run = (action: () => Promise<void>) => {
    setProblem(null);
    action().catch((error: { code?: string; message?: string }) =>
      setProblem({ code: error.code ?? 'INTERNAL', message: error.message ?? String(error) }),
    );
  };
  return (
    <section className="panel room__questions" aria-labelledby="questions-heading">
      <h2 id="questions-heading">{t('live.questionsHeading')}</h2>
      {problem && (
        <p className="notice notice--error" role="alert">
          {problemText(t, i18n.language, problem)}
        </p>
      )}
      {questions.length === 0 ? (
        <p className="empty">{canSend ? t('live.noQuestions') : t('live.noQuestionsRead')}</p>
      ) : (
        <ol className="questions" data-testid="questions">
          {questions.map((q) => {
            const answered = q.question?.answeredAt != null;
            return (
              <li
                key={q.id}
                className={answered ? 'question question--answered' : 'question'}
                data-testid="question"
              >
                <MessageBody text={q.body} myId={myId} lang={q.language ?? undefined} />
                <p className="question__meta muted">
                  {q.author?.displayName} · {t('live.votes', { count: q.question?.upvotes ?? 0 })}
                  {answered && <span className="badge badge--active">{t('live.answered')}</span>}
                </p>
                <div className="actions actions--tight">
                  {canSend && q.author?.id !== myId && !answered && (
                    <button
                      type="button"
                      className="button button--small"
                      aria-pressed={q.upvotedByMe}
                      disabled={q.upvotedByMe}
                      onClick={() => run(() => room.upvote(q.id))}
                    >
                      {q.upvotedByMe ? t('live.upvoted') : t('live.upvote')}
                      <span className="visually-hidden">: {q.body.slice(0, 80)}</span>
                    </button>
                  )}
                  {canModerate && !answered && (
                    <button
                      type="button"
                      className="button button--small"
                      onClick={() => run(() => room.markAnswered(q.id))}
                    >
                      {t('live.markAnswered')}
                      <span className="visually-hidden">: {q.body.slice(0, 80)}</span>
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
