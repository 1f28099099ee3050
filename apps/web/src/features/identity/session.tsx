// Who is signed in. The session is restored from the refresh cookie once, on page load.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { MeView, NetworkRole } from '@contracts';
import { onSessionChange, refreshSession } from '../../api/client';

export type SessionState =
  | { status: 'loading'; me: null }
  | { status: 'signed-out'; me: null }
  | { status: 'signed-in'; me: MeView };

const SessionContext = createContext<SessionState>({ status: 'loading', me: null });

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading', me: null });
  useEffect(() => {
    const stop = onSessionChange((me) =>
      setState(me ? { status: 'signed-in', me } : { status: 'signed-out', me: null }),
    );
    void refreshSession();
    return stop;
  }, []);
  return <SessionContext.Provider value={state}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  return useContext(SessionContext);
}

/** The signed-in person; only for components under <RequireSession>. */
export function useMe(): MeView {
  const session = useSession();
  if (session.status !== 'signed-in') throw new Error('useMe() outside a signed-in route');
  return session.me;
}

const RANK: Record<NetworkRole, number> = { member: 0, coordinator: 1, admin: 2 };

export function hasRole(me: Pick<MeView, 'networkRole'>, role: NetworkRole): boolean {
  return RANK[me.networkRole] >= RANK[role];
}
