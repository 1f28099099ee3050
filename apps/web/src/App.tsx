import { createBrowserRouter, Navigate, RouterProvider } from 'react-router-dom';
import { RequireSession } from './features/identity/RequireSession';
import { SessionProvider } from './features/identity/session';
import { Layout } from './features/shell/Layout';
import { AcceptInvitationPage } from './pages/AcceptInvitationPage';
import { CitiesPage } from './pages/CitiesPage';
import { CityEditorPage } from './pages/CityEditorPage';
import { CityPage } from './pages/CityPage';
import { ExchangeEditorPage } from './pages/ExchangeEditorPage';
import { ExchangePage } from './pages/ExchangePage';
import { ExchangesPage } from './pages/ExchangesPage';
import { InvitePage } from './pages/InvitePage';
import { MyProfilePage } from './pages/MyProfilePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { NotificationsPage } from './pages/NotificationsPage';
import { PractitionerPage } from './pages/PractitionerPage';
import { PractitionersPage } from './pages/PractitionersPage';
import { RoomPage } from './pages/RoomPage';
import { ScheduleSessionPage } from './pages/ScheduleSessionPage';
import { SessionPage } from './pages/SessionPage';
import { SignInPage } from './pages/SignInPage';

const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: '/sign-in', element: <SignInPage /> },
      { path: '/invite/:token', element: <AcceptInvitationPage /> },
      {
        element: <RequireSession />,
        children: [
          { path: '/', element: <Navigate to="/practitioners" replace /> },
          { path: '/practitioners', element: <PractitionersPage /> },
          { path: '/practitioners/:id', element: <PractitionerPage /> },
          { path: '/cities', element: <CitiesPage /> },
          { path: '/cities/:id', element: <CityPage /> },
          { path: '/me', element: <MyProfilePage /> },
          { path: '/exchanges', element: <ExchangesPage /> },
          { path: '/exchanges/:id', element: <ExchangePage /> },
          // Hosts manage their own exchange: the API decides, these pages say so when it refuses.
          { path: '/exchanges/:id/edit', element: <ExchangeEditorPage /> },
          { path: '/exchanges/:id/sessions/new', element: <ScheduleSessionPage /> },
          { path: '/exchanges/:id/sessions/:sessionId', element: <SessionPage /> },
          { path: '/notifications', element: <NotificationsPage /> },
          { path: '/rooms/:roomId', element: <RoomPage /> },
          {
            element: <RequireSession role="coordinator" />,
            children: [
              { path: '/cities/new', element: <CityEditorPage /> },
              { path: '/exchanges/new', element: <ExchangeEditorPage /> },
              { path: '/cities/:id/edit', element: <CityEditorPage /> },
              { path: '/invitations', element: <InvitePage /> },
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
