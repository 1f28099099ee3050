import type { ComponentType } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import { RequireSession } from './features/identity/RequireSession';
import { SessionProvider } from './features/identity/session';
import { Layout } from './features/shell/Layout';
import { NotFoundPage } from './pages/NotFoundPage';
import { SignInPage } from './pages/SignInPage';

/**
 * Pages load on first visit (React Router's lazy routes), so the first screen does not wait for
 * the live client, markdown or the scheduler.
 */
function lazyPage<M>(load: () => Promise<M>, pick: (module: M) => ComponentType) {
  return async () => ({ Component: pick(await load()) });
}
const AcceptInvitationPage = lazyPage(
  () => import('./pages/AcceptInvitationPage'),
  (m) => m.AcceptInvitationPage,
);
const CitiesPage = lazyPage(
  () => import('./pages/CitiesPage'),
  (m) => m.CitiesPage,
);
const CityEditorPage = lazyPage(
  () => import('./pages/CityEditorPage'),
  (m) => m.CityEditorPage,
);
const CityPage = lazyPage(
  () => import('./pages/CityPage'),
  (m) => m.CityPage,
);
const ExchangeEditorPage = lazyPage(
  () => import('./pages/ExchangeEditorPage'),
  (m) => m.ExchangeEditorPage,
);
const ExchangePage = lazyPage(
  () => import('./pages/ExchangePage'),
  (m) => m.ExchangePage,
);
const ExchangesPage = lazyPage(
  () => import('./pages/ExchangesPage'),
  (m) => m.ExchangesPage,
);
const HomePage = lazyPage(
  () => import('./pages/HomePage'),
  (m) => m.HomePage,
);
const InvitePage = lazyPage(
  () => import('./pages/InvitePage'),
  (m) => m.InvitePage,
);
const ForgotPasswordPage = lazyPage(
  () => import('./pages/ForgotPasswordPage'),
  (m) => m.ForgotPasswordPage,
);
const OutgoingMailMessagePage = lazyPage(
  () => import('./pages/OutgoingMailMessagePage'),
  (m) => m.OutgoingMailMessagePage,
);
const OutgoingMailPage = lazyPage(
  () => import('./pages/OutgoingMailPage'),
  (m) => m.OutgoingMailPage,
);
const ResetPasswordPage = lazyPage(
  () => import('./pages/ResetPasswordPage'),
  (m) => m.ResetPasswordPage,
);
const MyProfilePage = lazyPage(
  () => import('./pages/MyProfilePage'),
  (m) => m.MyProfilePage,
);
const NotificationsPage = lazyPage(
  () => import('./pages/NotificationsPage'),
  (m) => m.NotificationsPage,
);
const PractitionerPage = lazyPage(
  () => import('./pages/PractitionerPage'),
  (m) => m.PractitionerPage,
);
const PractitionersPage = lazyPage(
  () => import('./pages/PractitionersPage'),
  (m) => m.PractitionersPage,
);
const PracticesPage = lazyPage(
  () => import('./pages/PracticesPage'),
  (m) => m.PracticesPage,
);
const PracticePage = lazyPage(
  () => import('./pages/PracticePage'),
  (m) => m.PracticePage,
);
const PracticeEditorPage = lazyPage(
  () => import('./pages/PracticeEditorPage'),
  (m) => m.PracticeEditorPage,
);
const PracticeReviewPage = lazyPage(
  () => import('./pages/PracticeReviewPage'),
  (m) => m.PracticeReviewPage,
);
const MyPracticesPage = lazyPage(
  () => import('./pages/MyPracticesPage'),
  (m) => m.MyPracticesPage,
);
const CompendiumPage = lazyPage(
  () => import('./pages/CompendiumPage'),
  (m) => m.CompendiumPage,
);
const RoomPage = lazyPage(
  () => import('./pages/RoomPage'),
  (m) => m.RoomPage,
);
const CommonsPage = lazyPage(
  () => import('./pages/CommonsPage'),
  (m) => m.CommonsPage,
);
const ExchangeThreadsPage = lazyPage(
  () => import('./pages/ExchangeThreadsPage'),
  (m) => m.ExchangeThreadsPage,
);
const NewThreadPage = lazyPage(
  () => import('./pages/NewThreadPage'),
  (m) => m.NewThreadPage,
);
const ThreadPage = lazyPage(
  () => import('./pages/ThreadPage'),
  (m) => m.ThreadPage,
);
const ModerationPage = lazyPage(
  () => import('./pages/ModerationPage'),
  (m) => m.ModerationPage,
);
const ScheduleSessionPage = lazyPage(
  () => import('./pages/ScheduleSessionPage'),
  (m) => m.ScheduleSessionPage,
);
const SessionPage = lazyPage(
  () => import('./pages/SessionPage'),
  (m) => m.SessionPage,
);

const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: '/sign-in', element: <SignInPage /> },
      { path: '/invite/:token', lazy: AcceptInvitationPage },
      // The practice library is readable without an account (public entries only).
      { path: '/practices', lazy: PracticesPage },
      { path: '/practices/:ref', lazy: PracticePage },
      { path: '/forgot-password', lazy: ForgotPasswordPage },
      { path: '/reset-password/:token', lazy: ResetPasswordPage },
      {
        element: <RequireSession />,
        children: [
          { path: '/', lazy: HomePage },
          { path: '/practitioners', lazy: PractitionersPage },
          { path: '/practitioners/:id', lazy: PractitionerPage },
          { path: '/cities', lazy: CitiesPage },
          { path: '/cities/:id', lazy: CityPage },
          { path: '/me', lazy: MyProfilePage },
          { path: '/exchanges', lazy: ExchangesPage },
          { path: '/exchanges/:id', lazy: ExchangePage },
          // Hosts manage their own exchange: the API decides, these pages say so when it refuses.
          { path: '/exchanges/:id/edit', lazy: ExchangeEditorPage },
          { path: '/exchanges/:id/sessions/new', lazy: ScheduleSessionPage },
          { path: '/exchanges/:id/sessions/:sessionId', lazy: SessionPage },
          { path: '/notifications', lazy: NotificationsPage },
          { path: '/rooms/:roomId', lazy: RoomPage },
          { path: '/commons', lazy: CommonsPage },
          { path: '/exchanges/:id/threads', lazy: ExchangeThreadsPage },
          { path: '/threads/new', lazy: NewThreadPage },
          { path: '/threads/:id', lazy: ThreadPage },
          { path: '/practices/new', lazy: PracticeEditorPage },
          { path: '/practices/mine', lazy: MyPracticesPage },
          { path: '/practices/:id/edit', lazy: PracticeEditorPage },
          { path: '/practices/:id/review', lazy: PracticeReviewPage },
          // Hosts, coordinators and admins: the queue itself says who may review (members are told).
          { path: '/moderation', lazy: ModerationPage },
          {
            element: <RequireSession role="coordinator" />,
            children: [
              { path: '/cities/new', lazy: CityEditorPage },
              { path: '/exchanges/new', lazy: ExchangeEditorPage },
              { path: '/cities/:id/edit', lazy: CityEditorPage },
              { path: '/invitations', lazy: InvitePage },
              { path: '/practices/compendium', lazy: CompendiumPage },
            ],
          },
          {
            element: <RequireSession role="admin" />,
            children: [
              { path: '/admin/mail', lazy: OutgoingMailPage },
              { path: '/admin/mail/:id', lazy: OutgoingMailMessagePage },
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

export function App() {
  return (
    <SessionProvider>
      <RouterProvider router={router} />
    </SessionProvider>
  );
}
