import type { Pool } from 'pg';
import { ActorResolver, CHECK_REUSE_MS } from './actor-resolver.service.js';
import type { TokenService } from './token.service.js';

const PERSON = '6f1c1a1e-8a5b-4c3d-9e2f-1a2b3c4d5e6f';
const SESSION = '7f1c1a1e-8a5b-4c3d-9e2f-1a2b3c4d5e6f';

/** The account-and-session row PostgreSQL would answer, and how many times it was asked. */
function fakeDatabase() {
  const state = {
    asked: 0,
    sessionAlive: true,
    status: 'active',
    /** When set, each answer waits for this before it is given. */
    gate: null as Promise<void> | null,
  };
  const pool = {
    query: async () => {
      state.asked += 1;
      const row = {
        id: PERSON,
        networkRole: 'member',
        status: state.status,
        passwordChangedAt: null,
        suspendedAt: null,
        sessionAlive: state.sessionAlive,
      };
      if (state.gate) await state.gate;
      return { rows: [row] };
    },
  } as unknown as Pool;
  return { state, pool };
}

const tokens = {
  verifyAccessToken: () => ({ sub: PERSON, sid: SESSION, iat: 1, iam: 1000, role: 'member' }),
} as unknown as TokenService;

describe('ActorResolver: a passed sign-in check is kept briefly and forgotten on demand', () => {
  const realNow = Date.now;
  afterEach(() => {
    Date.now = realNow;
  });

  it('answers a second request within the reuse time without asking PostgreSQL', async () => {
    const { state, pool } = fakeDatabase();
    const actors = new ActorResolver(tokens, pool);
    expect(await actors.resolve('token')).toEqual({ id: PERSON, networkRole: 'member' });
    expect(await actors.resolve('token')).toEqual({ id: PERSON, networkRole: 'member' });
    expect(state.asked).toBe(1);
  });

  it('asks again once the reuse time is over', async () => {
    const { state, pool } = fakeDatabase();
    const actors = new ActorResolver(tokens, pool);
    const start = realNow();
    Date.now = () => start;
    await actors.resolve('token');
    Date.now = () => start + CHECK_REUSE_MS + 1;
    state.sessionAlive = false;
    await expect(actors.resolve('token')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(state.asked).toBe(2);
  });

  it('asks again after the person is forgotten, and then sees the ended session', async () => {
    const { state, pool } = fakeDatabase();
    const actors = new ActorResolver(tokens, pool);
    await actors.resolve('token');
    state.sessionAlive = false;
    actors.forget(PERSON);
    await expect(actors.resolve('token')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(state.asked).toBe(2);
  });

  it('does not keep a check that was on its way while the person was forgotten', async () => {
    const { state, pool } = fakeDatabase();
    const actors = new ActorResolver(tokens, pool);
    let answer!: () => void;
    state.gate = new Promise((resolve) => (answer = resolve));
    // The check reads the session alive, then the sign-out commits and is announced before the
    // answer arrives: that answer may serve its own request, never a later one.
    const inFlight = actors.resolve('token');
    actors.forget(PERSON);
    answer();
    await inFlight;
    state.gate = null;
    state.sessionAlive = false;
    await expect(actors.resolve('token')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('never keeps a refusal: a suspended account is asked about every time', async () => {
    const { state, pool } = fakeDatabase();
    state.status = 'suspended';
    const actors = new ActorResolver(tokens, pool);
    await expect(actors.resolve('token')).rejects.toMatchObject({ code: 'ACCOUNT_SUSPENDED' });
    state.status = 'active';
    expect(await actors.resolve('token')).toEqual({ id: PERSON, networkRole: 'member' });
    expect(state.asked).toBe(2);
  });
});
