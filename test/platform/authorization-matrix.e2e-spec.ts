// Every registered route × every kind of caller. A route missing from EXPECTED fails the test,
// so no route can ship without a decision about who may call it.
import { randomUUID } from 'node:crypto';
import type { AccessLevel } from '#libs/common';
import { createPerson, type TestPerson } from '../factories/accounts.js';
import { httpClient, type Http } from '../support/http.js';
import { fillPath, registeredRoutes } from '../support/routes.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const EXPECTED: Record<string, AccessLevel> = {
  'GET /health': 'public',
  'GET /api/docs': 'public',
  'GET /api/docs/': 'public',
  'GET /api/docs/index.html': 'public',
  'GET /api/docs/LICENSE': 'public',
  'GET /api/docs/swagger-ui-init.js': 'public',
  'GET /api/docs/docs/swagger-ui-init.js': 'public',
  'GET /api/docs-json': 'public',
  'GET /api/docs-yaml': 'public',
  'POST /api/auth/sign-in': 'public',
  'POST /api/auth/refresh': 'public',
  'POST /api/auth/sign-out': 'public',
  // Anyone may ask for a reset link (always 202) or use one; both are rate-limited.
  'POST /api/auth/forgot-password': 'public',
  'POST /api/auth/reset-password': 'public',
  // What the platform "sent" while no SMTP server is configured: addresses and links, admins only.
  'GET /api/admin/mail': 'admin',
  'GET /api/admin/mail/:id': 'admin',
  'POST /api/invitations': 'coordinator',
  'GET /api/invitations': 'coordinator',
  'POST /api/invitations/preview': 'public',
  'POST /api/invitations/accept': 'public',
  'GET /api/me': 'member',
  'PATCH /api/me': 'member',
  'POST /api/me/password': 'member',
  'GET /api/me/export': 'member',
  'DELETE /api/me': 'member',
  // The home page: each section is built only from what the caller may see (test/home).
  'GET /api/me/home': 'member',
  'POST /api/practitioners/:id/suspend': 'coordinator',
  'POST /api/practitioners/:id/reinstate': 'coordinator',
  'GET /api/themes': 'member',
  'POST /api/themes': 'coordinator',
  'GET /api/cities': 'member',
  'GET /api/cities/:id': 'member',
  'POST /api/cities': 'coordinator',
  'PATCH /api/cities/:id': 'coordinator',
  'POST /api/cities/:id/archive': 'coordinator',
  'POST /api/cities/:id/unarchive': 'coordinator',
  'GET /api/practitioners': 'member',
  'GET /api/practitioners/:id': 'member',
  'GET /api/notifications': 'member',
  'POST /api/notifications/read-all': 'member',
  'GET /api/notifications/preferences': 'member',
  'PUT /api/notifications/preferences': 'member',
  'POST /api/notifications/:id/read': 'member',
  // Exchange content: any member passes the guard; the exchange policy decides per exchange role
  // (test/exchanges/exchange-roles.e2e-spec.ts checks every route per exchange role).
  'GET /api/exchanges': 'member',
  'POST /api/exchanges': 'coordinator',
  'GET /api/exchanges/:id': 'member',
  'PATCH /api/exchanges/:id': 'member',
  'GET /api/exchanges/:id/members': 'member',
  'POST /api/exchanges/:id/members': 'member',
  'PATCH /api/exchanges/:id/members/:practitionerId': 'member',
  'DELETE /api/exchanges/:id/members/:practitionerId': 'member',
  'POST /api/exchanges/:id/join-requests': 'member',
  'GET /api/exchanges/:id/join-requests': 'member',
  'POST /api/exchanges/:id/join-requests/:requestId/approve': 'member',
  'POST /api/exchanges/:id/join-requests/:requestId/decline': 'member',
  'GET /api/exchanges/:id/sessions': 'member',
  'POST /api/exchanges/:id/sessions': 'member',
  'GET /api/exchanges/:id/time-suggestions': 'member',
  'GET /api/sessions/:id': 'member',
  'PATCH /api/sessions/:id': 'member',
  'POST /api/sessions/:id/cancel': 'member',
  'GET /api/sessions/:id/calendar.ics': 'member',
  'GET /api/me/calendar-feed': 'member',
  'POST /api/me/calendar-feed/rotate': 'member',
  // The secret token in the URL is the credential (calendar apps send no headers).
  'GET /api/calendar/:token.ics': 'public',
  // Live rooms: the room policy decides per exchange role (test/live checks each role).
  'GET /api/docs/live': 'public',
  'GET /api/exchanges/:id/rooms': 'member',
  'GET /api/rooms/:id': 'member',
  'GET /api/rooms/:id/messages': 'member',
  'GET /api/rooms/:id/questions': 'member',
  'GET /api/rooms/:id/moderation-actions': 'member',
  'GET /api/rooms/:id/restrictions': 'member',
  // Threads: the thread policy decides per exchange role (test/discussions checks each role).
  'GET /api/threads': 'member',
  'GET /api/threads/mentionable': 'member',
  'POST /api/threads': 'member',
  'POST /api/messages/:id/thread': 'member',
  'GET /api/threads/:id': 'member',
  'GET /api/threads/:id/posts': 'member',
  'GET /api/threads/:id/export': 'member',
  'POST /api/threads/:id/posts': 'member',
  'PUT /api/threads/:id/read': 'member',
  'PUT /api/threads/:id/follow': 'member',
  'PUT /api/threads/:id/answer': 'member',
  'DELETE /api/threads/:id/answer': 'member',
  'PATCH /api/posts/:id': 'member',
  'DELETE /api/posts/:id': 'member',
  'GET /api/posts/:id/revisions': 'member',
  'PUT /api/posts/:id/reactions/:reaction': 'member',
  'DELETE /api/posts/:id/reactions/:reaction': 'member',
  'POST /api/threads/:id/lock': 'member',
  'POST /api/threads/:id/unlock': 'member',
  'POST /api/threads/:id/pin': 'member',
  'POST /api/threads/:id/unpin': 'member',
  'POST /api/threads/:id/move': 'member',
  'POST /api/threads/:id/merge': 'member',
  'POST /api/threads/:id/hide': 'member',
  'POST /api/threads/:id/restore': 'member',
  'POST /api/posts/:id/hide': 'member',
  'POST /api/posts/:id/restore': 'member',
  'POST /api/thread-mutes': 'member',
  'POST /api/thread-mutes/lift': 'member',
  'GET /api/rooms/:id/mentionable': 'member',
  'GET /api/me/unread': 'member',
  // The practice library. Reading is public: the practice policy decides per entry (signed out:
  // public entries only; test/practices/practices-visibility checks every door per caller).
  // Writing is any member's; the policy decides per entry (author, reviewer, coordinator).
  'GET /api/practices': 'public',
  'GET /api/practices/:ref': 'public',
  'GET /api/practices/:ref/versions': 'public',
  'GET /api/practices/:ref/versions/:version': 'public',
  'GET /api/practices/:ref/diff': 'public',
  'GET /api/practices/mine': 'member',
  'GET /api/practices/review-queue': 'member',
  'POST /api/practices': 'member',
  'POST /api/practices/propose': 'member',
  'GET /api/practices/:id/working': 'member',
  'PATCH /api/practices/:id': 'member',
  'DELETE /api/practices/:id': 'member',
  'GET /api/practices/:id/events': 'member',
  'POST /api/practices/:id/sources': 'member',
  'DELETE /api/practices/:id/sources/:kind/:sourceId': 'member',
  'POST /api/practices/:id/quotes': 'member',
  'DELETE /api/practices/:id/quotes/:quoteId': 'member',
  'POST /api/practices/:id/submit': 'member',
  'POST /api/practices/:id/comments': 'member',
  'POST /api/practices/:id/request-changes': 'member',
  'POST /api/practices/:id/approve': 'member',
  'POST /api/practices/:id/reviewers': 'coordinator',
  'DELETE /api/practices/:id/reviewers/:practitionerId': 'coordinator',
  'POST /api/practices/:id/publish': 'coordinator',
  'POST /api/practices/:id/archive': 'coordinator',
  'POST /api/practices/compendium': 'coordinator',
  // Documents follow the edit policy; hide and restore the moderation policy (coordinators, and
  // hosts of the entry's exchange): test/practices/practices-{documents,moderation}.
  'POST /api/practices/:id/attachments': 'member',
  'DELETE /api/practices/:id/attachments/:fileId': 'member',
  'POST /api/practices/:id/hide': 'member',
  'POST /api/practices/:id/restore': 'member',
  'GET /api/me/quote-requests': 'member',
  'POST /api/practice-quotes/:id/accept': 'member',
  'POST /api/practice-quotes/:id/decline': 'member',
  // Files: an upload is its uploader's; an attached file is read like its post or practice
  // (FileOwners); anyone else gets 404 (test/files/access.e2e-spec.ts).
  'POST /api/files': 'member',
  'GET /api/me/files': 'member',
  // Signed out: only a document of a public practice entry (FileOwner.canReadSignedOut).
  'GET /api/files/:id': 'public',
  'GET /api/files/:id/meta': 'public',
  'DELETE /api/files/:id': 'member',
  // Flags and the review queue (test/moderation/flags.e2e-spec.ts): whoever sees an item reports
  // it; hosts pass the guard as members, and the service refuses (403) a member who hosts nothing,
  // which is what this matrix's plain member is, so the queue and the log read as coordinator's.
  'POST /api/flags': 'member',
  'GET /api/moderation/queue': 'coordinator',
  'POST /api/moderation/queue/:subjectType/:subjectId/decision': 'member',
  'GET /api/moderation/actions': 'coordinator',
};

