import { createBrowserRouter, Navigate, RouterProvider } from 'react-router-dom';
import { RequireSession } from './features/identity/RequireSession';
import { SessionProvider } from './features/identity/session';
import { Layout } from './features/shell/Layout';
import { AcceptInvitationPage } from './pages/AcceptInvitationPage';
import { CitiesPage } from './pages/CitiesPage';
import { CityEditorPage } from './pages/CityEditorPage';
import { CityPage } from './pages/CityPage';
import { InvitePage } from './pages/InvitePage';
import { MyProfilePage } from './pages/MyProfilePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PractitionerPage } from './pages/PractitionerPage';
import { PractitionersPage } from './pages/PractitionersPage';
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
          {
            element: <RequireSession role="coordinator" />,
            children: [
              { path: '/cities/new', element: <CityEditorPage /> },
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