/** Public routes whose handler itself answers 401 without a refresh cookie (not the guard). */
const NEEDS_REFRESH_COOKIE = new Set(['POST /api/auth/refresh']);

type Caller = 'anonymous' | 'suspended' | 'member' | 'coordinator' | 'admin';
const CALLERS: Caller[] = ['anonymous', 'suspended', 'member', 'coordinator', 'admin'];

function expectedStatus(level: AccessLevel, caller: Caller): 'allowed' | 401 | 403 {
  if (level === 'public') return 'allowed';
  if (caller === 'anonymous') return 401;
  if (caller === 'suspended') return 403;
  const rank = { member: 1, coordinator: 2, admin: 3 };
  return rank[caller] >= rank[level] ? 'allowed' : 403;
}

describe('authorization matrix', () => {
  let t: TestApp;
  let http: Http;
  const tokens: Partial<Record<Caller, TestPerson>> = {};

  beforeAll(async () => {
    t = await startTestApp();
    http = httpClient(t.baseUrl);
    tokens.member = await createPerson(t.dataSource, http, { role: 'member' });
    tokens.coordinator = await createPerson(t.dataSource, http, { role: 'coordinator' });
    tokens.admin = await createPerson(t.dataSource, http, { role: 'admin' });
    tokens.suspended = await createPerson(t.dataSource, http, {
      role: 'admin',
      status: 'suspended',
    });
  });
  afterAll(() => t.close());

  it('has a decision for every registered route, and no stale entries', () => {
    const registered = registeredRoutes(t.app)
      .filter((r) => r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.path}`);
    const undecided = registered.filter((key) => !(key in EXPECTED));
    expect(undecided).toEqual([]);
    const stale = Object.keys(EXPECTED).filter((key) => !registered.includes(key));
    expect(stale).toEqual([]);
  });

  it('answers every route × caller as declared (ids of things that do not exist, empty bodies)', async () => {
    const unexpected: string[] = [];
    const routes = registeredRoutes(t.app).filter((r) => r.method !== 'HEAD');
    for (const route of routes) {
      const level = EXPECTED[`${route.method} ${route.path}`];
      for (const caller of CALLERS) {
        const res = await http(route.method, fillPath(route.path, randomUUID()), {
          token: caller === 'anonymous' ? undefined : tokens[caller]!.token,
          body: ['POST', 'PATCH', 'PUT', 'DELETE'].includes(route.method) ? {} : undefined,
        });
        const want = expectedStatus(level!, caller);
        const handlerRefusal =
          NEEDS_REFRESH_COOKIE.has(`${route.method} ${route.path}`) &&
          res.body?.message === 'No session; sign in.';
        const got =
          (res.status === 401 || res.status === 403) && !handlerRefusal ? res.status : 'allowed';
        if (got !== want || res.status >= 500) {
          unexpected.push(
            `${route.method} ${route.path} as ${caller}: expected ${want}, got ${res.status} ${JSON.stringify(res.body)}`,
          );
        }
        const wantCode =
          caller === 'suspended' && want === 403
            ? 'ACCOUNT_SUSPENDED'
            : want === 401
              ? 'UNAUTHENTICATED'
              : want === 403
                ? 'FORBIDDEN'
                : undefined;
        if (wantCode && res.body?.code !== wantCode) {
          unexpected.push(
            `${route.method} ${route.path} as ${caller}: expected code ${wantCode}, got ${JSON.stringify(res.body)}`,
          );
        }
      }
    }
    expect(unexpected).toEqual([]);
  });

  it('treats a forged or expired token as no token', async () => {
    const forged = `${tokens.admin!.token.slice(0, -4)}AAAA`;
    const res = await http('GET', '/api/me', { token: forged });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
  });
});
